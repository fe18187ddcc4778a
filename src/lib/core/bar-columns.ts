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
