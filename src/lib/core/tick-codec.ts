import type { TickColumns } from './tick-codec-columns';
import { epochMs, type EpochMs } from './time';
import { ByteWriter, unzigzag, zigzag } from './tick-codec-varint';
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

/**
 * Reads `n` unsigned LEB128 varints from `bytes` at `pos` into `out`; returns the position after
 * them. One tight loop per column with the cursor in a local: a restore decodes about five million
 * varints, and a method call per varint was most of its decoding time. Past the end a byte reads
 * as undefined, which ends the varint (and leaves the position past the end for the caller's check).
 */
function readVarints(bytes: Uint8Array, pos: number, out: Float64Array, n: number): number {
	for (let i = 0; i < n; i++) {
		let byte = bytes[pos++] as number;
		if (byte < 128) {
			out[i] = byte;
			continue;
		}
		let value = byte & 127;
		let scale = 128;
		do {
			byte = bytes[pos++] as number;
			value += (byte & 127) * scale;
			scale *= 128;
		} while (byte >= 128);
		out[i] = value;
	}
	return pos;
}

/** `unzigzag` with 32-bit operations for the small values nearly every delta is. */
const unzigzagFast = (z: number): number => (z < 2147483648 ? (z >>> 1) ^ -(z & 1) : unzigzag(z));

/** Raw zigzag deltas in `column` become the running sum from `start` plus `step` per value. */
function accumulate(column: Float64Array, start: number, step: number): void {
	let value = start;
	for (let i = 0; i < column.length; i++) {
		value += unzigzagFast(column[i] as number) + step;
		column[i] = value;
	}
}

/** Raw time codes in `time` become times (from `minTime`) and sides (into `buyerMaker`). */
function splitTimes(time: Float64Array, buyerMaker: Uint8Array, minTime: number): void {
	let value = minTime;
	for (let i = 0; i < time.length; i++) {
		const code = time[i] as number;
		const side = code % 2;
		buyerMaker[i] = side;
		value += unzigzagFast((code - side) / 2);
		time[i] = value;
	}
}

/** Scratch for the interleaved underlying trade id fields; decoding is synchronous, so one will do. */
let tradeIdScratch = new Float64Array(0);

function readTradeIds(bytes: Uint8Array, pos: number, mode: TradeIdMode, id: Float64Array) {
	const n = id.length;
	const count = new Float64Array(n);
	const firstTradeId = new Float64Array(n);
	const lastTradeId = new Float64Array(n);
	if (mode === 'single') {
		count.fill(1);
		firstTradeId.set(id);
		lastTradeId.set(id);
		return { pos, columns: { count, firstTradeId, lastTradeId } };
	}
	const explicit = mode === 'explicit';
	const fields = explicit ? 3 : 2;
	if (tradeIdScratch.length < n * fields) tradeIdScratch = new Float64Array(n * fields);
	const raw = tradeIdScratch;
	const end = readVarints(bytes, pos, raw, n * fields);
	let previousLast = (id[0] ?? 0) - 1;
	for (let i = 0, j = 0; i < n; i++, j += fields) {
		const first = previousLast + 1 + unzigzagFast(raw[j] as number);
		const span = explicit ? unzigzagFast(raw[j + 1] as number) : null;
		const k = (raw[j + fields - 1] as number) + (explicit ? 0 : 1);
		previousLast = first + (span ?? k - 1);
		firstTradeId[i] = first;
		lastTradeId[i] = previousLast;
		count[i] = k;
	}
	return { pos: end, columns: { count, firstTradeId, lastTradeId } };
}

/** A decimal column: mantissas from the payload (prices as deltas), or the text's doubles. */
function readDecimals(
	bytes: Uint8Array,
	pos: number,
	length: number,
	text: readonly string[] | null,
	deltas: boolean
): { pos: number; values: Float64Array } {
	if (text) return { pos, values: Float64Array.from(text, Number) };
	const values = new Float64Array(length);
	const end = readVarints(bytes, pos, values, length);
	if (deltas) accumulate(values, 0, 0);
	return { pos: end, values };
}

/** Decodes a chunk into columns, in chunk order. Throws on an unknown format or a corrupt payload. */
export function decodeChunk(chunk: TickChunk): TickColumns {
	if (chunk.format !== TICK_CHUNK_FORMAT) {
		throw new RangeError(`tick codec: unknown chunk format ${String(chunk.format)}`);
	}
	const { length, data: bytes } = chunk;
	const id = new Float64Array(length);
	let pos = readVarints(bytes, 0, id, length);
	accumulate(id, chunk.firstId - 1, 1);
	const time = new Float64Array(length);
	const buyerMaker = new Uint8Array(length);
	pos = readVarints(bytes, pos, time, length);
	splitTimes(time, buyerMaker, chunk.minTime);
	const { priceScale, priceText, qtyScale, qtyText } = chunk;
	const price = readDecimals(bytes, pos, length, priceText, true);
	const qty = readDecimals(bytes, price.pos, length, qtyText, false);
	const tradeIds = readTradeIds(bytes, qty.pos, chunk.tradeIds, id);
	if (tradeIds.pos !== bytes.length) throw new RangeError('tick codec: corrupt chunk payload');
	return {
		length,
		id,
		time,
		buyerMaker,
		price: price.values,
		priceScale,
		priceText,
		qty: qty.values,
		qtyScale,
		qtyText,
		...tradeIds.columns
	};
}

/** Payload bytes of a chunk: the varint stream plus the characters of any text column. */
export function chunkBytes(chunk: TickChunk): number {
	const text = (texts: readonly string[] | null) => texts?.reduce((n, s) => n + s.length, 0) ?? 0;
	return chunk.data.byteLength + text(chunk.priceText) + text(chunk.qtyText);
}
