import { bucket, flat, type KlineRow, type KlineWindow } from './klines.ts';
import type { TradeTape } from './tape.ts';

const DAY = 86_400_000;

/**
 * Where this server puts the buckets of the intervals Binance documents no alignment for: 3d on
 * multiples of three days since the epoch, 1w on Mondays, 1M on the first of the month, all 00:00
 * UTC. The app must not know this: it takes boundaries from these klines' open and close times.
 */
export const CALENDAR_INTERVALS = ['3d', '1w', '1M'] as const;
export type CalendarInterval = (typeof CALENDAR_INTERVALS)[number];

export function isCalendarInterval(value: string): value is CalendarInterval {
	return (CALENDAR_INTERVALS as readonly string[]).includes(value);
}

/** Open time of the bucket holding `time`. */
export function calendarOpen(interval: CalendarInterval, time: number): number {
	const day = time - (time % DAY);
	if (interval === '3d') return day - (day % (3 * DAY));
	if (interval === '1w') return day - ((new Date(day).getUTCDay() + 6) % 7) * DAY;
	const date = new Date(day);
	return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** Open time of the bucket after the one opening at `open`. */
export function calendarNext(interval: CalendarInterval, open: number): number {
	if (interval === '3d') return open + 3 * DAY;
	if (interval === '1w') return open + 7 * DAY;
	const date = new Date(open);
	return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/** Like `klineRows`, for 3d, 1w and 1M: every bucket from the first trade's to the clock's. */
export function calendarKlineRows(
	tape: TradeTape,
	visible: number,
	interval: CalendarInterval,
	window: KlineWindow,
	clockMs: number
): KlineRow[] {
	if (visible === 0) return [];
	const opens: number[] = [];
	const last = calendarOpen(interval, clockMs);
	for (let open = calendarOpen(interval, tape.at(0).T); open <= last;) {
		opens.push(open);
		open = calendarNext(interval, open);
	}
	const start = window.startTime ?? -Infinity;
	const end = window.endTime ?? Infinity;
	let chosen = opens.filter((open) => open >= start && open <= end);
	chosen =
		window.startTime !== undefined ? chosen.slice(0, window.limit) : chosen.slice(-window.limit);
	return chosen.map((open) => {
		const next = calendarNext(interval, open);
		const from = tape.indexAtTime(open);
		const to = Math.min(tape.indexAtTime(next), visible);
		if (from < to) return bucket(tape, open, next - open, from, to);
		return flat(open, next - open, tape.at(Math.max(0, Math.min(from, visible) - 1)).p);
	});
}
