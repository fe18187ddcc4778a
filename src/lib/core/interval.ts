import type { EpochMs } from './time';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Candle intervals of fixed length, smallest first, bucketed by the Unix epoch (UTC): an epoch
 * floor is safe for all of them (../shared/FACTS.md). Every one is built from the same trades.
 */
export const FIXED_INTERVALS = [
	'1s',
	'5s',
	'15s',
	'30s',
	'1m',
	'3m',
	'5m',
	'15m',
	'30m',
	'1h',
	'2h',
	'4h',
	'6h',
	'8h',
	'12h',
	'1d'
] as const;
export type FixedInterval = (typeof FIXED_INTERVALS)[number];

/**
 * Intervals whose bucket boundaries nobody has verified (Binance documents no alignment for 3d,
 * 1w and 1M): their open times come from the exchange's own klines, never from arithmetic.
 */
export const ANCHORED_INTERVALS = ['3d', '1w', '1M'] as const;
export type AnchoredInterval = (typeof ANCHORED_INTERVALS)[number];

/** Every candle interval, smallest first. */
export const CANDLE_INTERVALS = [...FIXED_INTERVALS, ...ANCHORED_INTERVALS] as const;
export type CandleInterval = FixedInterval | AnchoredInterval;

/** The tick chart: every trade a point, no buckets. */
export const TICK = 'tick';

/** What a chart shows: every trade (`tick`) or candles of one interval. */
export const INTERVALS = [TICK, ...CANDLE_INTERVALS] as const;
export type Interval = (typeof INTERVALS)[number];

/** Length of each fixed interval in milliseconds. Buckets are aligned to the Unix epoch, UTC. */
export const INTERVAL_MS: Readonly<Record<FixedInterval, number>> = {
	'1s': SECOND,
	'5s': 5 * SECOND,
	'15s': 15 * SECOND,
	'30s': 30 * SECOND,
	'1m': MINUTE,
	'3m': 3 * MINUTE,
	'5m': 5 * MINUTE,
	'15m': 15 * MINUTE,
	'30m': 30 * MINUTE,
	'1h': HOUR,
	'2h': 2 * HOUR,
	'4h': 4 * HOUR,
	'6h': 6 * HOUR,
	'8h': 8 * HOUR,
	'12h': 12 * HOUR,
	'1d': DAY
};

/**
 * Typical length of every candle interval in ms, for choices of display only (axis labels, how
 * much history fits a view), never for bucketing: a month is 28 to 31 days.
 */
export const NOMINAL_MS: Readonly<Record<CandleInterval, number>> = {
	...INTERVAL_MS,
	'3d': 3 * DAY,
	'1w': 7 * DAY,
	'1M': 30 * DAY
};

export function isInterval(value: string): value is Interval {
	return (INTERVALS as readonly string[]).includes(value);
}

export function isFixedInterval(value: string): value is FixedInterval {
	return (FIXED_INTERVALS as readonly string[]).includes(value);
}

export function isAnchoredInterval(value: string): value is AnchoredInterval {
	return (ANCHORED_INTERVALS as readonly string[]).includes(value);
}

/** Open time of the bucket of `interval` that holds the instant `time`. */
export function bucketStart(time: EpochMs, interval: FixedInterval): EpochMs {
	const size = INTERVAL_MS[interval];
	return (time - (time % size)) as EpochMs;
}

/**
 * Open time of the bucket of `interval` holding `ms` where arithmetic knows it (the fixed
 * intervals); otherwise (the tick chart; 3d, 1w and 1M, whose boundaries are the exchange's) the
 * start of the second holding it.
 */
export function bucketOpenOrSecond(interval: Interval, ms: number): number {
	const size = isFixedInterval(interval) ? INTERVAL_MS[interval] : SECOND;
	return ms - (ms % size);
}
