import { afterEach, describe, expect, it } from 'vitest';
import { expose } from 'comlink';
import type { FeedBatch, FeedConfig, ImportProgress } from '../protocol/feed-api';
import { FeedClient, openClientCalls } from './feed-client';
import { batch, view } from './testing/test-builders';
import { FakeFeed, until } from './testing/test-feed';

const T = 1_723_075_200_000;
const config: FeedConfig = {
	wsBase: 'ws://127.0.0.1:1',
	restBase: 'http://127.0.0.1:1',
	symbols: ['btcusdt']
};

const ports: MessagePort[] = [];
afterEach(() => {
	for (const port of ports.splice(0)) port.close();
});

function setup() {
	const { port1, port2 } = new MessageChannel();
	ports.push(port1, port2);
	const feed = new FakeFeed();
	expose(feed, port2);
	const batches: FeedBatch[] = [];
	const errors: string[] = [];
	const client = new FeedClient({
		endpoint: port1,
		onBatch: (b) => batches.push(b),
		onError: (e) => errors.push(e)
	});
	return { feed, client, batches, errors };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('FeedClient over a MessageChannel', () => {
	it('keeps call order: a watch made right after start reaches the worker after it', async () => {
		const { feed, client } = setup();
		const started = client.start(config);
		const watched = client.api.watch('main', 'btcusdt', '1s');
		await Promise.all([started, watched]);
		expect(feed.calls).toEqual(['start btcusdt', 'watch main btcusdt 1s']);
	});

	it('sends start and watches without waiting for answers; a call that is not done on receipt holds later ones', async () => {
		const { feed, client } = setup();
		let release = () => {};
		feed.startGate = new Promise<void>((resolve) => (release = resolve));
		const started = client.start(config);
		const watched = client.api.watch('main', 'btcusdt', '1s');
		// Both reached the worker while the start has not answered.
		await until(() => feed.calls.length === 2);
		expect(feed.calls).toEqual(['start btcusdt', 'watch main btcusdt 1s']);
		release();
		await Promise.all([started, watched]);

		let plan = () => {};
		feed.replayGate = new Promise<void>((resolve) => (plan = resolve));
		const request = { sessionId: 'live', fromMs: T, toMs: T + 1000, speed: 1 } as const;
		const replayed = client.api.replay(request);
		const controlled = client.api.replayControl({ playing: false });
		await new Promise((resolve) => setTimeout(resolve, 30));
		// The control waits for the replay it controls to have begun.
		expect(feed.calls).toEqual(['start btcusdt', 'watch main btcusdt 1s']);
		plan();
		await Promise.all([replayed, controlled]);
		expect(feed.calls.slice(2)).toEqual([
			`replay live ${T} ${T + 1000} 1`,
			'replayControl {"playing":false}'
		]);
	});

	it('hands every batch on in order, and answers the worker only once it was handed on', async () => {
		const { feed, client, batches } = setup();
		await client.start(config);
		// The worker's post resolves when the page took the batch: its go-ahead for the next one.
		// Through comlink the listener's call is a promise of its answer (FeedListener says void).
		const post = (b: FeedBatch) => feed.listener?.batch(b) as unknown as Promise<void>;
		const posted = post(batch(1, [view('main', [T], { reset: true })]));
		expect(batches).toEqual([]);
		await posted;
		expect(batches.map((b) => b.seq)).toEqual([1]);
		await post(batch(2, [view('main', [T + 1000])]));
		expect(batches.map((b) => b.seq)).toEqual([1, 2]);
		expect([...(batches[1]?.views[0]?.bars.time ?? [])]).toEqual([T + 1000]);
	});

	it('reports a failed call when asked to, and goes on with the next', async () => {
		const { feed, client, errors } = setup();
		feed.failWatch = true;
		const watched = client.api.watch('main', 'xxx', '1m');
		client.report('Watching xxx 1m', watched);
		await expect(watched).rejects.toThrow('no such symbol');
		await until(() => errors.length > 0);
		expect(errors).toEqual(['Watching xxx 1m failed: no such symbol']);
		feed.failWatch = false;
		await client.api.unwatch('main');
		expect(feed.calls).toEqual(['watch main xxx 1m', 'unwatch main']);
	});

	it("leaves a panel call's failure to the caller", async () => {
		const { feed, client, errors } = setup();
		feed.failReplay = 'no such replay session';
		const request = { sessionId: 'import:9', fromMs: T, toMs: T + 1, speed: 1 as const };
		await expect(client.api.replay(request)).rejects.toThrow('no such replay session');
		await settle();
		expect(errors).toEqual([]);
	});

	it('moves an import’s bytes to the worker, calls back its progress, and lets it skip the queue', async () => {
		const { feed, client } = setup();
		feed.importSteps = [{ bytesDone: 3, ticks: 1 }];
		feed.imported = {
			id: 'import:1',
			kind: 'import',
			label: 'x.csv',
			symbol: 'btcusdt',
			ticks: 1,
			fromMs: T,
			toMs: T
		};
		let release = () => {};
		feed.startGate = new Promise<void>((resolve) => (release = resolve));
		const started = client.start(config);
		const data = new Uint8Array([1, 2, 3, 4]).buffer;
		const seen: ImportProgress[] = [];
		const imported = client.api.importFile('x.csv', data, { progress: (p) => seen.push(p) });
		// Transferred, not copied: the page's buffer is detached at once.
		expect(data.byteLength).toBe(0);
		let answered = false;
		void started.then(() => (answered = true));
		expect(await imported).toEqual(feed.imported);
		// The start ahead of it has not answered yet: the import went by.
		expect(answered).toBe(false);
		expect(feed.calls).toEqual(['start btcusdt', 'importFile x.csv']);
		expect(feed.importedBytes).toBe(4);
		expect(seen).toEqual([{ bytesDone: 3, bytesTotal: 4, ticks: 1 }]);
		release();
		await started;
	});

	it('refuses calls in words while no client is open', async () => {
		let open: FeedClient | null = null;
		const calls = openClientCalls(() => open);
		await expect(calls.sessions()).rejects.toThrow('The feed is not running');
		const { feed, client } = setup();
		open = client;
		expect(await calls.sessions()).toEqual([]);
		expect(feed.calls).toEqual(['sessions']);
	});

	it('stops the feed on close and drops later batches', async () => {
		const { feed, client, batches } = setup();
		await client.start(config);
		await client.close();
		expect(feed.calls).toContain('stop');
		void feed.listener?.batch(batch(1));
		await settle();
		expect(batches).toEqual([]);
	});
});
