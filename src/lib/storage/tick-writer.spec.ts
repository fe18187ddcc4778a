import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { epochMs } from '../core/time';
import type { Trade } from '../core/trade';
import {
	CHUNK_TICKS,
	compareKeys,
	PRUNE_EVERY_MS,
	TAIL_SPAN_MS,
	TickWriter,
	type ChunkKey,
	type WritePlan
} from './tick-writer';
import { TickRetention } from './tick-retention';

const T0 = 1_723_161_255_342;
const RETENTION = 15 * 60_000;
const retention = new TickRetention(15);

function trade(id: number, time = T0 + id, symbol = 'BTCUSDT'): Trade {
	const ids = { count: 1, firstTradeId: id, lastTradeId: id };
	return { symbol, id, price: '1.5', qty: '2', time: epochMs(time), buyerMaker: false, ...ids };
}

const range = (from: number, to: number, step = 1) =>
	Array.from({ length: (to - from) / step + 1 }, (_, i) => trade(from + i * step));

const sizes = (plan: WritePlan) => plan.puts.map((p) => p.head.ticks);

describe('TickWriter', () => {
	it('skips ids at or below the last stored id, per symbol and within a batch', () => {
		const writer = new TickWriter([['BTCUSDT', 10]]);
		const batch = [9, 10, 11, 13, 12, 13, 14].map((id) => trade(id));
		const plan = writer.plan([...batch, trade(1, T0, 'ETHUSDT')], T0, retention);
		expect([plan.written, plan.skipped]).toEqual([4, 4]);
		expect(plan.puts.map((p) => [p.head.symbol, p.head.firstId, p.head.lastId])).toEqual([
			['BTCUSDT', 11, 14],
			['ETHUSDT', 1, 1]
		]);
		expect([...plan.lastIds]).toEqual([
			['BTCUSDT', 14],
			['ETHUSDT', 1]
		]);
	});

	it('changes nothing until a plan is committed', () => {
		const writer = new TickWriter();
		expect(writer.plan(range(1, 5), T0, retention).written).toBe(5);
		expect(writer.plan(range(1, 5), T0, retention).written).toBe(5);
		writer.plan(range(1, 5), T0, retention).commit();
		expect(writer.plan(range(1, 5), T0, retention).written).toBe(0);
		expect(writer.lastId('BTCUSDT')).toBe(5);
	});

	it('adds small flushes to a tail and merges it into full chunks', () => {
		const writer = new TickWriter();
		const first = writer.plan(range(1, 3000), T0, retention);
		first.commit();
		const second = writer.plan(range(3001, 3002), T0, retention);
		second.commit();
		expect([sizes(first), sizes(second), second.replaced]).toEqual([[3000], [2], []]);
		const merge = writer.plan(range(3003, 9000), T0, retention);
		merge.commit();
		// The tail's two small chunks are replaced by full chunks; the rest starts a new tail.
		expect(merge.replaced).toEqual([{ lower: first.puts[0]?.key, upper: second.puts[0]?.key }]);
		expect(sizes(merge)).toEqual([CHUNK_TICKS, CHUNK_TICKS, 9000 - 2 * CHUNK_TICKS]);
		const next = writer.plan(range(9001, 9001), T0, retention);
		expect(next.replaced).toEqual([]);
		expect(sizes(next)).toEqual([1]);
	});

	it('merges a quiet symbol once its tail spans a minute', () => {
		const writer = new TickWriter();
		const step = 1000;
		for (let id = 1; id < TAIL_SPAN_MS / step; id++) {
			const plan = writer.plan([trade(id, T0 + id * step)], T0, retention);
			expect(plan.replaced).toEqual([]);
			plan.commit();
		}
		const merge = writer.plan([trade(60, T0 + 61 * step)], T0, retention);
		expect(merge.replaced).toHaveLength(1);
		expect(sizes(merge)).toEqual([60]);
	});

	it('prunes each written symbol at most every ten seconds, dropping pruned ticks from its tail', () => {
		const writer = new TickWriter();
		const old = writer.plan(range(1, 100), T0, retention);
		// The cutoff counts back from the newest trade written (T0 + 100), not from the clock.
		expect(old.prune).toEqual([{ symbol: 'BTCUSDT', before: T0 + 100 - RETENTION }]);
		old.commit();
		expect(writer.plan([trade(101)], T0 + PRUNE_EVERY_MS - 1, retention).prune).toEqual([]);
		const later = T0 + 20 * 60_000;
		const plan = writer.plan([trade(101, later)], T0 + PRUNE_EVERY_MS, retention);
		expect(plan.prune).toEqual([{ symbol: 'BTCUSDT', before: later - RETENTION }]);
		// The old ticks went with their chunks: the merged tail holds only the new one.
		expect(plan.puts.map((p) => [p.head.firstId, p.head.ticks])).toEqual([[101, 1]]);
	});

	it('counts retention back from the newest trade, whatever the local clock says', () => {
		const year2026 = Date.UTC(2026, 0, 15);
		const writer = new TickWriter([['ETHUSDT', 7]], [['ETHUSDT', T0 - 3_600_000]]);
		const plan = writer.plan(range(1, 100), year2026, retention);
		expect(plan.prune).toEqual([{ symbol: 'BTCUSDT', before: T0 + 100 - RETENTION }]);
		plan.commit();
		expect(writer.newest('BTCUSDT')).toBe(T0 + 100);
		// Every symbol keeps its own newest window, a pending batch moving it on.
		expect(writer.cutoffs(retention, [trade(101, T0 + 5000)])).toEqual([
			{ symbol: 'ETHUSDT', before: T0 - 3_600_000 - RETENTION },
			{ symbol: 'BTCUSDT', before: T0 + 5000 - RETENTION }
		]);
		// A clock that jumped back does not stall pruning.
		const back = writer.plan([trade(102, T0 + 6000)], year2026 - 60_000, retention);
		expect(back.prune).toEqual([{ symbol: 'BTCUSDT', before: T0 + 6000 - RETENTION }]);
	});

	it('orders keys exactly as IndexedDB does', () => {
		const idb = new IDBFactory();
		const key = fc.tuple(
			fc.string({ maxLength: 3 }),
			fc.oneof(fc.double({ noNaN: true }), fc.integer()),
			fc.integer()
		);
		fc.assert(
			fc.property(key, key, (a: ChunkKey, b: ChunkKey) => {
				expect(Math.sign(compareKeys(a, b))).toBe(idb.cmp(a, b));
			})
		);
	});
});
