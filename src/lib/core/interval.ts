import type { EpochMs } from './time';

/** Candle intervals, smallest first. Every one is built from the same trades as the 1 s base. */
export const INTERVALS = ['1s', '5s', '15s', '1m', '5m', '15m', '1h', '4h', '1d'] as const;
export type Interval = (typeof INTERVALS)[number];

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Length of each interval in milliseconds. Buckets are aligned to the Unix epoch, UTC. */
export const INTERVAL_MS: Readonly<Record<Interval, number>> = {
	'1s': SECOND,
	'5s': 5 * SECOND,
	'15s': 15 * SECOND,
	'1m': MINUTE,
	'5m': 5 * MINUTE,
	'15m': 15 * MINUTE,
	'1h': HOUR,
	'4h': 4 * HOUR,
	'1d': 24 * HOUR
};

export function isInterval(value: string): value is Interval {
	return (INTERVALS as readonly string[]).includes(value);
}

/** Open time of the bucket of `interval` that holds the instant `time`. */
export function bucketStart(time: EpochMs, interval: Interval): EpochMs {
	const size = INTERVAL_MS[interval];
	return (time - (time % size)) as EpochMs;
}
