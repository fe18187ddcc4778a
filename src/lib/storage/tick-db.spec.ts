import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { useClosedAfterEach } from '../../../tests/support/closing';
import { chunkBytes, encodeChunk, type TickChunk } from '../core/tick-codec';
import { epochMs } from '../core/time';
import type { Trade } from '../core/trade';
import { openTickStore } from './idb-tick-store';
import { MIGRATIONS, openTickDb, TICK_DB_VERSION, type TickDatabase } from './tick-db';
import type { TickStore } from './tick-store';

const T0 = 1_723_161_255_342;
const NAME = 'tickscope';
const quiet = { blocking() {}, terminated() {} };

function trades(from: number, to: number, time: number): Trade[] {
	return Array.from({ length: to - from + 1 }, (_, i) => {
		const id = from + i;
		const base = { symbol: 'ETHUSDT', id, price: `2612.${i % 100}`, qty: `0.${(i % 9) + 1}` };
		const rest = { time: epochMs(time + i), buyerMaker: i % 2 === 0 };
		return { ...base, ...rest, count: 1, firstTradeId: id, lastTradeId: id };
	});
}

/** A version 1 database as version 1 code wrote it: chunks and last ids, no heads. */
async function versionOne(factory: IDBFactory, chunks: readonly TickChunk[], lastId: number) {
	const db = await openTickDb(factory, NAME, quiet, 1);
	expect(Array.from(db.objectStoreNames)).toEqual(['chunks', 'symbols']);
	for (const c of chunks) await db.put('chunks', c, ['ETHUSDT', c.maxTime, c.firstId]);
	await db.put('symbols', { symbol: 'ETHUSDT', lastId });
	db.close();
}

const kept = useClosedAfterEach();

describe('tick database schema', () => {
	it('has one upgrade step per version and builds the current schema from nothing', async () => {
		expect(TICK_DB_VERSION).toBe(MIGRATIONS.length);
		expect(TICK_DB_VERSION).toBe(5);
		const db: TickDatabase = await kept(openTickDb(new IDBFactory(), NAME, quiet));
		expect(db.version).toBe(5);
		expect(Array.from(db.objectStoreNames)).toEqual([
			'candles',
			'chunks',
			'heads',
			'sessionChunks',
			'sessions',
			'symbolInfo',
			'symbols'
		]);
	});

	it('migrates a version 1 database to the current version, keeping its ticks', async () => {
		const factory = new IDBFactory();
		const chunks = [encodeChunk(trades(1, 3000, T0)), encodeChunk(trades(3001, 5000, T0 + 5000))];
		await versionOne(factory, chunks, 5000);
		const store: TickStore = await kept(openTickStore({ factory, now: () => T0 + 60_000 }));
		const bytes = chunkBytes(chunks[0] as TickChunk) + chunkBytes(chunks[1] as TickChunk);
		expect(await store.symbols()).toEqual([
			{
				symbol: 'ETHUSDT',
				ticks: 5000,
				chunks: 2,
				bytes,
				firstTime: T0,
				lastTime: T0 + 6999,
				lastId: 5000
			}
		]);
		const loaded = await store.load('ETHUSDT', -Infinity, Infinity);
		expect(loaded.flatMap((c) => Array.from(c.id))).toEqual(trades(1, 5000, T0).map((t) => t.id));
		expect(await store.append(trades(4990, 5010, T0 + 7000))).toMatchObject({
			written: 10,
			skipped: 11
		});
	});

	it('aborts a failing upgrade as a whole, leaving the old version and its data', async () => {
		const factory = new IDBFactory();
		await versionOne(factory, [encodeChunk(trades(1, 10, T0))], 10);
		const v1 = await openTickDb(factory, NAME, quiet, 1);
		await v1.put('chunks', 'not a chunk' as unknown as TickChunk, ['ETHUSDT', T0 + 100, 11]);
		v1.close();
		await expect(openTickStore({ factory, now: () => T0 })).rejects.toThrow(TypeError);
		const db = await kept(openTickDb(factory, NAME, quiet, 1));
		expect(Array.from(db.objectStoreNames)).toEqual(['chunks', 'symbols']);
		expect(await db.count('chunks')).toBe(2);
	});
});
