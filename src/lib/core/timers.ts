/**
 * Timers as an injected capability: core code arms and clears them but never reads a clock or
 * calls the host's setTimeout itself (the host's implementation is runtime/system-timers.ts).
 */
export interface Timers {
	/** Calls `callback` once after `ms` milliseconds; the handle only goes back to clearTimeout. */
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

/** One timer that is either armed or not. */
export class TimerSlot {
	readonly #timers: Timers;
	#handle: unknown = null;
	#armed = false;

	constructor(timers: Timers) {
		this.#timers = timers;
	}

	get armed(): boolean {
		return this.#armed;
	}

	/** Arms the timer for `ms` (negative counts as 0), replacing any armed one. */
	arm(ms: number, callback: () => void): void {
		this.clear();
		this.#armed = true;
		this.#handle = this.#timers.setTimeout(
			() => {
				this.#armed = false;
				callback();
			},
			Math.max(0, ms)
		);
	}

	clear(): void {
		if (this.#armed) this.#timers.clearTimeout(this.#handle);
		this.#armed = false;
	}
}
