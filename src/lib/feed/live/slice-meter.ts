const WINDOW_MS = 1000;

/**
 * Events per second over the last second when they come in counted slices (a replay feeds
 * thousands of ticks at a time): one entry per slice, old entries dropped as time moves on.
 */
export class SliceMeter {
	readonly #slices: { at: number; count: number }[] = [];

	/** `count` events at `now` (ms). */
	add(now: number, count: number): void {
		this.#slices.push({ at: now, count });
		this.#trim(now);
	}

	/** Events in the second ending at `now`. */
	perSecond(now: number): number {
		this.#trim(now);
		return this.#slices.reduce((n, slice) => n + slice.count, 0);
	}

	#trim(now: number): void {
		let drop = 0;
		while (drop < this.#slices.length && (this.#slices[drop]?.at ?? now) <= now - WINDOW_MS) drop++;
		if (drop > 0) this.#slices.splice(0, drop);
	}
}
