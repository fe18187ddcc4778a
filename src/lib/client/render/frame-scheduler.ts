/** The two calls of `requestAnimationFrame` the scheduler needs; injected so tests drive frames by hand. */
export interface FrameClock {
	/** `callback` gets the frame's start time (ms, any monotonic clock) where the browser gives one. */
	request(callback: (frameTime?: number) => void): number;
	cancel(handle: number): void;
}

export const animationFrameClock: FrameClock = {
	request: (callback) => requestAnimationFrame((frameTime) => callback(frameTime)),
	cancel: (handle) => cancelAnimationFrame(handle)
};

/** One frame at 60 Hz, ms: the unit frame numbers count in. */
export const FRAME_MS = 1000 / 60;

/**
 * Numbers animation frames by their times, so frames nobody asked for still count: the render
 * scheduler stops asking for frames while idle, and a frame 100 ms after the previous one is six
 * frames later, not one. A faster display still advances at least one number per frame.
 */
export class FrameCounter {
	#frame = 0;
	#at: number | null = null;

	/** The number of the frame running at `now` (ms, any monotonic clock). */
	next(now: number): number {
		const gap = this.#at === null ? 1 : Math.max(1, Math.round((now - this.#at) / FRAME_MS));
		this.#at = now;
		this.#frame += gap;
		return this.#frame;
	}
}

/** Intervals between animation frames kept to estimate the display's period. */
const PERIOD_SAMPLES = 60;
/** Intervals between two estimates. */
const ESTIMATE_EVERY = 15;
/** The fastest display the period estimate believes in (240 Hz), ms. */
const SHORTEST_PERIOD_MS = 1000 / 240;

/**
 * The display's frame period, from the intervals between animation frames (each a whole number
 * of periods): their 10th percentile, so idle gaps and frames stretched by work or a busy machine
 * do not count, and never longer than a 60 Hz frame. A slow frame must not widen the budget that judges whether frames are slow;
 * a 120 Hz display, seen in its short intervals, narrows it.
 */
export class DisplayPeriod {
	readonly #intervals: number[] = [];
	#ms = FRAME_MS;
	#sinceEstimate = 0;

	get ms(): number {
		return this.#ms;
	}

	/** One interval between two animation frames, ms. */
	add(intervalMs: number): void {
		if (!Number.isFinite(intervalMs) || intervalMs <= 0) return;
		this.#intervals.push(intervalMs);
		if (this.#intervals.length > PERIOD_SAMPLES) this.#intervals.shift();
		this.#sinceEstimate += 1;
		// Re-estimated every few frames, not every frame: a display's period does not change often.
		if (this.#intervals.length < PERIOD_SAMPLES / 4 || this.#sinceEstimate < ESTIMATE_EVERY) return;
		this.#sinceEstimate = 0;
		const sorted = [...this.#intervals].sort((a, b) => a - b);
		const low = sorted[Math.floor(sorted.length / 10)] ?? FRAME_MS;
		this.#ms = Math.min(FRAME_MS, Math.max(SHORTEST_PERIOD_MS, low));
	}
}
