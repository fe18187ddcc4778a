import 'fake-indexeddb/auto';
import { forceCloseDatabase, IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemTimers } from '../../runtime/system-timers';
import { epochMs } from '../../core/time';
import type { Trade } from '../../core/trade';
import { WRITER_LOCK } from './cache-lock';
import { FakeLocks } from '../testing/lock-fakes';
import { NO_INDEXEDDB_NOTICE } from './cache-notices';
import { TickCache, type CacheDeps } from './tick-cache';

const T0 = 1_723_161_255_342;
/** A local clock a year and a half after the trades (2024-08-09). */
const YEAR_2026 = Date.UTC(2026, 2, 1);
/** The host's timers with every delay cut to a few ms: a minute's prune cadence runs at once. */
const fastTimers = {
	setTimeout: (callback: () => void, ms: number) => setTimeout(callback, Math.min(ms, 5)),
	clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

/** Raw trades `from`..`to` (ids), one every 10 ms. */
function trades(from: number, to: number): Trade[] {
	return Array.from({ length: to - from + 1 }, (_, i) => {
		const id = from + i;
		return {
			symbol: 'BTCUSDT',
			id,
			price: (61837.63 + (id % 7) / 100).toFixed(8),
			qty: '0.00009000',
			time: epochMs(T0 + (id - 1) * 10),
			buyerMaker: id % 3 === 0,
			count: 1,
			firstTradeId: id,
			lastTradeId: id
		};
	});
}

const caches: TickCache[] = [];
afterEach(() => {
	vi.restoreAllMocks();
	for (const cache of caches.splice(0)) cache.close();
});

function cacheOn(extra: Partial<CacheDeps> = {}, logs: unknown[] = []): TickCache {
	const cache = new TickCache({
		now: () => T0 + 60_000,
		timers: systemTimers,
		tuning: { flushMs: 5 },
		log: (message) => void logs.push(message),
		...extra
	});
	caches.push(cache);
	return cache;
}

async function storedIds(cache: TickCache, key = 'BTCUSDT'): Promise<number[]> {
	const ids: number[] = [];
	await cache.scan(key, -Infinity, Infinity, (columns) => ids.push(...columns.id));
	return ids;
}

const range = (from: number, to: number): number[] =>
	Array.from({ length: to - from + 1 }, (_, i) => from + i);

const record = (cache: TickCache, list: readonly Trade[], key = 'BTCUSDT'): void => {
	for (const trade of list) cache.record(trade, key);
};

const quotaError = () => new DOMException('Quota exceeded', 'QuotaExceededError');

function countWrites() {
	const transaction = vi.spyOn(IDBDatabase.prototype, 'transaction');
	return () => transaction.mock.calls.filter(([, mode]) => mode === 'readwrite').length;
}

describe('TickCache', () => {
	it('writes every recorded trade in one transaction per flush, never one per trade', async () => {
		const cache = cacheOn({ indexedDB: new IDBFactory(), locks: new FakeLocks() });
		await cache.open();
		const writes = countWrites();
		for (let burst = 0; burst < 5; burst++) {
			record(cache, trades(burst * 1000 + 1, burst * 1000 + 1000));
			await vi.waitFor(() => expect(writes()).toBe(burst + 1));
		}
		await cache.drain();
		expect(writes()).toBe(5);
		expect(await storedIds(cache)).toEqual(range(1, 5000));
		expect(cache.status()).toEqual({ mode: 'indexeddb', retentionMinutes: 15, notice: '' });
	});

	it('stores under the key it is given and keeps going while earlier writes are in flight', async () => {
		const cache = cacheOn({ indexedDB: new IDBFactory(), tuning: { flushMs: 1, maxBatch: 700 } });
		await cache.open();
		record(cache, trades(1, 3000), '127.0.0.1:9/BTCUSDT');
		await cache.drain();
		expect(await storedIds(cache, '127.0.0.1:9/BTCUSDT')).toEqual(range(1, 3000));
		expect(await storedIds(cache)).toEqual([]);
	});

	it('lets one tab write: the next reads, writes nothing, and takes over with what it held', async () => {
		const factory = new IDBFactory();
		const locks = new FakeLocks();
		const first = cacheOn({ indexedDB: factory, locks });
		const second = cacheOn({ indexedDB: factory, locks });
		await first.open();
		await second.open();
		expect(first.mode).toBe('indexeddb');
		expect(second.status()).toMatchObject({ mode: 'reader', notice: '' });

		// Both tabs see the same live trades; only the writer stores them.
		record(first, trades(1, 100));
		await first.drain();
		const writes = countWrites();
		record(second, trades(1, 160));
		await second.drain();
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(writes()).toBe(0);
		expect(await storedIds(second)).toEqual(range(1, 100));

		// The writer's tab closes before its last trades were flushed; the reader fills them in.
		record(first, trades(101, 150));
		first.close();
		await vi.waitFor(() => expect(second.mode).toBe('indexeddb'));
		await second.drain();
		expect(await storedIds(second)).toEqual(range(1, 160));
		expect(locks.isHeld(WRITER_LOCK)).toBe(true);
		second.close();
		await vi.waitFor(() => expect(locks.isHeld(WRITER_LOCK)).toBe(false));
	});

	it('keeps the newest minute of a 2024 feed through its prunes while the clock says 2026', async () => {
		const cache = cacheOn({
			indexedDB: new IDBFactory(),
			now: () => YEAR_2026,
			timers: fastTimers
		});
		cache.setRetention(1);
		await cache.open();
		cache.resume();
		record(cache, trades(1, 12_000)); // two minutes of trades
		await cache.drain();
		// The prune cadence ran (the chunk of the first minute went) and ran again after that.
		await vi.waitFor(() => storedIds(cache).then((ids) => expect(ids[0]).toBeGreaterThan(1)));
		await new Promise((resolve) => setTimeout(resolve, 50));
		const kept = await storedIds(cache);
		// Everything from a minute before the newest trade (id 6000 at T0 + 59,990 ms) is kept.
		expect(kept.at(-1)).toBe(12_000);
		expect(kept[0]).toBeLessThanOrEqual(6000);
		expect(kept).toEqual(range(kept[0] ?? 0, 12_000));
		expect(await cache.newest('BTCUSDT')).toBe(T0 + 119_990);
	});

	it('keeps ticks in memory, with a notice, where there is no IndexedDB', async () => {
		const cache = cacheOn({ indexedDB: null });
		await cache.open();
		expect(cache.restorable).toBe(false);
		expect(cache.status()).toEqual({
			mode: 'memory',
			retentionMinutes: 15,
			notice: NO_INDEXEDDB_NOTICE
		});
		record(cache, trades(1, 10));
		await cache.drain();
		expect(await storedIds(cache)).toEqual(range(1, 10));
	});

	it('falls back to memory when IndexedDB refuses to open, and lets go of the lock', async () => {
		const factory = new IDBFactory();
		vi.spyOn(factory, 'open').mockImplementation(() => {
			throw new DOMException('A mutation operation was attempted', 'InvalidStateError');
		});
		const locks = new FakeLocks();
		const logs: unknown[] = [];
		const cache = cacheOn({ indexedDB: factory, locks }, logs);
		await cache.open();
		expect(cache.status()?.notice).toBe(NO_INDEXEDDB_NOTICE);
		expect(logs).toEqual(['Tick cache: IndexedDB did not open']);
		await vi.waitFor(() => expect(locks.isHeld(WRITER_LOCK)).toBe(false));
	});

	it('says so when storage is full and retention was cut, and keeps writing', async () => {
		const cache = cacheOn({ indexedDB: new IDBFactory() });
		cache.setRetention(20);
		await cache.open();
		vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementationOnce(() => {
			throw quotaError();
		});
		record(cache, trades(1, 50));
		await cache.drain();
		expect(cache.status()).toEqual({
			mode: 'indexeddb',
			retentionMinutes: 10,
			notice: 'Storage is full: keeping 10 minutes of ticks instead of 20'
		});
		expect(await storedIds(cache)).toEqual(range(1, 50));
		// The same setting again keeps the cut; a new one replaces it.
		cache.setRetention(20);
		expect(cache.retentionMinutes).toBe(10);
		cache.setRetention(5);
		expect(cache.status()).toMatchObject({ retentionMinutes: 5, notice: '' });
	});

	it('keeps the trades of a failed write for the next one, logging once', async () => {
		const logs: unknown[] = [];
		const cache = cacheOn({ indexedDB: new IDBFactory() }, logs);
		await cache.open();
		const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
			throw new DOMException('Transaction aborted', 'AbortError');
		});
		record(cache, trades(1, 30));
		await cache.drain();
		record(cache, trades(31, 40));
		await cache.drain();
		expect(await storedIds(cache)).toEqual([]);
		put.mockRestore();
		await cache.drain();
		expect(await storedIds(cache)).toEqual(range(1, 40));
		expect(logs).toEqual(['Tick cache: a write failed; retrying']);
	});

	it('goes on in memory, saying why, when the browser closes the database', async () => {
		const factory = new IDBFactory();
		const opened = vi.spyOn(factory, 'open');
		const cache = cacheOn({ indexedDB: factory });
		await cache.open();
		const request = opened.mock.results[0]?.value as IDBOpenDBRequest;
		forceCloseDatabase(request.result as unknown as typeof IDBDatabase);
		await vi.waitFor(() => expect(cache.mode).toBe('memory'));
		expect(cache.status()?.notice).toMatch(/closed the tick cache/);
		record(cache, trades(1, 5));
		await cache.drain();
		expect(await storedIds(cache)).toEqual(range(1, 5));
	});
});
