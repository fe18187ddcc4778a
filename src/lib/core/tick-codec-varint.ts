/** Signed integer to unsigned: 0, -1, 1, -2 ... -> 0, 1, 2, 3 ...; exact for |v| < 2^52. */
export const zigzag = (v: number): number => (v >= 0 ? v * 2 : -v * 2 - 1);
export const unzigzag = (z: number): number => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

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
