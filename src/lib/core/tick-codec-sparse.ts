import { type ByteWriter, readVarints, varintLength } from './tick-codec-varint';

/** A column's layout, its first varint in a format 2 chunk. */
const DENSE = 0;
const SPARSE = 1;

const corrupt = (): RangeError => new RangeError('tick codec: corrupt chunk payload');

/**
 * Writes a column of unsigned integers (each below 2^53) in the shorter of two layouts: `DENSE`,
 * every value in order; or `SPARSE`, the number of non-zero values, then for each the count of
 * zeros skipped before it and the value. Delta columns of a stream numbered without holes (ids
 * of Binance trades and aggTrades; underlying trade ids that go on where the previous aggTrade's
 * ended) are all zeros: sparse, such a column costs two bytes per chunk instead of one per tick.
 */
export function writeColumn(out: ByteWriter, values: ArrayLike<number>): void {
	let dense = 0;
	let sparse = 0;
	let nonZero = 0;
	let zeros = 0;
	for (let i = 0; i < values.length; i++) {
		const value = values[i] as number;
		dense += varintLength(value);
		if (value === 0) {
			zeros++;
			continue;
		}
		sparse += varintLength(zeros) + varintLength(value);
		nonZero++;
		zeros = 0;
	}
	if (sparse + varintLength(nonZero) >= dense) {
		out.varint(DENSE);
		for (let i = 0; i < values.length; i++) out.varint(values[i] as number);
		return;
	}
	out.varint(SPARSE);
	out.varint(nonZero);
	zeros = 0;
	for (let i = 0; i < values.length; i++) {
		const value = values[i] as number;
		if (value === 0) {
			zeros++;
			continue;
		}
		out.varint(zeros);
		out.varint(value);
		zeros = 0;
	}
}

/** Scratch for a sparse column's (zeros, value) pairs; decoding is synchronous, so one will do. */
let pairs = new Float64Array(0);
const count = new Float64Array(1);

/**
 * Reads a column that `writeColumn` wrote, `out.length` values, into `out`; returns the position
 * after it. Throws on an unknown layout or a value placed past the column's end.
 */
export function readColumn(bytes: Uint8Array, pos: number, out: Float64Array): number {
	const layout = bytes[pos];
	if (layout === DENSE) return readVarints(bytes, pos + 1, out, out.length);
	if (layout !== SPARSE) throw corrupt();
	let at = readVarints(bytes, pos + 1, count, 1);
	const nonZero = count[0] as number;
	if (nonZero > out.length) throw corrupt();
	if (pairs.length < 2 * nonZero) pairs = new Float64Array(2 * nonZero);
	at = readVarints(bytes, at, pairs, 2 * nonZero);
	out.fill(0);
	let index = -1;
	for (let j = 0; j < 2 * nonZero; j += 2) {
		index += (pairs[j] as number) + 1;
		if (index >= out.length) throw corrupt();
		out[index] = pairs[j + 1] as number;
	}
	return at;
}
