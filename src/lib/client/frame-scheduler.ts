/** The two calls of `requestAnimationFrame` the scheduler needs; injected so tests drive frames by hand. */
export interface FrameClock {
	request(callback: () => void): number;
	cancel(handle: number): void;
}

export const animationFrameClock: FrameClock = {
	request: (callback) => requestAnimationFrame(callback),
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
