import type { TickColumns } from './tick-codec-columns';
import { epochMs, type EpochMs } from './time';
import { ByteReader, ByteWriter, unzigzag, zigzag } from './tick-codec-varint';
import type { Trade } from './trade';

export type { TickColumns } from './tick-codec-columns';
export { clipColumns, formatDecimal, sliceColumns, tradeAt } from './tick-codec-columns';

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
 */

export const TICK_CHUNK_FORMAT = 1;
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

/**
 * How the underlying trade ids are stored: `single` raw trades (count 1, first = last = id),
 * `aggregate` aggTrades (count = last - first + 1), `explicit` anything else.
 */
export type TradeIdMode = 'single' | 'aggregate' | 'explicit';

/** One encoded chunk: structured-cloneable, so IndexedDB stores it as is. */
export interface TickChunk {
	readonly format: typeof TICK_CHUNK_FORMAT;
	readonly length: number;
	/** Id of the first and of the last tick, in chunk order. */
	readonly firstId: number;
	readonly lastId: number;
	/** Earliest and latest trade time in the chunk. */
	readonly minTime: EpochMs;
	readonly maxTime: EpochMs;
	readonly tradeIds: TradeIdMode;
	/** Decimals of the price and quantity mantissas; 0 for a column kept as text. */
	readonly priceScale: number;
	readonly qtyScale: number;
	readonly data: Uint8Array;
	/** Exact strings when the column could not be held as mantissas; null otherwise. */
	readonly priceText: readonly string[] | null;
	readonly qtyText: readonly string[] | null;
}

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

interface DecimalColumn {
	readonly mantissa: Float64Array;
	readonly decimals: Uint8Array;
	/** The column's largest decimal count: every value is stored as a mantissa at this scale. */
	readonly scale: number;
}

