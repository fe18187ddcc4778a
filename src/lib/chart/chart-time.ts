import type { UTCTimestamp } from 'lightweight-charts';
import type { EpochMs } from '../core/time';

/**
 * The one place milliseconds become chart time. The chart counts whole seconds (`UTCTimestamp`);
 * candle open times are whole seconds already (the smallest interval is 1 s), so nothing is lost.
 */
export function toChartTime(ms: EpochMs | number): UTCTimestamp {
	return Math.floor(ms / 1000) as UTCTimestamp;
}

/** Back from chart time to milliseconds, for labels of what the chart reports (crosshair). */
export function fromChartTime(time: UTCTimestamp): EpochMs {
	return (time * 1000) as EpochMs;
}
