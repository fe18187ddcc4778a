import { afterEach, describe, expect, it } from 'vitest';
import { expose } from 'comlink';
import type { FeedConfig } from '../protocol/feed-api';
import type { Frame } from './batch-coalescer';
import { FeedClient } from './feed-client';
import { batch, view } from './test-builders';
import { FakeFeed, manualFrames, until } from './test-feed';

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
	const { clock: frameClock, frame, pending } = manualFrames();
	const frames: Frame[] = [];
	const errors: string[] = [];
	const client = new FeedClient({
		endpoint: port1,
		clock: frameClock,
		onFrame: (f) => frames.push(f),
		onError: (e) => errors.push(e)
	});
	return { feed, client, frame, pending, frames, errors };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('FeedClient over a MessageChannel', () => {
	it('keeps call order: a watch made right after start reaches the worker after it', async () => {
		const { feed, client } = setup();
		const started = client.start(config);
		const watched = client.watch('main', 'btcusdt', '1s');
		await Promise.all([started, watched]);
		expect(feed.calls).toEqual(['start btcusdt', 'watch main btcusdt 1s']);
	});

	it('delivers batches folded into one frame per animation frame', async () => {
		const { feed, client, frame, pending, frames } = setup();
		await client.start(config);
		feed.listener?.batch(batch(1, [view('main', [T], { reset: true })]));
		feed.listener?.batch(batch(2, [view('main', [T + 1000])]));
		await until(() => pending() > 0);
		await settle();
		expect(pending()).toBe(1);
		expect(frames).toEqual([]);
		frame();
		expect(frames).toHaveLength(1);
		expect(frames[0]).toMatchObject({ seq: 2, batches: 2 });
		expect([...(frames[0]?.views[0]?.bars.time ?? [])]).toEqual([T, T + 1000]);
	});

	it('reports a failed call and goes on with the next', async () => {
		const { feed, client, errors } = setup();
		feed.failWatch = true;
		await expect(client.watch('main', 'xxx', '1m')).rejects.toThrow('no such symbol');
		await until(() => errors.length > 0);
		expect(errors).toEqual(['Watching xxx 1m failed: no such symbol']);
		feed.failWatch = false;
		await client.unwatch('main');
		expect(feed.calls).toEqual(['watch main xxx 1m', 'unwatch main']);
	});

	it('stops the feed on close and drops later batches', async () => {
		const { feed, client, frame, frames } = setup();
		await client.start(config);
		await client.close();
		expect(feed.calls).toContain('stop');
		feed.listener?.batch(batch(1));
		await settle();
		frame();
		expect(frames).toEqual([]);
	});
});
