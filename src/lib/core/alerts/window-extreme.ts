/**
 * The lowest (or highest) price of a symbol's recent trades for several readers at once, each with
 * its own trailing time window and its own first trade: one monotonic deque, in a growable ring of
 * typed arrays, holds the trades that can still be an extreme (each strictly better than every
 * later one). A reader's extreme is the first held trade inside its window and not before its first
 * trade; its cursor finds it in O(1) amortised per trade, and nothing allocates once the ring has
 * grown to the longest window.
 */
export class WindowExtreme {
	readonly #lowest: boolean;
	#time: Float64Array = new Float64Array(16);
	#price: Float64Array = new Float64Array(16);
	#seq: Float64Array = new Float64Array(16);
	/** Positions count up (a dominated entry's is taken by the next push): entry `p` is at `p & mask`. */
	#head = 0;
	#tail = 0;
	#lastTime = -Infinity;
	/** Per reader: window length (ms), first trade (seq) and cursor (position of its extreme). */
	#windows = new Float64Array(0);
	#fromSeqs = new Float64Array(0);
	#cursors = new Float64Array(0);

	constructor(kind: 'min' | 'max') {
		this.#lowest = kind === 'min';
	}

	/** Entries held: the trades that can still be an extreme for some reader. */
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
		this.#cursors = new Float64Array(windows.length).fill(this.#head);
		this.#advance();
	}

	/** Reader `r` looks only at trades from `fromSeq` on (after the next push, at the latest). */
	restart(r: number, fromSeq: number): void {
		this.#fromSeqs[r] = fromSeq;
	}

	/**
	 * Adds trade `seq` (increasing from one call to the next) at `time` (ms, not decreasing), then
	 * moves every reader on. The older entries it dominates go: a price that is not strictly better
	 * than a newer one can never be an extreme again, whatever the window or first trade.
	 */
	push(seq: number, time: number, price: number): void {
		let tail = this.#tail;
		while (tail > this.#head && this.#dominated(tail - 1, price)) tail--;
		this.#tail = tail;
		if (tail - this.#head === this.#price.length) this.#grow();
		const at = tail & (this.#price.length - 1);
		this.#time[at] = time;
		this.#price[at] = price;
		this.#seq[at] = seq;
		this.#tail = tail + 1;
		this.#lastTime = time;
		this.#advance();
	}

	/** Reader `r`'s extreme price; NaN when it has no trade yet. */
	extreme(r: number): number {
		const cursor = this.#cursors[r] ?? this.#tail;
		return cursor < this.#tail ? (this.#price[cursor & (this.#price.length - 1)] ?? NaN) : NaN;
	}

	/** Moves each cursor to the first entry inside its reader's window and first trade. */
	#advance(): void {
		const cursors = this.#cursors;
		const tail = this.#tail;
		const mask = this.#price.length - 1;
		let first = tail;
		for (let r = 0; r < cursors.length; r++) {
			const since = this.#lastTime - (this.#windows[r] ?? 0);
			const fromSeq = this.#fromSeqs[r] ?? Infinity;
			// Entries from the cursor on may have been replaced by the newest push.
			let cursor = Math.max(this.#head, Math.min(cursors[r] ?? tail, tail - 1));
			while (
				cursor < tail &&
				((this.#time[cursor & mask] ?? NaN) < since || (this.#seq[cursor & mask] ?? NaN) < fromSeq)
			) {
				cursor++;
			}
			cursors[r] = cursor;
			first = Math.min(first, cursor);
		}
		// Entries before every cursor are in no reader's window any more.
		this.#head = Math.max(this.#head, first);
	}

	#dominated(position: number, price: number): boolean {
		const kept = this.#price[position & (this.#price.length - 1)] ?? NaN;
		return this.#lowest ? kept >= price : kept <= price;
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
