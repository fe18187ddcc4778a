import type { ISeriesApi, SeriesType, UTCTimestamp } from 'lightweight-charts';
import { INTERVAL_MS, isFixedInterval, type Interval } from '../core/interval';
import { fromChartTime } from './chart-time';

/**
 * Open time (ms) of the bar of `interval` that holds the moment `ms`, for marks placed on candles
 * (paper fills, unrepaired gaps). Fixed intervals floor to the epoch; 3d, 1w and 1M take the
 * newest drawn bar opening at or before `ms` (their boundaries are the exchange's, never
 * arithmetic). Null on the tick chart, or when no drawn bar holds it.
 */
export function barOpenAt(
	ms: number,
	interval: Interval,
	series: ISeriesApi<SeriesType>
): number | null {
	if (isFixedInterval(interval)) return ms - (ms % INTERVAL_MS[interval]);
	if (interval === 'tick') return null;
	const bars = series.data();
	let low = 0;
	let high = bars.length - 1;
	let found: number | null = null;
	while (low <= high) {
		const mid = (low + high) >> 1;
		const bar = bars[mid];
		if (bar === undefined) break;
		const open = fromChartTime(bar.time as UTCTimestamp);
		if (open <= ms) {
			found = open;
			low = mid + 1;
		} else {
			high = mid - 1;
		}
	}
	return found;
}
