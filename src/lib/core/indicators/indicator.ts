/** One candle as an indicator reads it (floats as drawn; exact units are recovered where summed). */
export interface BarInput {
	/** Open time, ms. */
	time: number;
	high: number;
	low: number;
	close: number;
	volume: number;
}

/** Where an indicator writes one candle's values: `lines[k][at]`, NaN while it has none yet. */
export type LineColumns = readonly Float64Array[];

/**
 * An incremental indicator. Closed candles go through `commit` once, in time order, and are never
 * looked at again; the open candle is evaluated with `preview`, in O(1), as often as it changes,
 * without changing the state.
 */
export interface Indicator {
	commit(bar: BarInput, out: LineColumns, at: number): void;
	preview(bar: BarInput, out: LineColumns, at: number): void;
}

/** Writes `value` to line `line` at `at`. */
export function put(out: LineColumns, line: number, at: number, value: number): void {
	const column = out[line];
	if (column !== undefined) column[at] = value;
}
