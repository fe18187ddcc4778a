/** The two calls of `requestAnimationFrame` the scheduler needs; injected so tests drive frames by hand. */
export interface FrameClock {
	request(callback: () => void): number;
	cancel(handle: number): void;
}

export const animationFrameClock: FrameClock = {
	request: (callback) => requestAnimationFrame(callback),
	cancel: (handle) => cancelAnimationFrame(handle)
};

/** Where pushed items gather between frames. */
export interface Accumulator<In, Out> {
	add(item: In): void;
	/** Everything gathered since the last take, or null. */
	take(): Out | null;
}

/**
 * Applies pushed items at most once per animation frame: a push only asks for a frame when none is
 * pending, and the frame hands the sink whatever the accumulator gathered. Hidden tabs get no frames,
 * so the first frame after the tab shows again catches up in one go.
 */
export class FrameScheduler<In, Out> {
	readonly #clock: FrameClock;
	readonly #accumulator: Accumulator<In, Out>;
	readonly #sink: (frame: Out) => void;
	#handle: number | null = null;
	#disposed = false;
	/** Milliseconds the sink took on the last frame (performance.now), for the status bar. */
	lastApplyMs = 0;

	constructor(clock: FrameClock, accumulator: Accumulator<In, Out>, sink: (frame: Out) => void) {
		this.#clock = clock;
		this.#accumulator = accumulator;
		this.#sink = sink;
	}

	push(item: In): void {
		if (this.#disposed) return;
		this.#accumulator.add(item);
		this.#handle ??= this.#clock.request(() => this.#run());
	}

	#run(): void {
		this.#handle = null;
		const frame = this.#accumulator.take();
		if (frame === null) return;
		const started = performance.now();
		this.#sink(frame);
		this.lastApplyMs = performance.now() - started;
	}

	/** Stops for good: a pending frame is cancelled and later pushes are dropped. */
	dispose(): void {
		this.#disposed = true;
		if (this.#handle !== null) this.#clock.cancel(this.#handle);
		this.#handle = null;
	}
}
