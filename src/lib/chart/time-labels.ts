/** Where axis labels and the crosshair read time; candle buckets stay Binance's (UTC) either way. */
export type TimeZoneMode = 'utc' | 'local';

/** lightweight-charts' `TickMarkType`, by value (Year, Month, DayOfMonth, Time, TimeWithSeconds). */
export const TICK_MARK = { year: 0, month: 1, day: 2, time: 3, seconds: 4 } as const;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Parts {
	year: number;
	month: number;
	day: number;
	hours: number;
	minutes: number;
	seconds: number;
	ms: number;
}

function parts(ms: number, zone: TimeZoneMode): Parts {
	const d = new Date(Math.round(ms));
	if (zone === 'utc') {
		return {
			year: d.getUTCFullYear(),
			month: d.getUTCMonth(),
			day: d.getUTCDate(),
			hours: d.getUTCHours(),
			minutes: d.getUTCMinutes(),
			seconds: d.getUTCSeconds(),
			ms: d.getUTCMilliseconds()
		};
	}
	return {
		year: d.getFullYear(),
		month: d.getMonth(),
		day: d.getDate(),
		hours: d.getHours(),
		minutes: d.getMinutes(),
		seconds: d.getSeconds(),
		ms: d.getMilliseconds()
	};
}

const two = (n: number) => String(n).padStart(2, '0');
const three = (n: number) => String(n).padStart(3, '0');

/** `14:03`, `14:03:05` or `14:03:05.123` in the zone. */
export function clockText(ms: number, zone: TimeZoneMode, unit: 'm' | 's' | 'ms'): string {
	const p = parts(ms, zone);
	const minutes = `${two(p.hours)}:${two(p.minutes)}`;
	if (unit === 'm') return minutes;
	const seconds = `${minutes}:${two(p.seconds)}`;
	return unit === 's' ? seconds : `${seconds}.${three(p.ms)}`;
}

/** `2024-08-08`, then `14:03`, `14:03:05` or `14:03:05.123` as `unit` asks, in the zone. */
export function stampText(ms: number, zone: TimeZoneMode, unit: 'd' | 'm' | 's' | 'ms'): string {
	const p = parts(ms, zone);
	const date = `${p.year}-${two(p.month + 1)}-${two(p.day)}`;
	return unit === 'd' ? date : `${date} ${clockText(ms, zone, unit)}`;
}

/** `8 Aug`, `Aug`, `2024`. */
function dateText(ms: number, zone: TimeZoneMode, mark: number): string {
	const p = parts(ms, zone);
	if (mark === TICK_MARK.year) return String(p.year);
	if (mark === TICK_MARK.month) return MONTHS[p.month] ?? '';
	return `${p.day} ${MONTHS[p.month] ?? ''}`;
}

/**
 * An axis label for a mark at `ms` of the kind the chart chose (`TICK_MARK`). Marks at day, month
 * and year edges name the date; the others the time, with seconds where `seconds`, with
 * milliseconds where `millis` (the tick chart: trades share a second).
 */
export function tickMarkText(
	ms: number,
	mark: number,
	zone: TimeZoneMode,
	detail: { seconds: boolean; millis: boolean }
): string {
	if (detail.millis) return clockText(ms, zone, 'ms');
	if (mark <= TICK_MARK.day) return dateText(ms, zone, mark);
	return clockText(ms, zone, detail.seconds || mark === TICK_MARK.seconds ? 's' : 'm');
}

/** The crosshair's time: `Thu 8 Aug 2024 14:03` and finer as the interval needs; `UTC` when in UTC. */
export function crosshairText(
	ms: number,
	zone: TimeZoneMode,
	unit: 'd' | 'm' | 's' | 'ms'
): string {
	const p = parts(ms, zone);
	const date = `${p.day} ${MONTHS[p.month] ?? ''} ${p.year}`;
	const suffix = zone === 'utc' ? ' UTC' : '';
	if (unit === 'd') return `${date}${suffix}`;
	return `${date} ${clockText(ms, zone, unit)}${suffix}`;
}
