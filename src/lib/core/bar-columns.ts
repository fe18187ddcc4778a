import type { Interval } from './interval';

/**
 * Candles as parallel columns, ascending by `time`, for drawing (floats are fine there; exact
 * figures are `KlineRow`s). `time` is the open time in ms; `buyVolume` is the taker-buy base volume.
 * Columns travel between worker and UI as transferables.
 */
export interface BarColumns {
	readonly time: Float64Array;
	readonly open: Float64Array;
	readonly high: Float64Array;
	readonly low: Float64Array;
	readonly close: Float64Array;
	readonly volume: Float64Array;
	readonly buyVolume: Float64Array;
	readonly count: Float64Array;
}

/**
 * Where bars are drawn: the chart adapter implements it, the page's view sync feeds it. The chart
 * knows nothing of views or batches.
 */
export interface BarSink {
	/**
	 * Replace everything drawn; `interval` decides the time axis labels. `provisional`: open time
	 * (ms) of a bar held only in part for now (ViewUpdate.provisional), drawn as such.
	 */
	reset(bars: BarColumns, interval: Interval, provisional?: number | null): void;
	/** Draw changed bars, ascending by time. */
	update(bars: BarColumns): void;
	/** Empty the chart while the next history loads. */
	clear(): void;
}

/** Zeroed bar columns of `n` rows. */
export function emptyColumns(n: number): BarColumns {
	return {
		time: new Float64Array(n),
		open: new Float64Array(n),
		high: new Float64Array(n),
		low: new Float64Array(n),
		close: new Float64Array(n),
		volume: new Float64Array(n),
		buyVolume: new Float64Array(n),
		count: new Float64Array(n)
	};
}
