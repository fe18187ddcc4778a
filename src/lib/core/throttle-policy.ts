/**
 * Adaptive refresh policy for one view. Pure: the caller feeds frame numbers, measured costs,
 * times (ms from any monotonic clock) and the display's frame period; the policy answers whether
 * to render this frame.
 *
 * Levels: 0 renders every frame, then every 2nd, 4th and 10th frame, and finally once a second.
 * The budget is a share of the display's frame period, not a fixed number of ms, so a machine
 * whose chart takes 5 or 8 ms of a 16.7 ms frame draws every frame, and one whose chart leaves the
 * browser no room in the frame is throttled. The policy steps down (to a higher level) when the view's typical cost
 * amortised over its refresh interval exceeds its budget, and steps back up after the lower level
 * would have stayed comfortably under budget for `calmMs`, so it does not oscillate.
 *
 * "Typical" is the median of the last few renders: one render stretched by the machine (the
 * thread preempted, a garbage collection) is no reason to draw less often; a view that is slow
 * render after render is.
 */
export const FRAMES_PER_RENDER = [1, 2, 4, 10] as const;
/** The last level is time based: one render per this many ms. */
export const SLOWEST_RENDER_MS = 1000;
export const MAX_LEVEL = FRAMES_PER_RENDER.length;
/** A 60 Hz frame, ms: the frame period until the caller says otherwise. */
export const DEFAULT_FRAME_MS = 1000 / 60;

export interface ThrottleOptions {
	/** Share of a frame period one view may take per frame, amortised over its refresh interval. */
	readonly budgetShare: number;
	/** How long the view must stay calm before stepping back up, ms. */
	readonly calmMs: number;
	/** Costs kept per decision (their median decides). */
	readonly window: number;
	/** Stepping back up requires the cost at the next level to stay under budget * this. */
	readonly calmRatio: number;
	/** The view never renders more often than this level (a text panel needs no 60 Hz), 0..MAX_LEVEL. */
	readonly minLevel: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = {
	budgetShare: 0.75,
	calmMs: 2000,
	window: 8,
	calmRatio: 0.75,
	minLevel: 0
};

/** Renders measured before the policy judges a level. */
const MIN_SAMPLES = 3;

function framesPerRender(level: number, frameMs: number): number {
	return FRAMES_PER_RENDER[level] ?? SLOWEST_RENDER_MS / frameMs;
}

function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	if (sorted.length % 2 === 1) return sorted[middle] ?? 0;
	return ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export class ThrottlePolicy {
	#level = 0;
	readonly #floor: number;
	#costs: number[] = [];
	#frameMs = DEFAULT_FRAME_MS;
	#lastRenderAt = Number.NEGATIVE_INFINITY;
	#lastRenderFrame = Number.NEGATIVE_INFINITY;
	#calmSince: number | null = null;
	readonly #options: ThrottleOptions;

	constructor(options: Partial<ThrottleOptions> = {}) {
		this.#options = { ...DEFAULT_THROTTLE, ...options };
		this.#floor = Math.min(MAX_LEVEL, Math.max(0, Math.round(this.#options.minLevel)));
		this.#level = this.#floor;
	}

	/** 0 (every frame) .. MAX_LEVEL (once a second), never below `minLevel`. */
	get level(): number {
		return this.#level;
	}

	/** Levels stepped down from the view's normal rate (`level - minLevel`): 0 when unthrottled. */
	get stepped(): number {
		return this.#level - this.#floor;
	}

	/** Median measured render cost over the window, ms; 0 before the first render. */
	get typicalCostMs(): number {
		return this.#costs.length === 0 ? 0 : median(this.#costs);
	}

	/** What the view may cost per frame, amortised, ms: a share of the frame period. */
	get budgetMs(): number {
		return this.#options.budgetShare * this.#frameMs;
	}

	/** The display's frame period, ms (16.7 at 60 Hz, 8.3 at 120 Hz); ignored unless positive. */
	setFrameMs(frameMs: number): void {
		if (Number.isFinite(frameMs) && frameMs > 0) this.#frameMs = frameMs;
	}

	/** Whether the view should render in frame number `frame` (increasing by 1 per frame) at time `now`. */
	due(frame: number, now: number): boolean {
		if (this.#level >= MAX_LEVEL) return now - this.#lastRenderAt >= SLOWEST_RENDER_MS;
		return frame - this.#lastRenderFrame >= framesPerRender(this.#level, this.#frameMs);
	}

	/** Records one render of the view that took `costMs`, in frame `frame` at time `now`. */
	rendered(frame: number, now: number, costMs: number): void {
		this.#lastRenderAt = now;
		this.#lastRenderFrame = frame;
		this.#costs.push(costMs);
		if (this.#costs.length > this.#options.window) this.#costs.shift();
		this.#adapt(now);
	}

	/**
	 * More cost of the last render, `costMs`, learnt at `now` after it was recorded: a canvas chart
	 * paints and hands its pixels to the compositor in the frame after its update.
	 */
	addCost(now: number, costMs: number): void {
		const last = this.#costs.length - 1;
		if (last < 0 || costMs <= 0) return;
		this.#costs[last] = (this.#costs[last] ?? 0) + costMs;
		this.#adapt(now);
	}

	/**
	 * A one-off catch-up render in frame `frame` at `now` (after the tab or the view was hidden, or a
	 * full history reset): it counts as a render for `due`, but its cost says nothing about steady
	 * updates, so it is not measured and the calm spell restarts.
	 */
	caughtUp(frame: number, now: number): void {
		this.#lastRenderAt = now;
		this.#lastRenderFrame = frame;
		this.#calmSince = null;
	}

	/**
	 * A frame the view took part in ran long (a long task or long animation frame). That steps the
	 * view down at once only when its own typical cost says it is near its budget: a long frame on
	 * a busy machine (the thread preempted, another process, a garbage collection) stretches
	 * whatever ran in it, and drawing less often would not have helped. Returns whether it stepped.
	 */
	longFrame(): boolean {
		if (this.#costs.length < Math.min(MIN_SAMPLES, this.#options.window)) return false;
		const { calmRatio } = this.#options;
		if (this.#amortised(this.#level) <= this.budgetMs * calmRatio) return false;
		this.#stepDown();
		return true;
	}

	/** Forget the measurements (after a resync or a resize, say) without changing the level. */
	reset(): void {
		this.#costs = [];
		this.#calmSince = null;
	}

	/** The typical cost per frame if the view rendered at `level`, ms. */
	#amortised(level: number): number {
		return this.typicalCostMs / framesPerRender(level, this.#frameMs);
	}

	#adapt(now: number): void {
		if (this.#costs.length < Math.min(MIN_SAMPLES, this.#options.window)) return;
		const { calmMs, calmRatio } = this.#options;
		const budget = this.budgetMs;
		if (this.#amortised(this.#level) > budget) {
			this.#stepDown();
			return;
		}
		if (this.#level <= this.#floor || this.#amortised(this.#level - 1) > budget * calmRatio) {
			this.#calmSince = null;
			return;
		}
		this.#calmSince ??= now;
		if (now - this.#calmSince >= calmMs) {
			this.#level -= 1;
			this.#calmSince = null;
		}
	}

	#stepDown(): void {
		if (this.#level < MAX_LEVEL) this.#level += 1;
		this.#costs = [];
		this.#calmSince = null;
	}
}
