import { EmaState } from './moving';
import { put, type BarInput, type Indicator, type LineColumns } from './indicator';

/**
 * Wilder's RSI: the first averages are plain means of the first `period` gains and losses, then
 * avg = (avg·(period − 1) + x) / period. 100 with no loss, 0 with no gain.
 */
export class Rsi implements Indicator {
	readonly #period: number;
	#last = NaN;
	#changes = 0;
	#gain = 0;
	#loss = 0;
	#nextGain = 0;
	#nextLoss = 0;

	constructor(period: number) {
		this.#period = period;
	}

	commit(bar: BarInput, out: LineColumns, at: number): void {
		put(out, 0, at, this.#next(bar.close));
		if (!Number.isNaN(this.#last)) {
			this.#changes++;
			this.#gain = this.#nextGain;
			this.#loss = this.#nextLoss;
		}
		this.#last = bar.close;
	}

	preview(bar: BarInput, out: LineColumns, at: number): void {
		put(out, 0, at, this.#next(bar.close));
	}

	/**
	 * The RSI after `close`; the gain and loss accumulators after it (sums while seeding, then
	 * averages) are left in `#nextGain` and `#nextLoss`, not in an object per candle.
	 */
	#next(close: number): number {
		if (Number.isNaN(this.#last)) {
			this.#nextGain = 0;
			this.#nextLoss = 0;
			return NaN;
		}
		const change = close - this.#last;
		const up = change > 0 ? change : 0;
		const down = change < 0 ? -change : 0;
		const period = this.#period;
		const changes = this.#changes + 1;
		if (changes < period) {
			this.#nextGain = this.#gain + up;
			this.#nextLoss = this.#loss + down;
			return NaN;
		}
		const seeding = changes === period;
		const gain = seeding ? (this.#gain + up) / period : (this.#gain * (period - 1) + up) / period;
		const loss = seeding
			? (this.#loss + down) / period
			: (this.#loss * (period - 1) + down) / period;
		this.#nextGain = gain;
		this.#nextLoss = loss;
		return rsiOf(gain, loss);
	}
}

export function rsiOf(gain: number, loss: number): number {
	if (loss === 0) return 100;
	if (gain === 0) return 0;
	return 100 - 100 / (1 + gain / loss);
}

/**
 * MACD: EMA(fast) − EMA(slow) from the candle where the slow EMA has its first value, its signal
 * an EMA of `signal` MACD values (seeded with their mean), and the histogram MACD − signal.
 */
export class Macd implements Indicator {
	readonly #fast: EmaState;
	readonly #slow: EmaState;
	readonly #signal: EmaState;

	constructor(fast: number, slow: number, signal: number) {
		this.#fast = new EmaState(fast);
		this.#slow = new EmaState(slow);
		this.#signal = new EmaState(signal, false);
	}

	commit(bar: BarInput, out: LineColumns, at: number): void {
		const macd = this.#fast.push(bar.close) - this.#slow.push(bar.close);
		const signal = Number.isNaN(macd) ? NaN : this.#signal.push(macd);
		write(out, at, macd, signal);
	}

	preview(bar: BarInput, out: LineColumns, at: number): void {
		const macd = this.#fast.next(bar.close) - this.#slow.next(bar.close);
		const signal = Number.isNaN(macd) ? NaN : this.#signal.next(macd);
		write(out, at, macd, signal);
	}
}

function write(out: LineColumns, at: number, macd: number, signal: number): void {
	put(out, 0, at, macd);
	put(out, 1, at, signal);
	put(out, 2, at, macd - signal);
}
