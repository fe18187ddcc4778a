const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** Fixed-point scale of prices and base volumes (core/decimal.ts PRICE_DECIMALS). */
export const UNIT = 1e8;

/**
 * The exact integer count of 1e-8 units behind a drawn float. The aggregator's floats are
 * units / 1e8, and below 2^53 units (a price or volume under about 90 million) multiplying back and
 * rounding recovers the units exactly; beyond, the float itself is what there is.
 */
export const toUnits = (value: number): number => Math.round(value * UNIT);

/**
 * An exact sum of integers: a number part while it stays a safe integer and a bigint part for what
 * would overflow it, as the candles keep their volumes (core/candle.ts).
 */
export class ExactSum {
	#small = 0;
	#big = 0n;

	add(value: number): void {
		const sum = this.#small + value;
		if (sum <= MAX_SAFE && sum >= -MAX_SAFE) this.#small = sum;
		else this.#big += BigInt(value);
	}

	/** The sum plus `extra`, as a float (one rounding). */
	with(extra: number): number {
		const sum = this.#small + extra;
		if (this.#big === 0n && sum <= MAX_SAFE && sum >= -MAX_SAFE) return sum;
		return Number(this.#big + BigInt(this.#small) + BigInt(extra));
	}

	/** The exact sum plus `extra`. */
	bigWith(extra: bigint): bigint {
		return this.#big + BigInt(this.#small) + extra;
	}
}

/**
 * The last `size` integers pushed (units), with their exact sum and, when asked, their exact sum of
 * squares: a window moves in O(1), a value is never summed twice.
 */
export class UnitWindow {
	readonly size: number;
	readonly #ring: number[];
	#next = 0;
	#count = 0;
	readonly #sum = new ExactSum();
	#squares = 0n;
	readonly #withSquares: boolean;

	constructor(size: number, withSquares = false) {
		this.size = size;
		this.#ring = new Array<number>(size).fill(0);
		this.#withSquares = withSquares;
	}

	/** Values pushed so far (not capped at `size`). */
	get count(): number {
		return this.#count;
	}

	/** The value `push` would drop next: the oldest of a full window, else 0. */
	get leaving(): number {
		return this.#count >= this.size ? (this.#ring[this.#next] ?? 0) : 0;
	}

	push(value: number): void {
		const leaving = this.leaving;
		this.#sum.add(value);
		if (leaving !== 0) this.#sum.add(-leaving);
		if (this.#withSquares) {
			const v = BigInt(value);
			const l = BigInt(leaving);
			this.#squares += v * v - l * l;
		}
		this.#ring[this.#next] = value;
		this.#next = (this.#next + 1) % this.size;
		this.#count++;
	}

	/** Exact sum of the window after a push of `value`, without pushing. */
	sumWith(value: number): number {
		return this.#sum.with(value - this.leaving);
	}

	/** Exact sum and sum of squares after a push of `value`, without pushing. */
	momentsWith(value: number): { sum: bigint; squares: bigint } {
		const leaving = this.leaving;
		const v = BigInt(value);
		const l = BigInt(leaving);
		return { sum: this.#sum.bigWith(v - l), squares: this.#squares + v * v - l * l };
	}
}
