import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SymbolAggregator, type AddResult } from './aggregator';
import type { BarColumns } from './bar-columns';
import { INTERVAL_MS, FIXED_INTERVALS, type FixedInterval } from './interval';
import type { KlineRow } from './kline';
import { epochMs } from './time';
import type { Trade } from './trade';

// ---- An independent reference: bucket every accepted trade straight into each interval, in
// bigint, and lay flat candles over the tradeless buckets in between. No shared code with the
// engine beyond the types.

const START = 1_700_000_000_000;

/** Units of 1e-8 of a generated decimal string (they never have more than 8 decimals). */
function refUnits(text: string): bigint {
	const [whole = '', fraction = ''] = text.split('.');
	return BigInt(whole + fraction.padEnd(8, '0'));
}

/** At least 8 decimals, more only when non-zero. */
function refFormat(value: bigint, decimals: number): string {
	const digits = value.toString().padStart(decimals + 1, '0');
	let fraction = digits.slice(-decimals);
	while (fraction.length > 8 && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
	return `${digits.slice(0, -decimals)}.${fraction}`;
}

/** What the aggregator must answer for each trade, in order. */
function refResults(trades: readonly Trade[]): AddResult[] {
	let lastId = -1;
	let second = -1;
	return trades.map((t) => {
		if (t.id <= lastId) return 'duplicate';
		if (Math.floor(t.time / 1000) < second) return 'out-of-order';
		lastId = t.id;
		second = Math.floor(t.time / 1000);
		return 'added';
	});
}

interface RefCandle {
	time: number;
	o: bigint;
	h: bigint;
	l: bigint;
	c: bigint;
	v: bigint;
	q: bigint;
	n: number;
	bv: bigint;
	bq: bigint;
}

function refRow(k: RefCandle, size: number): KlineRow {
	const f8 = (x: bigint): string => refFormat(x, 8);
	const f16 = (x: bigint): string => refFormat(x, 16);
	const [o, h, l, c] = [f8(k.o), f8(k.h), f8(k.l), f8(k.c)];
	const tail = [f16(k.q), k.n, f8(k.bv), f16(k.bq), '0'] as const;
	return [epochMs(k.time), o, h, l, c, f8(k.v), epochMs(k.time + size - 1), ...tail];
}

function refKlines(trades: readonly Trade[], interval: FixedInterval, maxBars: number): KlineRow[] {
	const size = INTERVAL_MS[interval];
	const results = refResults(trades);
	const traded: RefCandle[] = [];
	trades.forEach((t, i) => {
		if (results[i] !== 'added') return;
		const time = Math.floor(t.time / size) * size;
		const p = refUnits(t.price);
		const v = refUnits(t.qty);
		let k = traded.at(-1);
		if (k?.time !== time) {
			k = { time, o: p, h: p, l: p, c: p, v: 0n, q: 0n, n: 0, bv: 0n, bq: 0n };
			traded.push(k);
		}
		k.h = p > k.h ? p : k.h;
		k.l = p < k.l ? p : k.l;
		k.c = p;
		k.v += v;
		k.q += p * v;
		k.n += t.count;
		k.bv += t.buyerMaker ? 0n : v;
		k.bq += t.buyerMaker ? 0n : p * v;
	});
	const first = traded[0];
	const last = traded.at(-1);
	if (first === undefined || last === undefined) return [];
	const rows: KlineRow[] = [];
	const from = Math.max(first.time, last.time - (maxBars - 1) * size);
	let j = 0;
	for (let time = from; time <= last.time; time += size) {
		while ((traded[j + 1]?.time ?? Infinity) <= time) j++;
		const k = traded[j] as RefCandle;
		const c = k.c;
		const flat = { time, o: c, h: c, l: c, c, v: 0n, q: 0n, n: 0, bv: 0n, bq: 0n };
		rows.push(refRow(k.time === time ? k : flat, size));
	}
	return rows;
}

// ---- Generators: Binance-like and extreme decimals, time steps from 0 ms to days, and ids that
// sometimes repeat or go back.

/** Amounts in 1e-8 units: Binance-like (short mantissas), near 2^53 (sums spill into bigint), huge. */
const units8 = fc.oneof(
	fc
		.tuple(fc.bigInt({ min: 1n, max: 1_000_000n }), fc.integer({ min: 0, max: 8 }))
		.map(([m, zeros]) => m * 10n ** BigInt(zeros)),
	fc.bigInt({ min: 10n ** 15n, max: 2n ** 53n }),
	// 1, 2, 3: times a near-2^53 quantity, the quote stays a number and its sums spill too.
	fc.bigInt({ min: 1n, max: 3n }).map((x) => x * 10n ** 8n),
	fc.bigInt({ min: 0n, max: 10n ** 27n })
);
/** As Binance prints it ("0.02000000") or trimmed ("0.02", "3"), as other sources may. */
const decimalText = fc.tuple(units8, fc.boolean()).map(([units, binanceStyle]) => {
	const text = refFormat(units, 8);
	return binanceStyle ? text : text.replace(/\.?0+$/, '');
});
const timeStep = fc.oneof(
	{ weight: 4, arbitrary: fc.integer({ min: 0, max: 900 }) },
	{ weight: 3, arbitrary: fc.integer({ min: 1000, max: 6000 }) },
	{ weight: 1, arbitrary: fc.integer({ min: -3000, max: -1 }) },
	{ weight: 1, arbitrary: fc.integer({ min: 50_000, max: 1_000_000 }) },
	{ weight: 1, arbitrary: fc.integer({ min: 3_000_000, max: 300_000_000 }) }
);
const idStep = fc.oneof(
	{ weight: 8, arbitrary: fc.constant(1) },
	{ weight: 1, arbitrary: fc.integer({ min: -3, max: 0 }) },
	{ weight: 1, arbitrary: fc.integer({ min: 2, max: 50 }) }
);
const step = fc.record({
	dt: timeStep,
	dId: idStep,
	price: decimalText,
	qty: decimalText,
	buyerMaker: fc.boolean(),
	count: fc.integer({ min: 1, max: 40 })
});

const tradesArb = fc.array(step, { maxLength: 60 }).map((steps) => {
	let time = START;
	let id = 1000;
	return steps.map((s): Trade => {
		time += s.dt;
		id += s.dId;
		const { price, qty, buyerMaker, count } = s;
		const ids = { firstTradeId: id * 100, lastTradeId: id * 100 + count - 1 };
		return { symbol: 'TEST', id, price, qty, time: epochMs(time), buyerMaker, count, ...ids };
	});
});
const maxBarsArb = fc.constantFrom(1, 2, 7, 40);

function feed(aggregator: SymbolAggregator, trades: readonly Trade[]): AddResult[] {
	return trades.map((t) => aggregator.add(t));
}

function tailOf(columns: BarColumns, count: number): BarColumns {
	const cut = (a: Float64Array): Float64Array => a.slice(a.length - count);
	const { time, open, high, low, close, volume, buyVolume } = columns;
	return {
		time: cut(time),
		open: cut(open),
		high: cut(high),
		low: cut(low),
		close: cut(close),
		volume: cut(volume),
		buyVolume: cut(buyVolume),
		count: cut(columns.count)
	};
}

describe('SymbolAggregator against direct bucketing', () => {
	it('gives the reference answers and candles at every interval', () => {
		fc.assert(
			fc.property(tradesArb, maxBarsArb, (trades, maxBars) => {
				const aggregator = new SymbolAggregator('TEST', { maxBars });
				expect(feed(aggregator, trades)).toEqual(refResults(trades));
				for (const interval of FIXED_INTERVALS) {
					expect(aggregator.klines(interval)).toEqual(refKlines(trades, interval, maxBars));
				}
			}),
			{ numRuns: 150 }
		);
	});

	it('holds 1500 candles by default, flat ones included', () => {
		fc.assert(
			fc.property(tradesArb, (trades) => {
				const aggregator = new SymbolAggregator('TEST');
				feed(aggregator, trades);
				for (const interval of ['1s', '1m', '15m', '1d'] as const) {
					expect(aggregator.klines(interval)).toEqual(refKlines(trades, interval, 1500));
				}
			}),
			{ numRuns: 15 }
		);
	});
});

describe('SymbolAggregator invariants', () => {
	it('does not depend on reads between adds (any batching)', () => {
		const read = fc.record({
			after: fc.nat(),
			interval: fc.constantFrom(...FIXED_INTERVALS),
			kind: fc.constantFrom('bars', 'klines', 'since')
		});
		fc.assert(
			fc.property(
				tradesArb,
				fc.array(read, { maxLength: 30 }),
				maxBarsArb,
				(trades, reads, maxBars) => {
					const plain = new SymbolAggregator('TEST', { maxBars });
					feed(plain, trades);
					const batched = new SymbolAggregator('TEST', { maxBars });
					trades.forEach((trade, i) => {
						batched.add(trade);
						for (const r of reads.filter((x) => x.after % (trades.length + 1) === i)) {
							if (r.kind === 'bars') batched.bars(r.interval);
							if (r.kind === 'klines') batched.klines(r.interval);
							if (r.kind === 'since') batched.barsSince(r.interval, batched.revision - 1);
						}
					});
					expect(batched.revision).toBe(plain.revision);
					for (const interval of FIXED_INTERVALS) {
						expect(batched.klines(interval)).toEqual(plain.klines(interval));
						expect(batched.bars(interval)).toEqual(plain.bars(interval));
					}
				}
			),
			{ numRuns: 60 }
		);
	});

	it('ignores a repeated trade: same answer, same candles, same revision', () => {
		fc.assert(
			fc.property(tradesArb, fc.nat(), (trades, pick) => {
				const aggregator = new SymbolAggregator('TEST', { maxBars: 40 });
				const added = trades.filter(
					(_, i) => feed(aggregator, [trades[i] as Trade])[0] === 'added'
				);
				fc.pre(added.length > 0);
				const before = FIXED_INTERVALS.map((interval) => aggregator.klines(interval));
				const revision = aggregator.revision;
				const again = added[pick % added.length] as Trade;
				expect(aggregator.add({ ...again, time: epochMs(again.time + 5000) })).toBe('duplicate');
				expect(aggregator.add(again)).toBe('duplicate');
				expect(aggregator.revision).toBe(revision);
				expect(FIXED_INTERVALS.map((interval) => aggregator.klines(interval))).toEqual(before);
			})
		);
	});

	it('barsSince(revision) is exactly the tail of candles created or changed since', () => {
		fc.assert(
			fc.property(tradesArb, fc.nat(), maxBarsArb, (trades, split, maxBars) => {
				const aggregator = new SymbolAggregator('TEST', { maxBars });
				const cut = split % (trades.length + 1);
				feed(aggregator, trades.slice(0, cut));
				const revision = aggregator.revision;
				const before = FIXED_INTERVALS.map((interval) => aggregator.klines(interval));
				feed(aggregator, trades.slice(cut));
				FIXED_INTERVALS.forEach((interval, i) => {
					const old = new Map(before[i]?.map((row) => [row[0], JSON.stringify(row)]));
					const now = aggregator.klines(interval);
					const unchanged = now.map((row) => old.get(row[0]) === JSON.stringify(row));
					const changed = now.length - unchanged.lastIndexOf(true) - 1;
					expect(unchanged.slice(now.length - changed).every((same) => !same)).toBe(true);
					const since = aggregator.barsSince(interval, revision);
					expect(since).toEqual(tailOf(aggregator.bars(interval), changed));
				});
			}),
			{ numRuns: 150 }
		);
	});
});
