/** The two timer calls a throttle needs; injected so tests run time by hand. */
export interface ThrottleTimers {
	set(callback: () => void, ms: number): unknown;
	clear(handle: unknown): void;
}

export const globalTimers: ThrottleTimers = {
	set: (callback, ms) => setTimeout(callback, ms),
	clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

/**
 * Passes values on at most once per `ms`: the first at once, then the newest one held back at the
 * end of each period. A scrubber drag becomes a few seeks a second instead of one per pixel.
 */
export class Throttle<T> {
	readonly #run: (value: T) => void;
	readonly #ms: number;
	readonly #timers: ThrottleTimers;
	#timer: unknown = null;
	#pending: { value: T } | null = null;

	constructor(run: (value: T) => void, ms: number, timers: ThrottleTimers = globalTimers) {
		this.#run = run;
		this.#ms = ms;
		this.#timers = timers;
	}

	push(value: T): void {
		if (this.#timer !== null) {
			this.#pending = { value };
			return;
		}
		this.#run(value);
		this.#arm();
	}

	/** Passes `value` on now and drops whatever was held back: the final value of a gesture. */
	flush(value: T): void {
		this.cancel();
		this.#run(value);
	}

	cancel(): void {
		if (this.#timer !== null) this.#timers.clear(this.#timer);
		this.#timer = null;
		this.#pending = null;
	}

	#arm(): void {
		this.#timer = this.#timers.set(() => {
			this.#timer = null;
			const pending = this.#pending;
			this.#pending = null;
			if (pending !== null) {
				this.#run(pending.value);
				this.#arm();
			}
		}, this.#ms);
	}
}
