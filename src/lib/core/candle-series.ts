import { Candle } from './candle';

/**
 * The stored candles of one interval, oldest first, at most `maxBars` (the oldest go first).
 * Open times are ascending and contiguous from the first traded bucket: buckets without a trade
 * between two traded ones hold flat candles. Revisions never decrease along the series, so the
 * candles changed after a revision are always a tail.
 */
export class CandleSeries {
	/** Interval length, ms. */
	readonly size: number;
	readonly maxBars: number;
	#items: Candle[] = [];
	/** Index of the oldest held candle in `#items`; dropped candles are compacted away lazily. */
	#head = 0;

	constructor(size: number, maxBars: number) {
		this.size = size;
		this.maxBars = maxBars;
	}

	get length(): number {
		return this.#items.length - this.#head;
	}

	/** The i-th held candle, oldest first. */
	at(index: number): Candle | undefined {
		return this.#items[this.#head + index];
	}

	last(): Candle | undefined {
		return this.#items[this.#items.length - 1];
	}

	push(candle: Candle): void {
		this.#items.push(candle);
		if (this.length > this.maxBars) this.#head++;
		if (this.#head > 64 && this.#head * 2 > this.#items.length) {
			this.#items.splice(0, this.#head);
			this.#head = 0;
		}
	}

	/**
	 * Puts `older` (ascending, each before the held ones, contiguous with them) in front of the held
	 * candles; only the newest `maxBars` of all are kept.
	 */
	prepend(older: readonly Candle[]): void {
		const room = this.maxBars - this.length;
		if (room <= 0 || older.length === 0) return;
		const kept = older.length > room ? older.slice(older.length - room) : older;
		this.#items = [...kept, ...this.#items.slice(this.#head)];
		this.#head = 0;
	}

	/**
	 * Takes in a closed candle with trades of a smaller interval: merged into the last candle when
	 * it falls in the same bucket, otherwise appended as a copy re-timed to its bucket.
	 */
	absorb(closed: Candle): void {
		const bucket = closed.time - (closed.time % this.size);
		const last = this.last();
		if (last !== undefined && last.time === bucket) last.mergeFrom(closed);
		else this.push(closed.copyAt(bucket));
	}

	/**
	 * Appends flat candles at the last close for every bucket after the last candle and before
	 * `time` (a bucket open time). Only the newest `maxBars` of a long gap are made: older ones
	 * would be dropped at once.
	 */
	fillUntil(time: number, rev: number): void {
		const last = this.last();
		if (last === undefined) return;
		const size = this.size;
		let next = last.time + size;
		if (next >= time) return;
		next = Math.max(next, time - this.maxBars * size);
		for (; next < time; next += size) this.push(Candle.flat(next, last.close, rev));
	}
}
