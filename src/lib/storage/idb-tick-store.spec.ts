import 'fake-indexeddb/auto';
import { forceCloseDatabase, IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { epochMs } from '../core/time';
import type { Trade } from '../core/trade';
import { openTickStore } from './idb-tick-store';
import { openTickStoreOrMemory } from './open-tick-store';
import { openTickDb } from './tick-db';
import type { TickStore } from './tick-store';

const T0 = 1_723_161_255_342;
const MINUTE = 60_000;

/** Raw trades `from`..`to` (ids), one every 10 ms from `time`. */
function trades(from: number, to: number, time = T0): Trade[] {
	return Array.from({ length: to - from + 1 }, (_, i) => {
		const id = from + i;
		const base = { symbol: 'BTCUSDT', id, price: (61837.63 + (i % 7) / 100).toFixed(8) };
		const rest = { qty: '0.00009000', time: epochMs(time + i * 10), buyerMaker: i % 3 === 0 };
		return { ...base, ...rest, count: 1, firstTradeId: id, lastTradeId: id };
	});
}

async function ids(store: TickStore): Promise<number[]> {
	const chunks = await store.load('BTCUSDT', -Infinity, Infinity);
	return chunks.flatMap((c) => Array.from(c.id));
}

const quotaError = () => new DOMException('Quota exceeded', 'QuotaExceededError');
const open: TickStore[] = [];
async function openOn(factory: IDBFactory, now = () => T0, extra = {}): Promise<TickStore> {
	const store = await openTickStore({ factory, now, ...extra });
	open.push(store);
	return store;
}

afterEach(() => {
	vi.restoreAllMocks();
	vi.unstubAllGlobals();
	for (const store of open.splice(0)) store.close();
});

describe('IndexedDB tick store', () => {
	it('writes each append in exactly one readwrite transaction', async () => {
		const store = await openOn(new IDBFactory());
		const transaction = vi.spyOn(IDBDatabase.prototype, 'transaction');
		const eth = trades(1, 50).map((t) => ({ ...t, symbol: 'ETHUSDT' }));
		await store.append([...trades(1, 5000), ...eth]); // merges, prunes, two symbols
		const modes = transaction.mock.calls.map(([, mode]) => mode ?? 'readonly');
		expect(modes).toEqual(['readwrite']);
	});

	it('keeps ticks and the dedup mark across a restart', async () => {
		const factory = new IDBFactory();
		const first = await openOn(factory);
		await first.append(trades(1, 3000));
		first.close();
		const again = await openOn(factory);
		expect((await again.symbols())[0]).toMatchObject({ ticks: 3000, lastId: 3000 });
		expect(await again.append(trades(1, 4000))).toMatchObject({ written: 1000, skipped: 3000 });
		expect(await ids(again)).toEqual(trades(1, 4000).map((t) => t.id));
	});

	it('halves the retention, prunes and retries once when storage is full', async () => {
		let clock = T0;
		const store = await openOn(new IDBFactory(), () => clock);
		await store.append(trades(1, 100));
		clock = T0 + 10 * MINUTE;
		vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementationOnce(() => {
			throw quotaError();
		});
		const result = await store.append(trades(101, 200, clock));
		expect(result).toEqual({ written: 100, skipped: 0, quota: { retentionMinutes: 7 } });
		expect(store.retentionMinutes).toBe(7);
		expect(await ids(store)).toEqual(trades(101, 200).map((t) => t.id));
	});

	it('rejects when the retry fails too, leaving state to write the batch later', async () => {
		const store = await openOn(new IDBFactory());
		await store.append(trades(1, 10));
		const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
			throw new DOMException('Transaction aborted: quota reached', 'AbortError');
		});
		await expect(store.append(trades(11, 20))).rejects.toThrow(/quota/);
		expect(store.retentionMinutes).toBe(7);
		put.mockRestore();
		expect(await ids(store)).toEqual(trades(1, 10).map((t) => t.id));
		expect(await store.append(trades(11, 20))).toMatchObject({ written: 10, quota: null });
		expect(await ids(store)).toEqual(trades(1, 20).map((t) => t.id));
	});

	it('keeps at least one minute, and leaves other failures alone', async () => {
		const store = await openOn(new IDBFactory(), () => T0, { retentionMinutes: 1 });
		const put = vi.spyOn(IDBObjectStore.prototype, 'put');
		put.mockImplementationOnce(() => {
			throw quotaError();
		});
		expect((await store.append(trades(1, 10))).quota).toEqual({ retentionMinutes: 1 });
		put.mockImplementationOnce(() => {
			throw new DOMException('Transaction aborted', 'AbortError');
		});
		await expect(store.append(trades(11, 20))).rejects.toThrow('Transaction aborted');
		expect(store.retentionMinutes).toBe(1);
	});

	it('closes when a newer version opens elsewhere, so that one is not blocked', async () => {
		const factory = new IDBFactory();
		const onLost = vi.fn();
		const store = await openOn(factory, () => T0, { onLost });
		const newer = factory.open('tickscope', 3);
		const outcome = await new Promise<string>((resolve) => {
			newer.onsuccess = () => resolve('opened');
			newer.onblocked = () => resolve('blocked');
		});
		expect(outcome).toBe('opened');
		newer.result.close();
		expect(onLost).toHaveBeenCalledWith('blocking');
		await expect(store.append(trades(1, 1))).rejects.toThrow(/closed \(blocking\)/);
	});

	it('reports a connection the browser terminated', async () => {
		const factory = new IDBFactory();
		const opened = vi.spyOn(factory, 'open');
		const onLost = vi.fn();
		const store = await openOn(factory, () => T0, { onLost });
		const request = opened.mock.results[0]?.value as IDBOpenDBRequest;
		// fake-indexeddb's typings ask for the class; the function takes a connection.
		forceCloseDatabase(request.result as unknown as typeof IDBDatabase);
		await vi.waitFor(() => expect(onLost).toHaveBeenCalledWith('terminated'));
		await expect(store.symbols()).rejects.toThrow(/closed \(terminated\)/);
	});
});

