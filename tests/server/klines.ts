import { formatScaled, parseScaled } from './decimal.ts';
import type { TradeTape } from './tape.ts';

/** Interval lengths in ms of the intervals `/api/v3/klines` serves here (fixed-length ones). */
export const KLINE_INTERVAL_MS: Readonly<Record<string, number>> = {
	'1s': 1_000,
	'1m': 60_000,
	'3m': 180_000,
	'5m': 300_000,
	'15m': 900_000,
	'30m': 1_800_000,
	'1h': 3_600_000,
	'2h': 7_200_000,
	'4h': 14_400_000,
	'6h': 21_600_000,
	'8h': 28_800_000,
	'12h': 43_200_000,
	'1d': 86_400_000
};

/** `[openTime, o, h, l, c, v, closeTime, q, n, V, Q, "0"]`, as Binance sends a kline row. */
export type KlineRow = [
	number,
	string,
	string,
	string,
	string,
	string,
	number,
	string,
	number,
	string,
	string,
	string
];

export interface KlineWindow {
	readonly startTime?: number;
	readonly endTime?: number;
	readonly limit: number;
}

const ZERO = '0.00000000';

/** Buckets from trades `[from, to)` of the tape: exact sums in BigInt, quote volume at 16 decimals. */
export function bucket(
	tape: TradeTape,
	open: number,
	intervalMs: number,
	from: number,
	to: number
): KlineRow {
	const first = tape.at(from);
	let high = parseScaled(first.p);
	let low = high;
	let volume = 0n;
	let quote = 0n;
	let takerVolume = 0n;
	let takerQuote = 0n;
	let count = 0;
	let close = first.p;
	for (let i = from; i < to; i += 1) {
		const trade = tape.at(i);
		const price = parseScaled(trade.p);
		const qty = parseScaled(trade.q);
		if (price > high) high = price;
		if (price < low) low = price;
		volume += qty;
		quote += price * qty;
		count += trade.l - trade.f + 1;
		if (!trade.m) {
			takerVolume += qty;
			takerQuote += price * qty;
		}
		close = trade.p;
	}
	return [
		open,
		first.p,
		formatScaled(high),
		formatScaled(low),
		close,
		formatScaled(volume),
		open + intervalMs - 1,
		formatScaled(quote, 16, 8),
		count,
		formatScaled(takerVolume),
		formatScaled(takerQuote, 16, 8),
		'0'
	];
}

export function flat(open: number, intervalMs: number, price: string): KlineRow {
	return [open, price, price, price, price, ZERO, open + intervalMs - 1, ZERO, 0, ZERO, ZERO, '0'];
}

/** Which open times a request selects, Binance's way, within the candles that exist. */
function opens(first: number, last: number, intervalMs: number, window: KlineWindow): number[] {
	const span = (window.limit - 1) * intervalMs;
	let from: number;
	let to: number;
	if (window.startTime !== undefined) {
		from = Math.max(first, Math.ceil(window.startTime / intervalMs) * intervalMs);
		const end =
			window.endTime === undefined ? last : Math.floor(window.endTime / intervalMs) * intervalMs;
		to = Math.min(last, end, from + span);
	} else {
		to =
			window.endTime === undefined
				? last
				: Math.min(last, Math.floor(window.endTime / intervalMs) * intervalMs);
		from = Math.max(first, to - span);
	}
	const out: number[] = [];
	for (let open = from; open <= to; open += intervalMs) out.push(open);
	return out;
}

/**
 * Klines computed from the first `visible` trades of the tape (those traded by the replay clock
 * `clockMs`): a candle for every bucket from the first trade's to the clock's, empty buckets flat at
 * the previous close with zero volume, like Binance. The last candle is the open, partial one.
 */
export function klineRows(
	tape: TradeTape,
	visible: number,
	intervalMs: number,
	window: KlineWindow,
	clockMs: number
): KlineRow[] {
	if (visible === 0) return [];
	const first = Math.floor(tape.at(0).T / intervalMs) * intervalMs;
	const last = Math.floor(clockMs / intervalMs) * intervalMs;
	return opens(first, last, intervalMs, window).map((open) => {
		const from = tape.indexAtTime(open);
		const to = Math.min(tape.indexAtTime(open + intervalMs), visible);
		if (from < to) return bucket(tape, open, intervalMs, from, to);
		return flat(open, intervalMs, tape.at(Math.min(from, visible) - 1).p);
	});
}
