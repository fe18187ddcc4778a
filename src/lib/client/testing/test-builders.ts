import type { Interval } from '../../core/interval';
import type { BarColumns, FeedBatch, FeedStatus, ViewUpdate } from '../../protocol/feed-api';

/** Test builders shared by the client specs. */

/** Bars at the given open times (ms); close = `closes[i]` or the time / 1000, the rest derived from it. */
export function bars(times: readonly number[], closes: readonly number[] = []): BarColumns {
	const close = times.map((t, i) => closes[i] ?? t / 1000);
	return {
		time: Float64Array.from(times),
		open: Float64Array.from(close, (c) => c - 1),
		high: Float64Array.from(close, (c) => c + 2),
		low: Float64Array.from(close, (c) => c - 2),
		close: Float64Array.from(close),
		volume: Float64Array.from(times, () => 4),
		buyVolume: Float64Array.from(times, () => 3),
		count: Float64Array.from(times, () => 2)
	};
}

export const liveStatus = (overrides: Partial<FeedStatus> = {}): FeedStatus => ({
	state: 'live',
	detail: '',
	messagesPerSecond: 12,
	latencyMs: 40,
	received: 100,
	rejected: {},
	duplicates: 0,
	reconnects: 0,
	source: 'binance',
	...overrides
});

export function view(
	viewId: string,
	times: readonly number[],
	options: {
		reset?: boolean;
		symbol?: string;
		interval?: Interval;
		closes?: number[];
		lastPrice?: string | null;
	} = {}
): ViewUpdate {
	return {
		viewId,
		symbol: options.symbol ?? 'btcusdt',
		interval: options.interval ?? '1s',
		reset: options.reset ?? false,
		bars: bars(times, options.closes),
		lastPrice: options.lastPrice === undefined ? null : options.lastPrice
	};
}

export function batch(
	seq: number,
	views: ViewUpdate[] = [],
	overrides: Partial<FeedBatch> = {}
): FeedBatch {
	return {
		seq,
		sentAt: 1_723_075_200_000 + seq,
		status: liveStatus(),
		views,
		books: [],
		...overrides
	};
}
