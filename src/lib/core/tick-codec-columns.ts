import { epochMs } from './time';
import type { Trade } from './trade';

/**
 * Decoded ticks as parallel columns, in chunk order. `price[i] / 10 ** priceScale` is the price
 * as a double; with `priceText` null, `price[i]` is the exact integer mantissa, otherwise
 * `priceText[i]` is the exact decimal and `price[i]` its nearest double (scale 0). Same for qty.
 * Times are ms since the epoch; `buyerMaker[i]` is 1 when the aggressor sold.
 */
export interface TickColumns {
	readonly length: number;
	readonly id: Float64Array;
	readonly time: Float64Array;
	readonly buyerMaker: Uint8Array;
	readonly price: Float64Array;
	readonly priceScale: number;
	readonly priceText: readonly string[] | null;
	readonly qty: Float64Array;
	readonly qtyScale: number;
	readonly qtyText: readonly string[] | null;
	readonly count: Float64Array;
	readonly firstTradeId: Float64Array;
	readonly lastTradeId: Float64Array;
}

/** Canonical decimal text of `mantissa / 10^scale` (mantissa a non-negative safe integer): no trailing zeros, no trailing dot. */
export function formatDecimal(mantissa: number, scale: number): string {
	const digits = String(mantissa).padStart(scale + 1, '0');
	if (scale === 0) return digits;
	const whole = digits.slice(0, digits.length - scale);
	const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
	return fraction === '' ? whole : `${whole}.${fraction}`;
}

function assertIndex(columns: TickColumns, i: number): void {
	if (!Number.isInteger(i) || i < 0 || i >= columns.length) {
		throw new RangeError(`tick codec: index ${i} outside 0..${columns.length - 1}`);
	}
}

/** Value `i` of a price or qty column as exact decimal text (see TickColumns). */
function decimalAt(
	values: Float64Array,
	scale: number,
	text: readonly string[] | null,
	i: number
): string {
	return text?.[i] ?? formatDecimal(values[i] ?? 0, scale);
}

/** Tick `i` as a Trade with exact decimal strings (numerically equal to what was encoded). */
export function tradeAt(columns: TickColumns, i: number, symbol: string): Trade {
	assertIndex(columns, i);
	return {
		symbol,
		id: columns.id[i] ?? 0,
		price: decimalAt(columns.price, columns.priceScale, columns.priceText, i),
		qty: decimalAt(columns.qty, columns.qtyScale, columns.qtyText, i),
		time: epochMs(columns.time[i] ?? 0),
		buyerMaker: columns.buyerMaker[i] === 1,
		count: columns.count[i] ?? 0,
		firstTradeId: columns.firstTradeId[i] ?? 0,
		lastTradeId: columns.lastTradeId[i] ?? 0
	};
}

/** Ticks `start` (inclusive) to `end` (exclusive) as views on the same buffers. */
export function sliceColumns(columns: TickColumns, start: number, end: number): TickColumns {
	return {
		...columns,
		length: Math.max(0, Math.min(end, columns.length) - start),
		id: columns.id.subarray(start, end),
		time: columns.time.subarray(start, end),
		buyerMaker: columns.buyerMaker.subarray(start, end),
		price: columns.price.subarray(start, end),
		priceText: columns.priceText?.slice(start, end) ?? null,
		qty: columns.qty.subarray(start, end),
		qtyText: columns.qtyText?.slice(start, end) ?? null,
		count: columns.count.subarray(start, end),
		firstTradeId: columns.firstTradeId.subarray(start, end),
		lastTradeId: columns.lastTradeId.subarray(start, end)
	};
}

/**
 * Trims ticks before `fromMs` and after `toMs` (both inclusive bounds) off the ends. Times are
 * ascending within a symbol as Binance sends them, so this is exact; it costs only the ticks cut.
 */
export function clipColumns(columns: TickColumns, fromMs: number, toMs: number): TickColumns {
	let start = 0;
	let end = columns.length;
	while (start < end && (columns.time[start] ?? 0) < fromMs) start++;
	while (end > start && (columns.time[end - 1] ?? 0) > toMs) end--;
	return start === 0 && end === columns.length ? columns : sliceColumns(columns, start, end);
}
