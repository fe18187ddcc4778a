/**
 * The lowest (or highest) price of a symbol's recent trades for several readers at once, each with
 * its own trailing time window and its own first trade: one monotonic deque, in a growable ring of
 * typed arrays, holds the trades that can still be an extreme (each strictly better than every
 * later one). A reader's trades are a suffix of the symbol's (time and seq both grow), so its
 * extreme is the first held trade inside its window and not before its first trade: found by a
 * binary search when asked (the deque is short), not moved on for every reader on every trade. A
 * push costs O(1) amortised whatever the number of readers, and nothing allocates once the ring
 * has grown to the longest window.
 */
export class WindowExtreme {
	readonly #lowest: boolean;
	// 64 to start (a power of two: positions map to slots by a mask), as a busy symbol holds tens of
	// extremes: growing copies every column.
	#time: Float64Array = new Float64Array(64);
	#price: Float64Array = new Float64Array(64);
	#seq: Float64Array = new Float64Array(64);
	/** Positions count up (a dominated entry's is taken by the next push): entry `p` is at `p & mask`. */
	#head = 0;
	#tail = 0;
	#lastTime = -Infinity;
	/** Per reader: window length (ms) and first trade (seq). */
	#windows = new Float64Array(0);
	#fromSeqs = new Float64Array(0);
	/** The widest window and earliest first trade of any reader: what is before both goes. */
	#widest = -Infinity;
	#earliest = Infinity;

	constructor(kind: 'min' | 'max') {
		this.#lowest = kind === 'min';
	}

	/**
	 * Entries held: the trades that can still be an extreme for some reader, and those inside the
	 * widest window from the earliest first trade on (a few more when readers differ in both).
	 */
	get size(): number {
		return this.#tail - this.#head;
	}

	/**
	 * The readers from now on: reader `r` looks back `windows[r]` ms and not before trade
	 * `fromSeqs[r]`. A reader's trades before the last push are those still held: give a new
	 * reader a first trade after the last push.
	 */
	follow(windows: readonly number[], fromSeqs: readonly number[]): void {
		this.#windows = Float64Array.from(windows);
		this.#fromSeqs = Float64Array.from(fromSeqs);
		this.#widest = Math.max(-Infinity, ...windows);
		this.#bounds();
	}

	/** Reader `r` looks only at trades from `fromSeq` on (after the next push, at the latest). */
	restart(r: number, fromSeq: number): void {
		this.#fromSeqs[r] = fromSeq;
		this.#bounds();
	}

	/**
	 * Adds trade `seq` (increasing from one call to the next) at `time` (ms, not decreasing). The
	 * older entries it dominates go: a price that is not strictly better than a newer one can never
	 * be an extreme again, whatever the window or first trade; so do those in no reader's reach.
	 * Returns the outermost extreme after it, as `outermost` does.
	 */
	push(seq: number, time: number, price: number): number {
		// The same time and price as the newest held trade (one order filled against several): it
		// takes that trade's place, and nothing else moves, as no time passed.
		const newest = (this.#tail - 1) & (this.#price.length - 1);
		if (this.#tail > this.#head && time === this.#lastTime && this.#price[newest] === price) {
			this.#seq[newest] = seq;
			return this.outermost;
		}
		return this.#append(seq, time, price);
	}

	/** `push` of a trade at a new time or price. */
	#append(seq: number, time: number, price: number): number {
		const prices = this.#price;
		let mask = prices.length - 1;
		let tail = this.#tail;
		const head = this.#head;
		if (this.#lowest) while (tail > head && (prices[(tail - 1) & mask] ?? NaN) >= price) tail--;
		else while (tail > head && (prices[(tail - 1) & mask] ?? NaN) <= price) tail--;
		if (tail - head === prices.length) {
			this.#tail = tail;
			this.#grow();
			mask = this.#price.length - 1;
		}
		const at = tail & mask;
		this.#time[at] = time;
		this.#price[at] = price;
		this.#seq[at] = seq;
		this.#tail = tail + 1;
		this.#lastTime = time;
		const first = this.#evict();
		return first <= tail ? (this.#price[first & (this.#price.length - 1)] ?? NaN) : NaN;
	}

	/** Reader `r`'s extreme price; NaN when it has no trade yet. */
	extreme(r: number): number {
		const at = this.#firstFrom(
			this.#lastTime - (this.#windows[r] ?? NaN),
			this.#fromSeqs[r] ?? NaN
		);
		return at < this.#tail ? (this.#price[at & (this.#price.length - 1)] ?? NaN) : NaN;
	}

	/**
	 * The extreme of every reader's trades together: none of them has a lower low (or a higher
	 * high). NaN when no trade is held.
	 */
	get outermost(): number {
		return this.#head < this.#tail
			? (this.#price[this.#head & (this.#price.length - 1)] ?? NaN)
			: NaN;
	}

	/**
	 * Position of the first held entry at or after `since` and from trade `fromSeq` on (`#tail` for
	 * none): both hold from some entry on, the deque being in trade order.
	 */
	#firstFrom(since: number, fromSeq: number): number {
		const times = this.#time;
		const seqs = this.#seq;
		const mask = times.length - 1;
		let low = this.#head;
		let high = this.#tail;
		while (low < high) {
			const mid = (low + high) >>> 1;
			const at = mid & mask;
			if ((times[at] ?? NaN) >= since && (seqs[at] ?? NaN) >= fromSeq) high = mid;
			else low = mid + 1;
		}
		return low;
	}

	/** Drops the entries before every reader's window or first trade; returns the first kept. */
	#evict(): number {
		const since = this.#lastTime - this.#widest;
		const times = this.#time;
		const seqs = this.#seq;
		const mask = times.length - 1;
		const tail = this.#tail;
		const earliest = this.#earliest;
		let head = this.#head;
		while (
			head < tail &&
			((times[head & mask] ?? NaN) < since || (seqs[head & mask] ?? NaN) < earliest)
		)
			head++;
		this.#head = head;
		return head;
	}

	#bounds(): void {
		let earliest = Infinity;
		const fromSeqs = this.#fromSeqs;
		for (let r = 0; r < fromSeqs.length; r++)
			earliest = Math.min(earliest, fromSeqs[r] ?? Infinity);
		this.#earliest = earliest;
		this.#evict();
	}

	#grow(): void {
		const capacity = this.#price.length * 2;
		this.#time = this.#regrown(this.#time, capacity);
		this.#price = this.#regrown(this.#price, capacity);
		this.#seq = this.#regrown(this.#seq, capacity);
	}

	/** `column`'s entries at the same absolute positions in a ring of `capacity`. */
	#regrown(column: Float64Array, capacity: number): Float64Array {
		const next = new Float64Array(capacity);
		const oldMask = column.length - 1;
		for (let p = this.#head; p < this.#tail; p++) {
			next[p & (capacity - 1)] = column[p & oldMask] ?? NaN;
		}
		return next;
	}
}
