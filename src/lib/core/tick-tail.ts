import { emptyColumns, type BarColumns } from './bar-columns';

/** Trades a tick chart gets from memory; older ones come from the tick cache. */
export const TICKS_KEPT = 10_000;

/**
 * The newest trades of one symbol as a ring of float columns, for the tick chart. Each trade
 * keeps the aggregator revision it made, so the trades added after a revision are a tail.
 */
export class TickTail {
	readonly capacity: number;
	readonly #time: Float64Array;
	readonly #price: Float64Array;
	readonly #qty: Float64Array;
	readonly #buy: Uint8Array;
	readonly #count: Float64Array;
	readonly #rev: Float64Array;
	/** Trades ever added; slot of trade k is k % capacity. */
	#added = 0;

	constructor(capacity = TICKS_KEPT) {
		if (!Number.isSafeInteger(capacity) || capacity < 1) {
			throw new RangeError(`tick tail capacity must be a positive integer, got ${capacity}`);
		}
		this.capacity = capacity;
		this.#time = new Float64Array(capacity);
		this.#price = new Float64Array(capacity);
		this.#qty = new Float64Array(capacity);
		this.#buy = new Uint8Array(capacity);
		this.#count = new Float64Array(capacity);
		this.#rev = new Float64Array(capacity);
	}

	get length(): number {
		return Math.min(this.#added, this.capacity);
	}

	/** Trade time (ms) of the oldest trade held; null when empty. */
	get oldestTime(): number | null {
		return this.length === 0 ? null : (this.#time[this.#slot(0)] ?? null);
	}

	/** One trade: time ms, price and base quantity as floats, `buy` when the aggressor bought. */
	add(time: number, price: number, qty: number, buy: boolean, count: number, rev: number): void {
		const slot = this.#added % this.capacity;
		this.#time[slot] = time;
		this.#price[slot] = price;
		this.#qty[slot] = qty;
		this.#buy[slot] = buy ? 1 : 0;
		this.#count[slot] = count;
		this.#rev[slot] = rev;
		this.#added++;
	}

	/**
	 * A tail holding `older`'s trades (all before this one's) and then this one's, the newest
	 * `capacity` of both kept, each with the revision it had: a restore reads the cache newest first
	 * and joins older parts in front.
	 */
	withOlder(older: TickTail): TickTail {
		const joined = new TickTail(this.capacity);
		const olderKept = Math.min(older.length, this.capacity - Math.min(this.length, this.capacity));
		older.#copyInto(joined, older.length - olderKept);
		this.#copyInto(joined, 0);
		return joined;
	}

	#copyInto(out: TickTail, from: number): void {
		for (let i = from; i < this.length; i++) {
			const slot = this.#slot(i);
			out.add(
				this.#time[slot] ?? 0,
				this.#price[slot] ?? 0,
				this.#qty[slot] ?? 0,
				this.#buy[slot] === 1,
				this.#count[slot] ?? 0,
				this.#rev[slot] ?? 0
			);
		}
	}

	/**
	 * The held trades made after `revision` (all with -Infinity), oldest first, as bar columns:
	 * `time` the trade time in ms (not a bucket), open = high = low = close = price, `volume` the
	 * quantity, `buyVolume` the quantity when the aggressor bought and 0 when it sold, `count` the
	 * exchange trades behind it.
	 */
	since(revision: number): BarColumns {
		const length = this.length;
		let from = length;
		while (from > 0 && (this.#rev[this.#slot(from - 1)] ?? 0) > revision) from--;
		return this.#columns(from, length);
	}

	#slot(index: number): number {
		const start = this.#added > this.capacity ? this.#added % this.capacity : 0;
		return (start + index) % this.capacity;
	}

	#columns(from: number, to: number): BarColumns {
		const n = to - from;
		const out = emptyColumns(n);
		for (let i = 0; i < n; i++) {
			const slot = this.#slot(from + i);
			const price = this.#price[slot] ?? 0;
			const qty = this.#qty[slot] ?? 0;
			out.time[i] = this.#time[slot] ?? 0;
			out.open[i] = price;
			out.high[i] = price;
			out.low[i] = price;
			out.close[i] = price;
			out.volume[i] = qty;
			out.buyVolume[i] = this.#buy[slot] === 1 ? qty : 0;
			out.count[i] = this.#count[slot] ?? 0;
		}
		return out;
	}
}
