import { describe, expect, it } from 'vitest';
import type { ImportProgress, ReplaySession } from '../../protocol/feed-api';
import { ImportState, type ImportPort, type ImportSource } from './import.svelte';
import { FakeFeed } from '../testing/test-feed';

const session: ReplaySession = {
	id: 'import:1',
	kind: 'import',
	label: 'BTCUSDT-aggTrades-2024-08-08.csv',
	symbol: 'btcusdt',
	ticks: 3,
	fromMs: 1_723_161_255_120,
	toMs: 1_723_161_599_999
};

const source = (name: string, text: string): ImportSource => {
	const bytes = new TextEncoder().encode(text);
	return { name, size: bytes.byteLength, arrayBuffer: () => Promise.resolve(bytes.buffer) };
};

function setup() {
	const feed = new FakeFeed();
	const seen: ImportProgress[] = [];
	const port: ImportPort = {
		importFile: (name, data, listener, symbol) =>
			feed.importFile(
				name,
				data,
				{
					progress: (p) => {
						seen.push(p);
						listener?.progress(p);
					}
				},
				symbol
			)
	};
	const imported: ReplaySession[] = [];
	const state = new ImportState(port, (s) => imported.push(s));
	return { feed, state, seen, imported };
}

describe('ImportState', () => {
	it('reads the file, shows progress, then lists the new session', async () => {
		const { feed, state, seen, imported } = setup();
		feed.importSteps = [
			{ bytesDone: 10, ticks: 1 },
			{ bytesDone: 20, ticks: 3 }
		];
		feed.imported = session;
		const running = state.run(source('BTCUSDT-aggTrades-2024-08-08.csv', 'x'.repeat(20)));
		expect(state.busy).toBe(true);
		expect(state.name).toBe('BTCUSDT-aggTrades-2024-08-08.csv');
		expect(state.progress).toEqual({ bytesDone: 0, bytesTotal: 20, ticks: 0 });
		await new Promise((resolve) => setTimeout(resolve, 1));
		expect(state.fraction).toBe(0.5);
		expect(await running).toEqual(session);
		expect(seen.map((p) => p.ticks)).toEqual([1, 3]);
		expect(feed.importedBytes).toBe(20);
		expect([state.busy, state.progress, state.error]).toEqual([false, null, '']);
		expect(state.done).toEqual(session);
		expect(imported).toEqual([session]);
		state.dismiss();
		expect(state.done).toBeNull();
	});

	it('shows the worker message verbatim when the file is refused', async () => {
		const { feed, state, imported } = setup();
		feed.importError = 'bad.csv:3: price "abc" is not a decimal';
		expect(await state.run(source('bad.csv', '1,2,3'))).toBeNull();
		expect(state.error).toBe('bad.csv:3: price "abc" is not a decimal');
		expect([state.busy, state.done, imported]).toEqual([false, null, []]);
	});

	it('offers to name the symbol when the file name does not say it, and retries with it', async () => {
		const { feed, state } = setup();
		feed.importError = 'cannot tell the symbol from the file name "trades.csv"';
		await state.run(source('trades.csv', 'abc'));
		expect(state.canName).toBe(true);
		feed.importError = '';
		feed.imported = session;
		expect(await state.retry(' BTCUSDT ')).toEqual(session);
		expect(feed.calls).toEqual(['importFile trades.csv', 'importFile trades.csv as BTCUSDT']);
		expect(state.canName).toBe(false);
		feed.importError = 'BTCUSDT-trades-2024-08-08.csv:2: expected 7 columns';
		await state.run(source('BTCUSDT-trades-2024-08-08.csv', 'x'));
		expect(state.canName).toBe(false);
	});

	it('refuses a second file while one is being imported', async () => {
		const { feed, state } = setup();
		feed.importSteps = [{ bytesDone: 1, ticks: 1 }];
		feed.imported = session;
		const first = state.run(source('a.csv', 'a'));
		expect(await state.run(source('b.csv', 'b'))).toBeNull();
		expect(state.error).toBe('b.csv: wait until a.csv is imported');
		await first;
		expect(feed.calls).toEqual(['importFile a.csv']);
	});
});
