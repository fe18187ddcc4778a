/**
 * Adaptive refresh policy for one view. Pure: the caller feeds frame numbers, measured costs and
 * times (ms from any monotonic clock), the policy answers whether to render this frame.
 *
 * Levels: 0 renders every frame, then every 2nd, 4th and 10th frame, and finally once a second.
 * The policy steps down (to a higher level) when the view's cost amortised over its refresh
 * interval exceeds its per-frame budget, or at once when a long frame is reported; it steps back
 * up only after the lower level would have stayed well under budget for `calmMs`, so it does not
 * oscillate between two levels.
 */
export const FRAMES_PER_RENDER = [1, 2, 4, 10] as const;
/** The last level is time based: one render per this many ms. */
export const SLOWEST_RENDER_MS = 1000;
export const MAX_LEVEL = FRAMES_PER_RENDER.length;

export interface ThrottleOptions {
	/** Render time one view may take per frame, amortised, in ms. */
	readonly budgetMs: number;
	/** How long the view must stay calm before stepping back up, ms. */
	readonly calmMs: number;
	/** Costs averaged per decision. */
	readonly window: number;
	/** Stepping back up requires the cost at the next level to stay under budget * this. */
	readonly calmRatio: number;
	/** The view never renders more often than this level (a text panel needs no 60 Hz), 0..MAX_LEVEL. */
	readonly minLevel: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = {
	budgetMs: 4,
	calmMs: 2000,
	window: 8,
	calmRatio: 0.5,
	minLevel: 0
};

/** Frames a level spans at 60 Hz, for amortising the slowest, time-based level. */
const FRAMES_AT_SLOWEST = 60;

function framesPerRender(level: number): number {
	return FRAMES_PER_RENDER[level] ?? FRAMES_AT_SLOWEST;
}

export class ThrottlePolicy {
	#level = 0;
	readonly #floor: number;
	#costs: number[] = [];
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

	/** Mean measured render cost over the window, ms; 0 before the first render. */
	get meanCostMs(): number {
		if (this.#costs.length === 0) return 0;
		return this.#costs.reduce((sum, cost) => sum + cost, 0) / this.#costs.length;
	}

	/** Whether the view should render in frame number `frame` (increasing by 1 per frame) at time `now`. */
	due(frame: number, now: number): boolean {
		if (this.#level >= MAX_LEVEL) return now - this.#lastRenderAt >= SLOWEST_RENDER_MS;
		return frame - this.#lastRenderFrame >= framesPerRender(this.#level);
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

	/** A frame ran long (a long task or long animation frame): step down at once. */
	longFrame(): void {
		this.#stepDown();
	}

	/** Forget the measurements (after a resync or a resize, say) without changing the level. */
	reset(): void {
		this.#costs = [];
		this.#calmSince = null;
	}

	#adapt(now: number): void {
		if (this.#costs.length < Math.min(3, this.#options.window)) return;
		const mean = this.meanCostMs;
		const { budgetMs, calmMs, calmRatio } = this.#options;
		if (mean / framesPerRender(this.#level) > budgetMs) {
			this.#stepDown();
			return;
		}
		if (
			this.#level <= this.#floor ||
			mean / framesPerRender(this.#level - 1) > budgetMs * calmRatio
		) {
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
