import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SymbolAggregator } from './aggregator';
import { FIXED_INTERVALS } from './interval';
import { epochMs } from './time';
import type { Trade } from './trade';
import { T0, trade } from './testing/test-trades';

/**
 * Joining parts of one trade stream, newest first (as a restore reads the cache): the joined
 * aggregator must hold exactly what one aggregator over all the trades in order holds, at every
 * interval, with nothing missing or doubled at any join, and go on from there alike.
 */

const step = fc.record({
	dt: fc.oneof(
		{ weight: 5, arbitrary: fc.integer({ min: 0, max: 900 }) },
		{ weight: 3, arbitrary: fc.integer({ min: 1000, max: 70_000 }) },
		{ weight: 1, arbitrary: fc.integer({ min: 100_000, max: 8_000_000 }) }
	),
	dId: fc.integer({ min: 1, max: 3 }),
	cents: fc.integer({ min: 1, max: 99_999 }),
	qty: fc.integer({ min: 1, max: 5_000_000 }),
	buyerMaker: fc.boolean(),
	count: fc.integer({ min: 1, max: 4 })
});

/** Trades as Binance sends them: ids and times never going back. */
const tradesArb = fc.array(step, { minLength: 1, maxLength: 80 }).map((steps) => {
	let ms = 0;
	let id = 500;
	return steps.map((s): Trade => {
		ms += s.dt;
		id += s.dId;
		const price = `${Math.floor(s.cents / 100)}.${String(s.cents % 100).padStart(2, '0')}`;
		const qty = (s.qty / 1e5).toFixed(5);
		const more = { buyerMaker: s.buyerMaker, count: s.count };
		return trade(id, ms, price, qty, {
			...more,
			firstTradeId: id * 10,
			lastTradeId: id * 10 + s.count - 1
		});
	});
});

/** Whole-second cuts (ms after T0), any number, any order. */
const cutsArb = fc
	.array(fc.integer({ min: 0, max: 9_000 }), { maxLength: 6 })
	.map((seconds) => [...new Set(seconds)].sort((a, b) => a - b).map((s) => s * 1000));

/** The trades split at `cuts` (by time), each part aggregated alone, joined newest first. */
function joinedNewestFirst(trades: readonly Trade[], cuts: readonly number[], maxBars: number) {
	const bounds = [-Infinity, ...cuts.map((c) => T0 + c), Infinity];
	const parts = bounds.slice(1).map((to, i) => {
		const from = bounds[i] ?? -Infinity;
		const part = new SymbolAggregator('BTCUSDT', { maxBars });
		for (const t of trades) if (t.time >= from && t.time < to) part.add(t);
		return part;
	});
	const joined = new SymbolAggregator('BTCUSDT', { maxBars });
	for (const part of parts.reverse()) joined.prependOlder(part);
	return joined;
}

function expectSame(joined: SymbolAggregator, direct: SymbolAggregator): void {
	for (const interval of FIXED_INTERVALS) {
		expect(joined.klines(interval), interval).toEqual(direct.klines(interval));
		expect(joined.bars(interval), interval).toEqual(direct.bars(interval));
	}
	// The tick chart's trades too: older parts go in front of the newer ones.
	expect(joined.bars('tick')).toEqual(direct.bars('tick'));
	expect(joined.oldestTick).toBe(direct.oldestTick);
	expect(joined.lastPrice).toBe(direct.lastPrice);
	expect(joined.lastTradeId).toBe(direct.lastTradeId);
	expect(joined.firstTrade).toEqual(direct.firstTrade);
}

describe('SymbolAggregator.prependOlder', () => {
	it('joins parts read newest first into what one aggregator over all trades holds', () => {
		fc.assert(
			fc.property(tradesArb, cutsArb, fc.constantFrom(1, 3, 40, 1500), (trades, cuts, maxBars) => {
				const direct = new SymbolAggregator('BTCUSDT', { maxBars });
				for (const t of trades) direct.add(t);
				expectSame(joinedNewestFirst(trades, cuts, maxBars), direct);
			}),
			{ numRuns: 120 }
		);
	});

	it('goes on with later trades exactly as the direct aggregator does', () => {
		fc.assert(
			fc.property(tradesArb, cutsArb, tradesArb, (trades, cuts, later) => {
				const last = trades.at(-1);
				const shift = (last?.time ?? T0) - T0;
				const lastId = last?.id ?? 0;
				const live = later.map((t) => ({
					...t,
					id: t.id + lastId,
					time: epochMs(t.time + shift)
				}));
				const direct = new SymbolAggregator('BTCUSDT');
				for (const t of trades) direct.add(t);
				const joined = joinedNewestFirst(trades, cuts, 1500);
				for (const t of live) {
					const [revJoined, revDirect] = [joined.revision, direct.revision];
					expect(joined.add(t)).toBe(direct.add(t));
					// What a view is sent after each live trade: the same changed bars.
					for (const interval of ['1s', '1m', '1h'] as const) {
						expect(joined.barsSince(interval, revJoined)).toEqual(
							direct.barsSince(interval, revDirect)
						);
					}
				}
				expectSame(joined, direct);
			}),
			{ numRuns: 25 }
		);
	});

	it('refuses an older part that does not end before the newer one begins', () => {
		const newer = new SymbolAggregator('BTCUSDT');
		newer.add(trade(10, 5_000, '1.00', '1'));
		const overlapping = new SymbolAggregator('BTCUSDT');
		overlapping.add(trade(9, 5_400, '1.00', '1'));
		expect(() => newer.prependOlder(overlapping)).toThrow(RangeError);
		const laterIds = new SymbolAggregator('BTCUSDT');
		laterIds.add(trade(11, 1_000, '1.00', '1'));
		expect(() => newer.prependOlder(laterIds)).toThrow(/does not end before trade 10/);
		expect(newer.klines('1s')).toHaveLength(1);
	});
});