describe('opening with a fallback to memory', () => {
	it('uses IndexedDB when it opens', async () => {
		const opened = await openTickStoreOrMemory({ factory: new IDBFactory(), now: () => T0 });
		open.push(opened.store);
		expect(opened.mode).toBe('indexeddb');
	});

	it('falls back when the browser has no IndexedDB', async () => {
		vi.stubGlobal('indexedDB', undefined);
		const opened = await openTickStoreOrMemory({ now: () => T0 });
		expect(opened.mode === 'memory' && opened.reason).toMatch(/no IndexedDB/);
		expect(await opened.store.append(trades(1, 3))).toMatchObject({ written: 3 });
	});

	it('falls back when opening is refused', async () => {
		const factory = new IDBFactory();
		vi.spyOn(factory, 'open').mockImplementation(() => {
			throw new DOMException('The user denied permission', 'SecurityError');
		});
		const opened = await openTickStoreOrMemory({ factory, now: () => T0 });
		expect(opened.mode === 'memory' && opened.reason).toMatch(/denied/);
	});

	it('falls back when an older version in another tab blocks the upgrade, then lets go', async () => {
		const factory = new IDBFactory();
		const older = await openTickDb(
			factory,
			'tickscope',
			{ blocking: () => {}, terminated: () => {} },
			1
		);
		const opened = await openTickStoreOrMemory({ factory, now: () => T0 });
		expect(opened.mode === 'memory' && opened.reason).toMatch(/another tab/);
		older.close();
		// The late connection upgrades the database and closes at once: a newer open is not blocked.
		await new Promise((resolve) => setTimeout(resolve, 20));
		const newer = factory.open('tickscope', 3);
		const outcome = await new Promise<string>((resolve) => {
			newer.onsuccess = () => resolve(`opened from ${newer.result.version}`);
			newer.onblocked = () => resolve('blocked');
		});
		expect(outcome).toBe('opened from 3');
		expect(Array.from(newer.result.objectStoreNames)).toEqual(['chunks', 'heads', 'symbols']);
		newer.result.close();
	});
});
