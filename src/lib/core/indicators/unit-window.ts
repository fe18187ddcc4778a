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

	/** The exact sum plus `extra` (a safe integer): one bigint made while the sum is a safe one. */
	bigWithSafe(extra: number): bigint {
		const sum = this.#small + extra;
		if (this.#big === 0n && sum <= MAX_SAFE && sum >= -MAX_SAFE) return BigInt(sum);
		return this.#big + BigInt(this.#small) + BigInt(extra);
	}
}

/**
 * The last `size` integers pushed (units), with their exact sum: a window moves in O(1), a value is
 * never summed twice.
 */
export class UnitWindow {
	readonly size: number;
	readonly #ring: number[];
	#next = 0;
	#count = 0;
	readonly #sum = new ExactSum();

	constructor(size: number) {
		this.size = size;
		this.#ring = new Array<number>(size).fill(0);
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
		this.#ring[this.#next] = value;
		this.#next = (this.#next + 1) % this.size;
		this.#count++;
	}

	/** Exact sum of the window after a push of `value`, without pushing. */
	sumWith(value: number): number {
		return this.#sum.with(value - this.leaving);
	}

	/** The same sum, exact as a bigint. */
	bigSumWith(value: number): bigint {
		const change = value - this.leaving;
		if (Number.isSafeInteger(change)) return this.#sum.bigWithSafe(change);
		return this.#sum.bigWith(BigInt(value) - BigInt(this.leaving));
	}
}

/**
 * The exact sum of the squares of the last `size` integers, pushed alongside a UnitWindow of the
 * same size. Each square is made once, when its value comes in, and kept until it leaves: a push
 * or a look-ahead costs a multiplication and two additions of bigints.
 */
export class SquareWindow {
	readonly #ring: bigint[];
	#next = 0;
	#sum = 0n;

	constructor(size: number) {
		this.#ring = new Array<bigint>(size).fill(0n);
	}

	/** The square of `value` (units), as `sumWith` and `push` take it. */
	static square(value: number): bigint {
		const big = BigInt(value);
		return big * big;
	}

	/** The exact sum of squares after a push of `square`, without pushing. */
	sumWith(square: bigint): bigint {
		return this.#sum + square - (this.#ring[this.#next] ?? 0n);
	}

	/** Takes `square` in; `sum` is `sumWith(square)`, already made. */
	push(square: bigint, sum: bigint): void {
		this.#sum = sum;
		this.#ring[this.#next] = square;
		this.#next = (this.#next + 1) % this.#ring.length;
	}
}
