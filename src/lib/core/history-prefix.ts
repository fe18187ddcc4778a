import { SymbolAggregator, type FirstBucketPrefix } from './aggregator';
import type { Candle } from './candle';
import { INTERVAL_MS, type FixedInterval } from './interval';
import type { KlineRow } from './kline';
import { candleFromKline } from './kline-candle';
import type { Trade } from './trade';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** One REST `klines` request: `interval` rows with open times in `[startTime, endTime]`. */
export interface PrefixRange {
	readonly interval: '1h' | '1m' | '1s';
	readonly startTime: number;
	/** Inclusive, as Binance reads it. */
	readonly endTime: number;
}

/** Coarsest first: each level covers the part of its parent's bucket before the cut. */
const LEVELS: readonly { interval: PrefixRange['interval']; size: number; parent: number }[] = [
	{ interval: '1h', size: HOUR, parent: DAY },
	{ interval: '1m', size: MINUTE, parent: HOUR },
	{ interval: '1s', size: SECOND, parent: MINUTE }
];

/**
 * The kline requests that cover the day of `cut` up to `cut` (a whole second, ms): 1h klines from
 * the day's start to the cut's hour, 1m klines to its minute, 1s klines to the cut itself. At most
 * 23 + 59 + 59 rows in three requests, and together exactly `[day start, cut)` with no overlap, so
 * the part before the cut of every bucket up to 1d is a sum of whole klines.
 */
export function prefixRanges(cut: number): PrefixRange[] {
	if (!Number.isSafeInteger(cut) || cut < 0 || cut % SECOND !== 0) {
		throw new RangeError(`the cut must be a whole second in ms, got ${cut}`);
	}
	const ranges: PrefixRange[] = [];
	for (const { interval, size, parent } of LEVELS) {
		const startTime = cut - (cut % parent);
		const end = cut - (cut % size);
		if (end > startTime) ranges.push({ interval, startTime, endTime: end - 1 });
	}
	return ranges;
}

/** The prefix rows as fetched: each range's rows (Binance answers a range with its klines, ascending). */
export interface PrefixRows {
	readonly range: PrefixRange;
	readonly rows: readonly KlineRow[];
}

/**
 * For each of `intervals`, the part of the bucket that holds `cut` before the cut's second: the
 * exact sum of the klines with trades inside `[bucket start, cut)`, as a candle at the bucket's
 * open time (an interval with no trade there gets none); and apart from them `partial`, the trades
 * of the cut's second before the first trade the worker saw (REST aggTrades), as one 1 s candle.
 * The two stay apart because the aggregator may still hold the cut's second as its open 1 s
 * candle, which larger intervals take in only when it closes. Klines without trades (flat, at the
 * previous close) add nothing; a bucket's open is its first trade's price.
 */
export function prefixCandles(
	cut: number,
	fetched: readonly PrefixRows[],
	intervals: readonly FixedInterval[],
	partial: readonly Trade[]
): FirstBucketPrefix {
	const traded = tradedRows(cut, fetched);
	const beforeCut = new Map<FixedInterval, Candle>();
	for (const interval of intervals) {
		const size = INTERVAL_MS[interval];
		const bucket = cut - (cut % size);
		let sum: Candle | null = null;
		for (const candle of traded) {
			if (candle.time < bucket) continue;
			if (sum === null) sum = candle.copyAt(bucket);
			else sum.mergeFrom(candle);
		}
		if (sum !== null) beforeCut.set(interval, sum);
	}
	return { beforeCut, cutSecond: partialSecond(cut, partial) };
}

/** The trades of the cut's second as one candle (the same sums the aggregator makes); null when none. */
function partialSecond(cut: number, trades: readonly Trade[]): Candle | null {
	const inSecond = trades.filter((trade) => trade.time >= cut && trade.time < cut + 1000);
	if (inSecond.length === 0) return null;
	const scratch = new SymbolAggregator(inSecond[0]?.symbol ?? '');
	for (const trade of inSecond) scratch.add(trade);
	const [row] = scratch.klines('1s');
	return row === undefined ? null : candleFromKline(row, 0);
}

/** The rows with trades that lie wholly inside their range and before the cut, as candles, in time order. */
function tradedRows(cut: number, fetched: readonly PrefixRows[]): Candle[] {
	const candles: Candle[] = [];
	for (const { range, rows } of fetched) {
		const size = LEVELS.find((level) => level.interval === range.interval)?.size ?? SECOND;
		for (const row of rows) {
			const time = row[0];
			const inside = time >= range.startTime && time <= range.endTime && time + size <= cut;
			if (inside && row[8] > 0) candles.push(candleFromKline(row, 0));
		}
	}
	return candles.sort((a, b) => a.time - b.time);
}
