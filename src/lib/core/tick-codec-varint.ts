/** Signed integer to unsigned: 0, -1, 1, -2 ... -> 0, 1, 2, 3 ...; exact for |v| < 2^52. */
export const zigzag = (v: number): number => (v >= 0 ? v * 2 : -v * 2 - 1);
export const unzigzag = (z: number): number => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

/** `unzigzag` with 32-bit operations for the small values nearly every delta is. */
export const unzigzagFast = (z: number): number =>
	z < 2147483648 ? (z >>> 1) ^ -(z & 1) : unzigzag(z);

/** Bytes of `value` (an integer in [0, 2^53)) as an unsigned LEB128 varint. */
export function varintLength(value: number): number {
	let bytes = 1;
	for (let v = value; v >= 128; v = Math.floor(v / 128)) bytes++;
	return bytes;
}

/** Growable buffer of unsigned LEB128 varints. */
export class ByteWriter {
	#bytes: Uint8Array;
	#pos = 0;
	constructor(capacity: number) {
		this.#bytes = new Uint8Array(Math.max(16, capacity));
	}
	/** Unsigned LEB128; `value` must be an integer in [0, 2^53). */
	varint(value: number): void {
		if (this.#pos + 8 > this.#bytes.length) this.#grow();
		const bytes = this.#bytes;
		let pos = this.#pos;
		let v = value;
		for (; v >= 0x80000000; v = Math.floor(v / 128)) bytes[pos++] = (v % 128) | 128;
		for (; v >= 128; v >>>= 7) bytes[pos++] = (v & 127) | 128;
		bytes[pos++] = v;
		this.#pos = pos;
	}
	finish(): Uint8Array {
		return this.#bytes.slice(0, this.#pos);
	}
	#grow(): void {
		const next = new Uint8Array(this.#bytes.length * 2);
		next.set(this.#bytes);
		this.#bytes = next;
	}
}

/**
 * Reads `n` unsigned LEB128 varints from `bytes` at `pos` into `out` (from index 0); returns the
 * position after them. One tight loop per column with the cursor in a local: a restore decodes
 * about five million varints, and a method call per varint was most of its decoding time. Past
 * the end a byte reads as undefined, which ends the varint (and leaves the position past the end
 * for the caller's check).
 */
export function readVarints(bytes: Uint8Array, pos: number, out: Float64Array, n: number): number {
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
