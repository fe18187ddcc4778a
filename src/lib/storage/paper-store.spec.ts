import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { PaperSessionRecord } from '../core/paper/paper-types';
import { openPaperStore } from './idb-paper-store';
import { MemoryPaperStore, type PaperStore } from './paper-store';

const record = (id: string, createdAtMs: number): PaperSessionRecord => ({
	id,
	mode: 'live',
	replayId: null,
	settings: {
		symbol: 'btcusdt',
		baseAsset: 'BTC',
		quoteAsset: 'USDT',
		startBalance: '100',
		feePercent: '0.1',
		stepSize: null
	},
	createdAtMs,
	endedAtMs: null,
	fills: [],
	orders: [],
	stopLoss: null,
	takeProfit: null,
	nextOrderId: 1,
	peak: '100',
	maxDrawdown: '0',
	maxDrawdownShare: 0,
	curve: [[createdAtMs, 100]],
	lastPrice: null
});

const stores: [string, () => Promise<PaperStore>][] = [
	['memory', () => Promise.resolve(new MemoryPaperStore())],
	['indexeddb', () => openPaperStore({ factory: new IDBFactory() })]
];

describe.each(stores)('PaperStore (%s)', (_, open) => {
	it('lists sessions newest first, a put replacing the one with its id', async () => {
		const store = await open();
		await store.put(record('a', 1));
		await store.put(record('b', 2));
		await store.put({ ...record('a', 1), endedAtMs: 5 });
		const listed = await store.list();
		expect(listed.map((r) => r.id)).toEqual(['b', 'a']);
		expect(listed[1]?.endedAtMs).toBe(5);
	});

	it('refuses use once closed', async () => {
		const store = await open();
		store.close();
		await expect(store.list()).rejects.toThrow(/paper store is closed/);
	});
});

it('keeps sessions across connections to the same database', async () => {
	const factory = new IDBFactory();
	const first = await openPaperStore({ factory });
	await first.put(record('kept', 3));
	first.close();
	const second = await openPaperStore({ factory });
	expect((await second.list()).map((r) => r.id)).toEqual(['kept']);
});
