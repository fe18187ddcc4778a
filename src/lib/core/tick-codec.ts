import { epochMs } from './time';
import {
	TICK_CHUNK_FORMAT,
	type TickChunk,
	type TickChunkFormat,
	type TradeIdMode
} from './tick-codec-chunk';
import { writeColumn } from './tick-codec-sparse';
import { ByteWriter, zigzag } from './tick-codec-varint';
import type { Trade } from './trade';

export type { TickColumns } from './tick-codec-columns';
export { clipColumns, formatDecimal, sliceColumns, tradeAt } from './tick-codec-columns';
export { decodeChunk } from './tick-codec-decode';
export { TICK_CHUNK_FORMAT } from './tick-codec-chunk';
export type { TickChunk, TickChunkFormat, TradeIdMode } from './tick-codec-chunk';

/**
 * Compact, exact encoding of ticks (trades of one symbol) for storage, and fast decoding into
 * typed-array columns.
 *
 * A chunk holds its ticks in the order given (the store gives them in ascending id order). The
 * payload is a run of LEB128 varints, column after column: id deltas, time deltas with the taker
 * side in the low bit, price mantissa deltas, quantity mantissas, then the underlying trade ids when
 * they are not implied. Prices and quantities become integer mantissas at one decimal scale per
 * chunk; a column whose values do not fit that (more than `MAX_SCALE` decimals, mantissas beyond
 * 2^51, text that is not a plain decimal) is kept as its exact strings instead.
 *
 * Formats (`TickChunk.format`; every format ever written stays readable):
 * - 1: every column dense (one varint per tick); the underlying trade id fields interleaved per
 *   tick (first id delta, span when explicit, count).
 * - 2: each column in the shorter of a dense and a sparse layout (tick-codec-sparse.ts), the
 *   underlying trade id fields as columns of their own, so the all-zero delta columns of an
 *   unbroken Binance stream (ids, first underlying ids) take two bytes per chunk, not one per tick.
 */

/** Largest decimal scale kept numerically: 10^22 is the largest power of ten a double holds exactly. */
export const MAX_SCALE = 22;
/** Mantissa bound of the numeric path: zigzag price deltas stay below 2^53. */
const MANTISSA_LIMIT = 2 ** 51;
/** Ids and underlying trade ids and counts: non-negative integers up to this. */
const ID_LIMIT = 2 ** 51;
/** Trade times: integer ms in [0, 2^47) (until the year 6429). */
const TIME_LIMIT = 2 ** 47;

const POW10: readonly number[] = Array.from({ length: MAX_SCALE + 1 }, (_, i) => 10 ** i);
const DECIMAL = /^\d+(?:\.\d+)?$/;

/** Stripped mantissas and decimal counts of one decimal column, or null when it must stay text. */
function parseColumn(
	texts: readonly string[]
): { mantissa: Float64Array; decimals: Uint8Array } | null {
	const mantissa = new Float64Array(texts.length);
	const decimals = new Uint8Array(texts.length);
	for (let i = 0; i < texts.length; i++) {
		const text = texts[i] ?? '';
		if (!DECIMAL.test(text)) return null;
		const dot = text.indexOf('.');
		let end = text.length;
		if (dot >= 0) {
			while (text.charCodeAt(end - 1) === 48) end--;
			if (end === dot + 1) end = dot;
		}
		const fraction = dot >= 0 && end > dot;
		const places = fraction ? end - dot - 1 : 0;
		const value = Number(
			fraction ? text.slice(0, dot) + text.slice(dot + 1, end) : text.slice(0, end)
		);
		if (places > MAX_SCALE || !(value <= MANTISSA_LIMIT)) return null;
		mantissa[i] = value;
		decimals[i] = places;
	}
	return { mantissa, decimals };
}

/**
 * A decimal column as mantissas at one scale (the column's largest decimal count), or null when
 * it must stay text.
 */
function decimalColumn(texts: readonly string[]): { values: Float64Array; scale: number } | null {
	const column = parseColumn(texts);
	if (!column) return null;
	const { mantissa, decimals } = column;
	const scale = decimals.reduce((a, b) => Math.max(a, b), 0);
	for (let i = 0; i < mantissa.length; i++) {
		const scaled = (mantissa[i] ?? 0) * (POW10[scale - (decimals[i] ?? 0)] ?? 1);
		if (!(scaled <= MANTISSA_LIMIT)) return null;
		mantissa[i] = scaled;
	}
	return { values: mantissa, scale };
}

function checkInteger(value: number, limit: number, what: string): void {
	if (!Number.isInteger(value) || value < 0 || value > limit) {
		throw new RangeError(`tick codec: ${what} ${value} is not an integer in [0, ${limit}]`);
	}
}

function tradeIdMode(trades: readonly Trade[]): TradeIdMode {
	let mode: TradeIdMode = 'single';
	let explicit = false;
	for (const t of trades) {
		checkInteger(t.id, ID_LIMIT, 'id');
		checkInteger(t.time, TIME_LIMIT, 'time');
		checkInteger(t.firstTradeId, ID_LIMIT, 'firstTradeId');
		checkInteger(t.lastTradeId, ID_LIMIT, 'lastTradeId');
		checkInteger(t.count, ID_LIMIT, 'count');
		if (t.count === 1 && t.firstTradeId === t.id && t.lastTradeId === t.id) continue;
		if (t.count < 1 || t.lastTradeId - t.firstTradeId + 1 !== t.count) explicit = true;
		mode = 'aggregate';
	}
	return explicit ? 'explicit' : mode;
}

