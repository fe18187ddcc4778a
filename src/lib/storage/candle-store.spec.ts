import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { useClosedAfterEach } from '../../../tests/support/closing';
import type { KlineRow } from '../core/kline';
import { epochMs } from '../core/time';
import { STORED_CANDLES, type CandleStore } from './candle-store';
import { openCandleStore } from './idb-candle-store';
import { MemoryCandleStore } from './memory-candle-store';
import { openTickDb } from './tick-db';

const T0 = 1_723_161_240_000;
const MINUTE = 60_000;
const quiet = { blocking() {}, terminated() {} };

/** `count` 1m rows from `from`, closing at 61000 + i. */
function rows(from: number, count: number): KlineRow[] {
	return Array.from({ length: count }, (_, i) => {
		const time = T0 + (from + i) * MINUTE;
		const close = `${61000 + from + i}.00000000`;
		return [
			epochMs(time),
			close,
			close,
			close,
			close,
			'1.00000000',
			epochMs(time + MINUTE - 1),
			close,
			1,
			'0.50000000',
			'30500.00000000',
			'0'
		];
	});
}

const kept = useClosedAfterEach();

describe.each([
	['IndexedDB', () => openCandleStore({ factory: new IDBFactory() })],
	['memory', () => Promise.resolve(new MemoryCandleStore() as CandleStore)]
])('%s candle store', (_, open) => {
	it('keeps one series per key and interval, replaced whole by each save', async () => {
		const store = await kept(open());
		expect(await store.load('BTCUSDT', '1m')).toEqual([]);
		await store.save('BTCUSDT', '1m', rows(0, 3));
		await store.save('127.0.0.1:18443/BTCUSDT', '1m', rows(10, 2));
		await store.save('BTCUSDT', '5m', rows(20, 1));
		expect(await store.load('BTCUSDT', '1m')).toEqual(rows(0, 3));
		expect(await store.load('127.0.0.1:18443/BTCUSDT', '1m')).toEqual(rows(10, 2));
		expect(await store.load('BTCUSDT', '5m')).toEqual(rows(20, 1));
		await store.save('BTCUSDT', '1m', rows(1, 4));
		expect(await store.load('BTCUSDT', '1m')).toEqual(rows(1, 4));
	});

	it('keeps only the newest STORED_CANDLES of a series', async () => {
		const store = await kept(open());
		await store.save('ETHUSDT', '1m', rows(0, STORED_CANDLES + 7));
		const loaded = await store.load('ETHUSDT', '1m');
		expect(loaded).toHaveLength(STORED_CANDLES);
		expect(loaded[0]).toEqual(rows(7, 1)[0]);
		expect(loaded.at(-1)).toEqual(rows(STORED_CANDLES + 6, 1)[0]);
	});

	it('rejects once closed', async () => {
		const store = await open();
		store.close();
		await expect(store.load('BTCUSDT', '1m')).rejects.toThrow('the candle store is closed');
		await expect(store.save('BTCUSDT', '1m', rows(0, 1))).rejects.toThrow('closed');
	});
});

describe('IndexedDB candle store', () => {
	it('is shared by the connections of every tab', async () => {
		const factory = new IDBFactory();
		const writer = await kept(openCandleStore({ factory }));
		const reader = await kept(openCandleStore({ factory }));
		await writer.save('BTCUSDT', '1h', rows(0, 2));
		expect(await reader.load('BTCUSDT', '1h')).toEqual(rows(0, 2));
	});

	it('adds the candles to a version 3 database, keeping its sessions', async () => {
		const factory = new IDBFactory();
		const v3 = await openTickDb(factory, 'tickscope', quiet, 3);
		expect(Array.from(v3.objectStoreNames)).not.toContain('candles');
		const session = { label: 'a.csv', symbol: 'BTCUSDT', ticks: 0, fromMs: T0, toMs: T0 };
		await v3.add('sessions', { ...session, bytes: 0, importedAt: T0, id: 1 });
		v3.close();
		const store = await kept(openCandleStore({ factory }));
		await store.save('BTCUSDT', '1m', rows(0, 1));
		expect(await store.load('BTCUSDT', '1m')).toEqual(rows(0, 1));
		const db = await kept(openTickDb(factory, 'tickscope', quiet));
		expect(await db.count('sessions')).toBe(1);
	});

	it('reports a lost connection and closes', async () => {
		const factory = new IDBFactory();
		const lost: string[] = [];
		const store = await kept(openCandleStore({ factory, onLost: (reason) => lost.push(reason) }));
		// A newer version opened elsewhere: this connection steps aside.
		const newer = await kept(openTickDb(factory, 'tickscope', quiet, 99));
		expect(newer.version).toBe(99);
		expect(lost).toEqual(['a newer version of the app opened the database']);
		await expect(store.load('BTCUSDT', '1m')).rejects.toThrow('newer version');
	});
});
