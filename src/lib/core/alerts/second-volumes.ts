/**
 * One symbol's traded volume per second: the running second's volume and the median of the last
 * `window` traded seconds, shared by all its volume alerts. Seconds without trades are not counted
 * (a quiet market's empty seconds would make the median 0 and every trade a spike). The median is
 * kept per closed second, never per trade: a trade costs one addition, a second two binary
 * searches and two shifts in a sorted copy of the history.
 */
export class SecondVolumes {
	readonly #minSamples: number;
	/** Closed seconds' volumes, a ring of `window`, oldest at `#next` once full. */
	readonly #history: Float64Array;
	/** The same `#count` volumes, ascending. */
	readonly #sorted: Float64Array;
	#count = 0;
	#next = 0;
	/** Start (ms) of the running second; none before the first trade. */
	#second = -Infinity;
	#volume = 0;
	#median = NaN;

	constructor(window: number, minSamples: number) {
		this.#history = new Float64Array(window);
		this.#sorted = new Float64Array(window);
		this.#minSamples = minSamples;
	}

	/** Volume so far of the second of the last trade. */
	get volume(): number {
		return this.#volume;
	}

	/** Median of the last closed traded seconds; NaN until `minSamples` of them closed. */
	get median(): number {
		return this.#median;
	}

	/** Adds a trade at `time` (ms, not decreasing); closes the running second when it is past. */
	add(time: number, qty: number): void {
		// Most trades fall in the running second: no remainder of a double (a call) for them.
		if (time < this.#second || time >= this.#second + 1000) {
			if (this.#second !== -Infinity) this.#close();
			this.#second = time - (time % 1000);
			this.#volume = 0;
		}
		this.#volume += qty;
	}

	#close(): void {
		const history = this.#history;
		const sorted = this.#sorted;
		let count = this.#count;
		if (count === history.length) {
			// Full: the oldest second leaves the sorted copy.
			const gone = searchAtOrAbove(sorted, count, history[this.#next] ?? NaN);
			sorted.copyWithin(gone, gone + 1, count);
			count--;
		}
		const volume = this.#volume;
		const at = searchAtOrAbove(sorted, count, volume);
		sorted.copyWithin(at + 1, at, count);
		sorted[at] = volume;
		this.#count = count + 1;
		history[this.#next] = volume;
		this.#next = (this.#next + 1) % history.length;
		this.#median = this.#count >= this.#minSamples ? middle(sorted, this.#count) : NaN;
	}
}

/** Index of the first of the `count` ascending `values` at or above `x`. */
function searchAtOrAbove(values: Float64Array, count: number, x: number): number {
	let low = 0;
	let high = count;
	while (low < high) {
		const mid = (low + high) >> 1;
		if ((values[mid] ?? NaN) < x) low = mid + 1;
		else high = mid;
	}
	return low;
}

/** The median of the first `count` ascending `values`. */
function middle(sorted: Float64Array, count: number): number {
	const mid = count >> 1;
	if (count % 2 === 1) return sorted[mid] ?? NaN;
	return ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/** The middle value (mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
	// A typed array sorts numerically without a comparator call per pair.
	const sorted = Float64Array.from(values).sort();
	return sorted.length === 0 ? NaN : middle(sorted, sorted.length);
}
