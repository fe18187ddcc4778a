import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { useClosedAfterEach } from '../../../tests/support/closing';
import { decodeChunk, encodeChunk, type TickChunk } from '../core/tick-codec';
import { epochMs } from '../core/time';
import type { Trade } from '../core/trade';
import { openSessionStore } from './idb-session-store';
import { openTickStore } from './idb-tick-store';
import { MemorySessionStore, openSessionStoreOrMemory } from './memory-session-store';
import type { NewSession, SessionStore } from './session-store';
import { openTickDb } from './tick-db';
import { headOf, keyOf } from './tick-writer';

const T0 = 1_723_161_255_342;
const NAME = 'tickscope';
const quiet = { blocking() {}, terminated() {} };

function trades(symbol: string, from: number, count: number, time: number): Trade[] {
	return Array.from({ length: count }, (_, i) => {
		const id = from + i;
		const base = { symbol, id, price: `61000.${i % 100}`, qty: `0.00${(i % 9) + 1}` };
		return {
			...base,
			time: epochMs(time + 10 * i),
			buyerMaker: i % 2 === 0,
			count: 1,
			firstTradeId: id,
			lastTradeId: id
		};
	});
}

/** Three chunks of 100 ticks, 1 s each, starting at T0. */
const CHUNKS: TickChunk[] = [0, 1, 2].map((n) =>
	encodeChunk(trades('BTCUSDT', 1 + 100 * n, 100, T0 + 1000 * n))
);

const session = (label: string): NewSession => ({
	label,
	symbol: 'BTCUSDT',
	ticks: 300,
	fromMs: T0,
	toMs: T0 + 2990,
	bytes: 1234,
	importedAt: T0 + 60_000
});

const kept = useClosedAfterEach();

const idsOf = (chunks: readonly TickChunk[]) =>
	chunks.flatMap((chunk) => Array.from(decodeChunk(chunk).id));

describe.each([
	['IndexedDB', () => openSessionStore({ factory: new IDBFactory() })],
	['memory', () => Promise.resolve(new MemorySessionStore() as SessionStore)]
])('%s session store', (_, open) => {
	it('numbers sessions from 1, lists the newest first and reads chunks by time range', async () => {
		const store = await kept(open());
		expect(await store.list()).toEqual([]);
		const first = await store.add(session('a.csv'), CHUNKS);
		const second = await store.add(session('b.zip'), CHUNKS.slice(0, 1));
		expect([first.id, second.id]).toEqual([1, 2]);
		expect((await store.list()).map((s) => [s.id, s.label])).toEqual([
			[2, 'b.zip'],
			[1, 'a.csv']
		]);
		expect(idsOf(await store.chunks(1, -Infinity, Infinity))).toHaveLength(300);
		const middle = await store.chunks(1, T0 + 1500, T0 + 1600);
		expect(middle.map((c) => c.firstId)).toEqual([101]);
		expect((await store.chunks(1, T0 + 990, T0 + 1000)).map((c) => c.firstId)).toEqual([1, 101]);
		expect(await store.chunks(1, T0 + 5000, T0 + 6000)).toEqual([]);
		expect(idsOf(await store.chunks(2, -Infinity, Infinity))).toHaveLength(100);
		expect(await store.chunks(3, -Infinity, Infinity)).toEqual([]);
	});

	it('rejects once closed', async () => {
		const store = await open();
		store.close();
		await expect(store.list()).rejects.toThrow('the session store is closed');
	});
});

describe('IndexedDB session store', () => {
	it('keeps sessions across reopening the database', async () => {
		const factory = new IDBFactory();
		const before = await openSessionStore({ factory });
		await before.add(session('BTCUSDT-aggTrades-2024-08-08.zip'), CHUNKS);
		before.close();
		const after = await kept(openSessionStore({ factory }));
		expect(await after.list()).toEqual([{ ...session('BTCUSDT-aggTrades-2024-08-08.zip'), id: 1 }]);
		expect(idsOf(await after.chunks(1, -Infinity, Infinity))).toEqual(
			Array.from({ length: 300 }, (_, i) => i + 1)
		);
	});

	it('stores nothing of a session whose write fails', async () => {
		const factory = new IDBFactory();
		const store = await kept(openSessionStore({ factory }));
		// A function cannot be cloned into IndexedDB: the third put fails after two succeeded.
		const poisoned = [
			...CHUNKS.slice(0, 2),
			{ ...CHUNKS[2], data: () => 0 } as unknown as TickChunk
		];
		await expect(store.add(session('bad.csv'), poisoned)).rejects.toThrow();
		expect(await store.list()).toEqual([]);
		const db = await kept(openTickDb(factory, NAME, quiet));
		expect(await db.count('sessionChunks')).toBe(0);
		expect((await store.add(session('good.csv'), CHUNKS)).label).toBe('good.csv');
	});

	it('migrates a version 2 database, keeping its cached ticks', async () => {
		const factory = new IDBFactory();
		const v2 = await openTickDb(factory, NAME, quiet, 2);
		for (const chunk of CHUNKS) {
			const head = headOf('BTCUSDT', chunk);
			await v2.put('chunks', chunk, keyOf(head));
			await v2.put('heads', head, keyOf(head));
		}
		await v2.put('symbols', { symbol: 'BTCUSDT', lastId: 300 });
		v2.close();
		const sessions = await kept(openSessionStore({ factory }));
		expect(await sessions.list()).toEqual([]);
		const ticks = await kept(openTickStore({ factory, now: () => T0 + 60_000 }));
		expect(await ticks.symbols()).toMatchObject([
			{ symbol: 'BTCUSDT', ticks: 300, firstTime: T0, lastTime: T0 + 2990, lastId: 300 }
		]);
		const loaded = await ticks.load('BTCUSDT', -Infinity, Infinity);
		expect(loaded.flatMap((c) => Array.from(c.id))).toEqual(idsOf(CHUNKS));
	});

	it('falls back to memory, saying why, when IndexedDB refuses to open', async () => {
		const refusing = {
			open: () => {
				throw new Error('refused');
			}
		} as unknown as IDBFactory;
		const opened = await openSessionStoreOrMemory({ factory: refusing });
		expect(opened).toMatchObject({
			mode: 'memory',
			reason: 'Imported files are kept in memory only: refused'
		});
		expect((await opened.store.add(session('a.csv'), CHUNKS)).id).toBe(1);
		opened.store.close();
	});
});
