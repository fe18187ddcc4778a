const SLOT_MS = 100;
const SLOTS = 10;

/**
 * Events over the last second, in 100 ms slots: O(1) per event, no allocation, and the figure
 * decays to 0 by itself when events stop (read it on a timer).
 */
export class RateMeter {
	readonly #ids = new Float64Array(SLOTS).fill(-1);
	readonly #counts = new Float64Array(SLOTS);

	add(now: number): void {
		const id = Math.floor(now / SLOT_MS);
		const slot = id % SLOTS;
		if (this.#ids[slot] !== id) {
			this.#ids[slot] = id;
			this.#counts[slot] = 0;
		}
		this.#counts[slot] = (this.#counts[slot] ?? 0) + 1;
	}

	/** Events in the 10 slots ending with the one that holds `now`. */
	perSecond(now: number): number {
		const newest = Math.floor(now / SLOT_MS);
		let total = 0;
		for (let slot = 0; slot < SLOTS; slot++) {
			const id = this.#ids[slot] ?? -1;
			if (id > newest - SLOTS && id <= newest) total += this.#counts[slot] ?? 0;
		}
		return total;
	}
}
