/**
 * Items sorted by a number (a price level, a size, a multiple), so a trade finds the few it concerns
 * by binary search or from the low end instead of comparing every one of them.
 */
export class Thresholds<T> {
	/** Ascending. */
	readonly values: Float64Array;
	/** `items[i]` belongs to `values[i]`. */
	readonly items: readonly T[];

	constructor(entries: readonly (readonly [number, T])[]) {
		const sorted = [...entries].sort((a, b) => a[0] - b[0]);
		this.values = Float64Array.from(sorted, ([value]) => value);
		this.items = sorted.map(([, item]) => item);
	}

	get size(): number {
		return this.values.length;
	}

	/** Index of the first value above `x` (`size` when none). */
	firstAbove(x: number): number {
		return this.#search(x, true);
	}

	/** Index of the first value at or above `x` (`size` when none). */
	firstAtOrAbove(x: number): number {
		return this.#search(x, false);
	}

	/** `firstAbove(x)`, stepped to from `from`: O(1) for a price that moved past few values. */
	firstAboveFrom(from: number, x: number): number {
		const values = this.values;
		let i = Math.min(Math.max(from, 0), values.length);
		while (i < values.length && (values[i] ?? NaN) <= x) i++;
		while (i > 0 && (values[i - 1] ?? NaN) > x) i--;
		return i;
	}

	/** `firstAtOrAbove(x)`, stepped to from `from`. */
	firstAtOrAboveFrom(from: number, x: number): number {
		const values = this.values;
		let i = Math.min(Math.max(from, 0), values.length);
		while (i < values.length && (values[i] ?? NaN) < x) i++;
		while (i > 0 && (values[i - 1] ?? NaN) >= x) i--;
		return i;
	}

	#search(x: number, strictly: boolean): number {
		const values = this.values;
		let low = 0;
		let high = values.length;
		while (low < high) {
			const mid = (low + high) >> 1;
			const value = values[mid] ?? NaN;
			if (value < x || (strictly && value === x)) low = mid + 1;
			else high = mid;
		}
		return low;
	}
}