/** A decimal column as mantissas at one scale, or null when it must stay text. */
function decimalColumn(texts: readonly string[]): DecimalColumn | null {
	const column = parseColumn(texts);
	if (!column) return null;
	const scale = column.decimals.reduce((a, b) => Math.max(a, b), 0);
	for (let i = 0; i < column.mantissa.length; i++) {
		const scaled = (column.mantissa[i] ?? 0) * (POW10[scale - (column.decimals[i] ?? 0)] ?? 1);
		if (!(scaled <= MANTISSA_LIMIT)) return null;
	}
	return { ...column, scale };
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

function writePrices(out: ByteWriter, { mantissa, decimals, scale }: DecimalColumn): void {
	let previous = 0;
	for (let i = 0; i < mantissa.length; i++) {
		const value = (mantissa[i] ?? 0) * (POW10[scale - (decimals[i] ?? 0)] ?? 1);
		out.varint(zigzag(value - previous));
		previous = value;
	}
}

/** Quantities are uncorrelated tick to tick: absolute mantissas (a symbol's lot step keeps them short). */
function writeQuantities(out: ByteWriter, { mantissa, decimals, scale }: DecimalColumn): void {
	for (let i = 0; i < mantissa.length; i++) {
		out.varint((mantissa[i] ?? 0) * (POW10[scale - (decimals[i] ?? 0)] ?? 1));
	}
}

function writeTradeIds(out: ByteWriter, trades: readonly Trade[], mode: TradeIdMode): void {
	let previousLast = (trades[0]?.id ?? 0) - 1;
	for (const t of trades) {
		out.varint(zigzag(t.firstTradeId - previousLast - 1));
		if (mode === 'explicit') out.varint(zigzag(t.lastTradeId - t.firstTradeId));
		out.varint(mode === 'explicit' ? t.count : t.count - 1);
		previousLast = t.lastTradeId;
	}
}

/** Id deltas, then time deltas with the taker side in the low bit. Returns the time bounds. */
function writeIdsAndTimes(out: ByteWriter, trades: readonly Trade[]) {
	let minTime = Infinity;
	let maxTime = -Infinity;
	for (const t of trades) {
		minTime = Math.min(minTime, t.time);
		maxTime = Math.max(maxTime, t.time);
	}
	let previous = (trades[0]?.id ?? 0) - 1;
	for (const t of trades) {
		out.varint(zigzag(t.id - previous - 1));
		previous = t.id;
	}
	previous = minTime;
	for (const t of trades) {
		out.varint(zigzag(t.time - previous) * 2 + (t.buyerMaker ? 1 : 0));
		previous = t.time;
	}
	return { minTime, maxTime };
}

/**
 * Encodes ticks of one symbol, in the given order (at least one). Throws a RangeError when an id,
 * time or count is not an integer within the codec's bounds; prices and quantities never throw.
 */
export function encodeChunk(trades: readonly Trade[]): TickChunk {
	const first = trades[0];
	const last = trades[trades.length - 1];
	if (first === undefined || last === undefined) throw new RangeError('tick codec: empty chunk');
	const tradeIds = tradeIdMode(trades);
	const prices = decimalColumn(trades.map((t) => t.price));
	const quantities = decimalColumn(trades.map((t) => t.qty));
	const out = new ByteWriter(trades.length * 6);
	const { minTime, maxTime } = writeIdsAndTimes(out, trades);
	if (prices) writePrices(out, prices);
	if (quantities) writeQuantities(out, quantities);
	if (tradeIds !== 'single') writeTradeIds(out, trades, tradeIds);
	return {
		format: TICK_CHUNK_FORMAT,
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

function readPrices(input: ByteReader, length: number): Float64Array {
	const price = new Float64Array(length);
	let value = 0;
	for (let i = 0; i < length; i++) {
		value += unzigzag(input.varint());
		price[i] = value;
	}
	return price;
}

function readQuantities(input: ByteReader, length: number): Float64Array {
	const qty = new Float64Array(length);
	for (let i = 0; i < length; i++) qty[i] = input.varint();
	return qty;
}

/** Nearest doubles of exact text values; scale 0, so `value / 10 ** 0` is the double. */
const textColumn = (texts: readonly string[]): Float64Array => Float64Array.from(texts, Number);

function readTradeIds(input: ByteReader, mode: TradeIdMode, id: Float64Array) {
	const count = new Float64Array(id.length);
	const firstTradeId = new Float64Array(id.length);
	const lastTradeId = new Float64Array(id.length);
	if (mode === 'single') {
		count.fill(1);
		firstTradeId.set(id);
		lastTradeId.set(id);
		return { count, firstTradeId, lastTradeId };
	}
	let previousLast = (id[0] ?? 0) - 1;
	for (let i = 0; i < id.length; i++) {
		const first = previousLast + 1 + unzigzag(input.varint());
		const span = mode === 'explicit' ? unzigzag(input.varint()) : null;
		const n = input.varint() + (mode === 'explicit' ? 0 : 1);
		previousLast = first + (span ?? n - 1);
		firstTradeId[i] = first;
		lastTradeId[i] = previousLast;
		count[i] = n;
	}
	return { count, firstTradeId, lastTradeId };
}

/** Decodes a chunk into columns, in chunk order. Throws on an unknown format or a corrupt payload. */
export function decodeChunk(chunk: TickChunk): TickColumns {
	if (chunk.format !== TICK_CHUNK_FORMAT) {
		throw new RangeError(`tick codec: unknown chunk format ${String(chunk.format)}`);
	}
	const length = chunk.length;
	const input = new ByteReader(chunk.data);
	const id = new Float64Array(length);
	let value = chunk.firstId - 1;
	for (let i = 0; i < length; i++) {
		value += unzigzag(input.varint()) + 1;
		id[i] = value;
	}
	const time = new Float64Array(length);
	const buyerMaker = new Uint8Array(length);
	value = chunk.minTime;
	for (let i = 0; i < length; i++) {
		const code = input.varint();
		const side = code % 2;
		buyerMaker[i] = side;
		value += unzigzag((code - side) / 2);
		time[i] = value;
	}
	const price = chunk.priceText ? textColumn(chunk.priceText) : readPrices(input, length);
	const qty = chunk.qtyText ? textColumn(chunk.qtyText) : readQuantities(input, length);
	const tradeIds = readTradeIds(input, chunk.tradeIds, id);
	if (input.pos !== chunk.data.length) throw new RangeError('tick codec: corrupt chunk payload');
	const { priceScale, priceText, qtyScale, qtyText } = chunk;
	return {
		length,
		id,
		time,
		buyerMaker,
		price,
		priceScale,
		priceText,
		qty,
		qtyScale,
		qtyText,
		...tradeIds
	};
}

/** Payload bytes of a chunk: the varint stream plus the characters of any text column. */
export function chunkBytes(chunk: TickChunk): number {
	const text = (texts: readonly string[] | null) => texts?.reduce((n, s) => n + s.length, 0) ?? 0;
	return chunk.data.byteLength + text(chunk.priceText) + text(chunk.qtyText);
}
