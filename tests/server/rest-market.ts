import { integer, limit, mandatory, RestError } from './rest-errors.ts';
import { KLINE_INTERVAL_MS, klineRows, type KlineRow } from './klines.ts';
import type { AggTradeRow } from './market.ts';
import type { TradeTape } from './tape.ts';
import { calendarKlineRows, isCalendarInterval } from './calendar-klines.ts';

const HOUR_MS = 3_600_000;

function rows(
	tape: TradeTape,
	from: number,
	to: number,
	keep: (T: number) => boolean
): AggTradeRow[] {
	const out: AggTradeRow[] = [];
	for (let i = from; i < to; i += 1) {
		const { a, p, q, f, l, T, m, M } = tape.at(i);
		if (!keep(T)) break;
		out.push({ a, p, q, f, l, T, m, M });
	}
	return out;
}

/**
 * `/api/v3/aggTrades` over the first `visible` aggTrades (no future data): `fromId` pages forward
 * from that id; `startTime`/`endTime` select a window of at most an hour (one alone implies the
 * hour after / before it); with neither, the most recent `limit`.
 */
export function aggTradesAnswer(
	tape: TradeTape,
	visible: number,
	params: URLSearchParams
): AggTradeRow[] {
	const count = limit(params, 500, 1000);
	const fromId = integer(params, 'fromId');
	const startTime = integer(params, 'startTime');
	const endTime = integer(params, 'endTime');
	const timed = startTime !== undefined || endTime !== undefined;
	if (fromId !== undefined && timed) {
		throw new RestError(400, -1128, 'Combination of optional parameters invalid.');
	}
	if (fromId !== undefined) {
		const from = tape.indexOfId(fromId);
		return rows(tape, from, Math.min(from + count, visible), () => true);
	}
	if (!timed) return rows(tape, Math.max(0, visible - count), visible, () => true);
	const start = startTime ?? (endTime as number) - HOUR_MS;
	const end = endTime ?? start + HOUR_MS;
	if (end - start > HOUR_MS)
		throw new RestError(400, -1127, 'More than 1 hours between startTime and endTime.');
	if (end < start) throw new RestError(400, -1127, 'startTime is after endTime.');
	const from = tape.indexAtTime(start);
	return rows(tape, from, Math.min(from + count, visible), (T) => T <= end);
}

/** `/api/v3/klines` from the visible trades; see `klineRows`. */
export function klinesAnswer(
	tape: TradeTape,
	visible: number,
	params: URLSearchParams,
	clockMs: number
): KlineRow[] {
	const interval = mandatory(params, 'interval');
	const intervalMs = KLINE_INTERVAL_MS[interval];
	const calendar = isCalendarInterval(interval);
	if (intervalMs === undefined && !calendar) throw new RestError(400, -1120, 'Invalid interval.');
	const window = {
		startTime: integer(params, 'startTime'),
		endTime: integer(params, 'endTime'),
		limit: limit(params, 500, 1000)
	};
	if (
		window.startTime !== undefined &&
		window.endTime !== undefined &&
		window.endTime < window.startTime
	) {
		return [];
	}
	if (calendar) return calendarKlineRows(tape, visible, interval, window, clockMs);
	return klineRows(tape, visible, intervalMs ?? 0, window, clockMs);
}
