import type { TickChunk, TradeIdMode } from './tick-codec-chunk';
import type { TickColumns } from './tick-codec-columns';
import { readColumn } from './tick-codec-sparse';
import { readVarints, unzigzagFast } from './tick-codec-varint';

/** Reads one column at `pos` into `out` in the chunk's layout; returns the position after it. */
type ColumnReader = (bytes: Uint8Array, pos: number, out: Float64Array) => number;

const denseColumn: ColumnReader = (bytes, pos, out) => readVarints(bytes, pos, out, out.length);

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

interface TradeIdColumns {
	readonly count: Float64Array;
	readonly firstTradeId: Float64Array;
	readonly lastTradeId: Float64Array;
}

/**
 * Raw underlying trade id fields become the columns, in place: `first` holds first-id deltas,
 * `last` the spans (`explicit` only, else unused), `count` the stored counts.
 */
function resolveTradeIds(id: Float64Array, mode: TradeIdMode, columns: TradeIdColumns): void {
	const { count, firstTradeId: first, lastTradeId: last } = columns;
	const explicit = mode === 'explicit';
	let previousLast = (id[0] ?? 0) - 1;
	for (let i = 0; i < id.length; i++) {
		const firstId = previousLast + 1 + unzigzagFast(first[i] as number);
		const k = (count[i] as number) + (explicit ? 0 : 1);
		previousLast = firstId + (explicit ? unzigzagFast(last[i] as number) : k - 1);
		first[i] = firstId;
		last[i] = previousLast;
		count[i] = k;
	}
}

function singleTradeIds(id: Float64Array): TradeIdColumns {
	const count = new Float64Array(id.length).fill(1);
	return { count, firstTradeId: Float64Array.from(id), lastTradeId: Float64Array.from(id) };
}

/** Scratch for format 1's interleaved trade id fields; decoding is synchronous, so one will do. */
let interleaved = new Float64Array(0);

/** Format 1 stores the fields per tick (first delta, span when explicit, count): split them. */
function readInterleaved(bytes: Uint8Array, pos: number, explicit: boolean, into: TradeIdColumns) {
	const n = into.count.length;
	const fields = explicit ? 3 : 2;
	if (interleaved.length < n * fields) interleaved = new Float64Array(n * fields);
	const end = readVarints(bytes, pos, interleaved, n * fields);
	for (let i = 0, j = 0; i < n; i++, j += fields) {
		into.firstTradeId[i] = interleaved[j] as number;
		if (explicit) into.lastTradeId[i] = interleaved[j + 1] as number;
		into.count[i] = interleaved[j + fields - 1] as number;
	}
	return end;
}

function readTradeIds(chunk: TickChunk, pos: number, id: Float64Array, read: ColumnReader) {
	const mode = chunk.tradeIds;
	if (mode === 'single') return { pos, columns: singleTradeIds(id) };
	const n = id.length;
	const columns = {
		count: new Float64Array(n),
		firstTradeId: new Float64Array(n),
		lastTradeId: new Float64Array(n)
	};
	const explicit = mode === 'explicit';
	let end = pos;
	if (chunk.format === 1) {
		end = readInterleaved(chunk.data, pos, explicit, columns);
	} else {
		end = read(chunk.data, end, columns.firstTradeId);
		if (explicit) end = read(chunk.data, end, columns.lastTradeId);
		end = read(chunk.data, end, columns.count);
	}
	resolveTradeIds(id, mode, columns);
	return { pos: end, columns };
}

/** A decimal column: mantissas from the payload (prices as deltas), or the text's doubles. */
function readDecimals(
	bytes: Uint8Array,
	pos: number,
	length: number,
	text: readonly string[] | null,
	deltas: boolean,
	read: ColumnReader
): { pos: number; values: Float64Array } {
	if (text) return { pos, values: Float64Array.from(text, Number) };
	const values = new Float64Array(length);
	const end = read(bytes, pos, values);
	if (deltas) accumulate(values, 0, 0);
	return { pos: end, values };
}

/** Decodes a chunk into columns, in chunk order. Throws on an unknown format or a corrupt payload. */
export function decodeChunk(chunk: TickChunk): TickColumns {
	const format: number = chunk.format;
	if (format !== 1 && format !== 2) {
		throw new RangeError(`tick codec: unknown chunk format ${String(chunk.format)}`);
	}
	const read = format === 1 ? denseColumn : readColumn;
	const { length, data: bytes } = chunk;
	const id = new Float64Array(length);
	let pos = read(bytes, 0, id);
	accumulate(id, chunk.firstId - 1, 1);
	const time = new Float64Array(length);
	const buyerMaker = new Uint8Array(length);
	pos = read(bytes, pos, time);
	splitTimes(time, buyerMaker, chunk.minTime);
	const { priceScale, priceText, qtyScale, qtyText } = chunk;
	const price = readDecimals(bytes, pos, length, priceText, true, read);
	const qty = readDecimals(bytes, price.pos, length, qtyText, false, read);
	const tradeIds = readTradeIds(chunk, qty.pos, id, read);
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
