/** A visible logical range of the time scale (bar indexes, fractional). */
export interface BarRange {
	readonly from: number;
	readonly to: number;
}

/** Keys the focused chart answers: pan, zoom, back to the latest bar. */
export type ChartKeyMove = { range: BarRange } | { latest: true };

/** Fewest bars a keyboard zoom-in keeps on screen. */
const MIN_BARS = 8;
const ZOOM = 1.25;
const PAN_SHARE = 0.15;

/**
 * Where a key moves the chart's visible range: arrows pan by a share of what is visible, + and -
 * zoom around the middle, End returns to the latest bar. Null for a key the chart ignores.
 */
export function keyboardMove(key: string, range: BarRange): ChartKeyMove | null {
	const width = range.to - range.from;
	const step = Math.max(1, Math.round(width * PAN_SHARE));
	switch (key) {
		case 'ArrowLeft':
			return { range: { from: range.from - step, to: range.to - step } };
		case 'ArrowRight':
			return { range: { from: range.from + step, to: range.to + step } };
		case '+':
		case '=':
			return { range: around(range, Math.max(MIN_BARS, width / ZOOM)) };
		case '-':
		case '_':
			return { range: around(range, width * ZOOM) };
		case 'End':
			return { latest: true };
		default:
			return null;
	}
}

function around(range: BarRange, width: number): BarRange {
	const middle = (range.from + range.to) / 2;
	return { from: middle - width / 2, to: middle + width / 2 };
}