/** The varint values of every column, before layout; price and qty null when kept as text. */
interface ColumnValues {
	/** zigzag(id - previous id - 1). */
	readonly id: Float64Array;
	/** zigzag(time - previous time, from minTime) * 2 + taker side. */
	readonly time: Float64Array;
	/** zigzag(mantissa - previous mantissa, from 0). */
	readonly price: Float64Array | null;
	/** Mantissas: quantities are uncorrelated tick to tick, and a symbol's lot step keeps them short. */
	readonly qty: Float64Array | null;
	/** zigzag(first underlying id - previous last underlying id - 1); null for `single`. */
	readonly first: Float64Array | null;
	/** zigzag(last - first underlying id), `explicit` only. */
	readonly span: Float64Array | null;
	/** count - 1 for `aggregate`, count for `explicit`. */
	readonly count: Float64Array | null;
}

function deltas(values: Float64Array): Float64Array {
	let previous = 0;
	for (let i = 0; i < values.length; i++) {
		const value = values[i] as number;
		values[i] = zigzag(value - previous);
		previous = value;
	}
	return values;
}

function tradeIdColumns(trades: readonly Trade[], mode: TradeIdMode) {
	if (mode === 'single') return { first: null, span: null, count: null };
	const n = trades.length;
	const [first, span, count] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
	let previousLast = (trades[0]?.id ?? 0) - 1;
	trades.forEach((t, i) => {
		first[i] = zigzag(t.firstTradeId - previousLast - 1);
		span[i] = zigzag(t.lastTradeId - t.firstTradeId);
		count[i] = mode === 'explicit' ? t.count : t.count - 1;
		previousLast = t.lastTradeId;
	});
	return { first, span: mode === 'explicit' ? span : null, count };
}

/** A decimal column's mantissas at its scale, or null for a column kept as text. */
type Mantissas = { readonly values: Float64Array } | null;

function columnValues(
	trades: readonly Trade[],
	mode: TradeIdMode,
	minTime: number,
	prices: Mantissas,
	quantities: Mantissas
): ColumnValues {
	const id = new Float64Array(trades.length);
	const time = new Float64Array(trades.length);
	let previousId = (trades[0]?.id ?? 0) - 1;
	let previousTime = minTime;
	trades.forEach((t, i) => {
		id[i] = zigzag(t.id - previousId - 1);
		time[i] = zigzag(t.time - previousTime) * 2 + (t.buyerMaker ? 1 : 0);
		previousId = t.id;
		previousTime = t.time;
	});
	const price = prices && deltas(prices.values);
	return { id, time, price, qty: quantities?.values ?? null, ...tradeIdColumns(trades, mode) };
}

/** Format 1: dense columns, the underlying trade id fields interleaved per tick. */
function writeFormat1(out: ByteWriter, c: ColumnValues): void {
	for (const column of [c.id, c.time, c.price, c.qty]) {
		if (column) for (const value of column) out.varint(value);
	}
	const { first, span, count } = c;
	if (first === null || count === null) return;
	for (let i = 0; i < first.length; i++) {
		out.varint(first[i] as number);
		if (span) out.varint(span[i] as number);
		out.varint(count[i] as number);
	}
}

function writeFormat2(out: ByteWriter, c: ColumnValues): void {
	for (const column of [c.id, c.time, c.price, c.qty, c.first, c.span, c.count]) {
		if (column) writeColumn(out, column);
	}
}

function timeBounds(trades: readonly Trade[]): { minTime: number; maxTime: number } {
	let minTime = Infinity;
	let maxTime = -Infinity;
	for (const t of trades) {
		minTime = Math.min(minTime, t.time);
		maxTime = Math.max(maxTime, t.time);
	}
	return { minTime, maxTime };
}

/**
 * Encodes ticks of one symbol, in the given order (at least one), in `format` (the current one;
 * older formats only for tests that old chunks stay readable). Throws a RangeError when an id,
 * time or count is not an integer within the codec's bounds; prices and quantities never throw.
 */
export function encodeChunk(
	trades: readonly Trade[],
	format: TickChunkFormat = TICK_CHUNK_FORMAT
): TickChunk {
	const first = trades[0];
	const last = trades[trades.length - 1];
	if (first === undefined || last === undefined) throw new RangeError('tick codec: empty chunk');
	const tradeIds = tradeIdMode(trades);
	const prices = decimalColumn(trades.map((t) => t.price));
	const quantities = decimalColumn(trades.map((t) => t.qty));
	const { minTime, maxTime } = timeBounds(trades);
	const values = columnValues(trades, tradeIds, minTime, prices, quantities);
	const out = new ByteWriter(trades.length * 6);
	if (format === 1) writeFormat1(out, values);
	else writeFormat2(out, values);
	return {
		format,
		length: trades.length,
		firstId: first.id,
		lastId: last.id,
		minTime: epochMs(minTime),
		maxTime: epochMs(maxTime),
		tradeIds,
		priceScale: prices?.scale ?? 0,
		qtyScale: quantities?.scale ?? 0,
		data: out.finish(),
		priceText: prices ? null : trades.map((t) => t.price),
		qtyText: quantities ? null : trades.map((t) => t.qty)
	};
}

/** Payload bytes of a chunk: the varint stream plus the characters of any text column. */
export function chunkBytes(chunk: TickChunk): number {
	const text = (texts: readonly string[] | null) => texts?.reduce((n, s) => n + s.length, 0) ?? 0;
	return chunk.data.byteLength + text(chunk.priceText) + text(chunk.qtyText);
}
