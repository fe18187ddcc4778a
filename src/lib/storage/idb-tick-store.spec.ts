import 'fake-indexeddb/auto';
import { forceCloseDatabase, IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { epochMs } from '../core/time';
import type { Trade } from '../core/trade';
import { openTickStore } from './idb-tick-store';
import { openTickStoreOrMemory } from './open-tick-store';
import { openTickDb, TICK_DB_VERSION } from './tick-db';
import type { TickStore } from './tick-store';

const T0 = 1_723_161_255_342;
const MINUTE = 60_000;
/** A local clock a year and a half after the trades. */
const YEAR_2026 = Date.UTC(2026, 2, 1);

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

	it('on a full disk cuts back from the newest trade of the batch, not from the clock', async () => {
		const store = await openOn(new IDBFactory(), () => YEAR_2026);
		await store.append(trades(1, 4096)); // one full chunk, T0 to T0 + 41 s
		await store.append(trades(4097, 4196, T0 + 5 * MINUTE));
		vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementationOnce(() => {
			throw quotaError();
		});
		const result = await store.append(trades(4197, 4296, T0 + 10 * MINUTE));
		expect(result).toEqual({ written: 100, skipped: 0, quota: { retentionMinutes: 7 } });
		// 7 minutes before the batch's newest trade: the first chunk went, the fifth minute stayed.
		expect(await ids(store)).toEqual(trades(4097, 4296).map((t) => t.id));
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
		const newer = factory.open('tickscope', TICK_DB_VERSION + 1);
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

describe('reopening after a long pause', () => {
	it('keeps the newest window however old, and a clock years ahead deletes none of it', async () => {
		const factory = new IDBFactory();
		// 40 minutes of 2024 trades, one every 100 ms.
		const session = trades(1, 24_000).map((t) => ({ ...t, time: epochMs(T0 + (t.id - 1) * 100) }));
		const last = session.at(-1)?.time ?? 0;
		const first = await openOn(factory, () => T0 + 40 * MINUTE);
		await first.append(session);
		expect(await ids(first)).toHaveLength(24_000);
		first.close();

		const again = await openOn(factory, () => YEAR_2026);
		expect(await again.newest('BTCUSDT')).toBe(last);
		const kept = await ids(again);
		const window = session.filter((t) => t.time >= last - 15 * MINUTE).map((t) => t.id);
		// The last 15 minutes whole, plus at most the chunk straddling their start.
		expect(kept.slice(-window.length)).toEqual(window);
		expect(kept.length).toBeLessThan(window.length + 4096);
		expect(kept).toEqual(session.slice(-kept.length).map((t) => t.id));
		// Trades stamped by the exchange's clock, whatever it is, are kept after the reopen.
		expect(await again.append(trades(24_001, 24_010, last + 100))).toMatchObject({ written: 10 });
		expect(await again.prune()).toBe(0);
		expect((await ids(again)).slice(-11)).toEqual([
			24_000,
			...trades(24_001, 24_010).map((t) => t.id)
		]);
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
		const newer = factory.open('tickscope', TICK_DB_VERSION + 1);
		const outcome = await new Promise<string>((resolve) => {
			newer.onsuccess = () => resolve(`opened from ${newer.result.version}`);
			newer.onblocked = () => resolve('blocked');
		});
		expect(outcome).toBe(`opened from ${TICK_DB_VERSION + 1}`);
		expect(Array.from(newer.result.objectStoreNames)).toEqual(
			expect.arrayContaining(['chunks', 'heads', 'symbols'])
		);
		newer.result.close();
	});
});

describe('reading a database another tab writes', () => {
	it('opens read only: reads and stats see the writer, writes and prunes are refused', async () => {
		const factory = new IDBFactory();
		const writer = await openOn(factory);
		await writer.append(trades(1, 3000));
		const reader = await openOn(factory, () => T0 + 60 * MINUTE, { readOnly: true });
		await writer.append([
			...trades(3001, 3100, T0 + 30_000),
			...trades(1, 20).map((t) => ({ ...t, symbol: 'ETHUSDT' }))
		]);
		expect((await reader.symbols()).map((s) => [s.symbol, s.ticks, s.lastId])).toEqual([
			['BTCUSDT', 3100, 3100],
			['ETHUSDT', 20, 20]
		]);
		expect(await ids(reader)).toEqual(trades(1, 3100).map((t) => t.id));
		await expect(reader.append(trades(3101, 3101))).rejects.toThrow(/read only/);
		await expect(reader.prune()).rejects.toThrow(/read only/);
		// Opening read only an hour later pruned nothing: that is the writer's job.
		expect(await ids(writer)).toHaveLength(3100);
	});

	it('scans chunk by chunk in time order, clipped to the range, over several reads', async () => {
		const store = await openOn(new IDBFactory(), () => T0 + 20 * MINUTE);
		await store.append(trades(1, 80_000)); // 20 chunks: more than one read of a scan
		const seen: number[][] = [];
		const ticks = await store.scan('BTCUSDT', T0 + 10, T0 + 799_980, (columns) =>
			seen.push(Array.from(columns.id))
		);
		expect(ticks).toBe(79_998);
		expect(seen.length).toBe(20);
		expect(seen.flat()).toEqual(trades(2, 79_999).map((t) => t.id));
		expect(await store.scan('ETHUSDT', 0, Infinity, () => {})).toBe(0);
	});
});
