import { put, type BarInput, type Indicator, type LineColumns } from './indicator';
import { ExactSum, SquareWindow, toUnits, UNIT, UnitWindow } from './unit-window';

/**
 * Simple moving average of closes (or of volumes with `volume`), summed exactly in 1e-8 units: the
 * only rounding is the final division.
 */
export class Sma implements Indicator {
	readonly #window: UnitWindow;
	/** Of volumes rather than closes; a flag, not a field name: no keyed read per candle. */
	readonly #ofVolume: boolean;

	constructor(period: number, field: 'close' | 'volume' = 'close') {
		this.#window = new UnitWindow(period);
		this.#ofVolume = field === 'volume';
	}

	commit(bar: BarInput, out: LineColumns, at: number): void {
		const value = toUnits(this.#ofVolume ? bar.volume : bar.close);
		this.#write(out, at, value);
		this.#window.push(value);
	}

	preview(bar: BarInput, out: LineColumns, at: number): void {
		this.#write(out, at, toUnits(this.#ofVolume ? bar.volume : bar.close));
	}

	#write(out: LineColumns, at: number, value: number): void {
		const window = this.#window;
		const full = window.count + 1 >= window.size;
		put(out, 0, at, full ? window.sumWith(value) / (window.size * UNIT) : NaN);
	}
}

/**
 * Exponential moving average, k = 2 / (period + 1), seeded with the simple average of the first
 * `period` values (as technicalindicators and most charting tools seed it). With `exact` the seed
 * is summed in 1e-8 units (prices); without, in floats (a MACD line is no decimal).
 */
export class EmaState {
	readonly period: number;
	readonly #k: number;
	readonly #exact: boolean;
	readonly #seed = new ExactSum();
	#floatSeed = 0;
	#seen = 0;
	#value = NaN;

	constructor(period: number, exact = true) {
		this.period = period;
		this.#k = 2 / (period + 1);
		this.#exact = exact;
	}

	/** The average after `x`, without taking it in. */
	next(x: number): number {
		if (!Number.isNaN(this.#value)) return (x - this.#value) * this.#k + this.#value;
		if (this.#seen + 1 < this.period) return NaN;
		if (!this.#exact) return (this.#floatSeed + x) / this.period;
		return this.#seed.with(toUnits(x)) / (this.period * UNIT);
	}

	/** Takes `x` in; returns the average after it. */
	push(x: number): number {
		const value = this.next(x);
		if (Number.isNaN(this.#value)) {
			this.#seen++;
			if (this.#exact) this.#seed.add(toUnits(x));
			else this.#floatSeed += x;
		}
		this.#value = value;
		return value;
	}
}

/** EMA of the close. */
export class Ema implements Indicator {
	readonly #ema: EmaState;

	constructor(period: number) {
		this.#ema = new EmaState(period);
	}

	commit(bar: BarInput, out: LineColumns, at: number): void {
		put(out, 0, at, this.#ema.push(bar.close));
	}

	preview(bar: BarInput, out: LineColumns, at: number): void {
		put(out, 0, at, this.#ema.next(bar.close));
	}
}

/**
 * Bollinger bands: the SMA, and `mult` population standard deviations either side. The mean and
 * the variance come from exact sums of units and of their squares (n·Σx² − (Σx)² in bigint), so a
 * quiet market's tiny deviation is not lost to cancellation.
 */
export class Bollinger implements Indicator {
	readonly #window: UnitWindow;
	readonly #squares: SquareWindow;
	readonly #n: bigint;
	readonly #mult: number;

	constructor(period: number, mult: number) {
		this.#window = new UnitWindow(period);
		this.#squares = new SquareWindow(period);
		this.#n = BigInt(period);
		this.#mult = mult;
	}

	commit(bar: BarInput, out: LineColumns, at: number): void {
		const value = toUnits(bar.close);
		const square = SquareWindow.square(value);
		const squares = this.#squares.sumWith(square);
		this.#write(out, at, value, squares);
		this.#window.push(value);
		this.#squares.push(square, squares);
	}

	preview(bar: BarInput, out: LineColumns, at: number): void {
		const value = toUnits(bar.close);
		if (this.#full) this.#write(out, at, value, this.#squares.sumWith(SquareWindow.square(value)));
		else this.#write(out, at, value, 0n);
	}

	/** Whether the window holds a whole period with the next value. */
	get #full(): boolean {
		return this.#window.count + 1 >= this.#window.size;
	}

	/** The bands after `value`, given the sum of squares after it. */
	#write(out: LineColumns, at: number, value: number, squares: bigint): void {
		if (!this.#full) {
			for (let line = 0; line < 3; line++) put(out, line, at, NaN);
			return;
		}
		const n = this.#window.size;
		const sum = this.#window.bigSumWith(value);
		const spread = this.#n * squares - sum * sum;
		const middle = Number(sum) / (n * UNIT);
		const deviation = Math.sqrt(Number(spread)) / (n * UNIT);
		put(out, 0, at, middle);
		put(out, 1, at, middle + this.#mult * deviation);
		put(out, 2, at, middle - this.#mult * deviation);
	}
}
