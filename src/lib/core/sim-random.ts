/**
 * A small seeded pseudo-random source (the mulberry32 generator: 32-bit state, period 2^32),
 * enough for a simulated market: the same seed gives the same numbers on every engine.
 */
export class SimRandom {
	#state: number;

	/** `seed`: any number; its low 32 bits are used. */
	constructor(seed: number) {
		this.#state = seed >>> 0;
	}

	/** Uniform in [0, 1). */
	next(): number {
		this.#state = (this.#state + 0x6d2b79f5) >>> 0;
		let t = this.#state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** Uniform in (0, 1]: safe under a logarithm. */
	open(): number {
		return 1 - this.next();
	}

	/** Standard normal (Box-Muller, one of the pair). */
	normal(): number {
		return Math.sqrt(-2 * Math.log(this.open())) * Math.cos(2 * Math.PI * this.next());
	}

	/** Exponential with the given mean. */
	exponential(mean: number): number {
		return -Math.log(this.open()) * mean;
	}

	/** True with probability `p`. */
	chance(p: number): boolean {
		return this.next() < p;
	}
}

/** A 32-bit hash of a text (FNV-1a), to derive per-symbol seeds and profiles. */
export function hashText(text: string, seed = 0x811c9dc5): number {
	let h = seed >>> 0;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h;
}
