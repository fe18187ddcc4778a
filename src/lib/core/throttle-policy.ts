/**
 * Adaptive refresh policy for one view. Pure: the caller feeds frame numbers, measured costs,
 * times (ms from any monotonic clock) and the display's frame period; the policy answers whether
 * to render this frame.
 *
 * The view renders every `framesPerRender` frames, and that number follows the view's own cost:
 * the fewest frames over which its cost, amortised, fits its budget (a share of the display's frame
 * period), not a fixed ladder. Two bounds hold whatever the cost: it never renders more often than
 * every `minFrames` frames (a text panel needs no 60 Hz), and never less often than `floorHz`
 * times a second while it is asked (the freshness floor: a trader's main chart is at most 125 ms
 * behind at the default 8/s). A `primary` view (the main chart, the tape) gets most of the frame
 * and that floor; a `secondary` one (a small chart in a grid, a status panel) a smaller share, so
 * it steps down first, and a floor of once a second.
 *
 * Own cost, not the machine's: a render's wall time is the view's work plus whatever time the
 * thread was not running inside it (another process on the core, a garbage collection). That
 * only ever adds, so the policy judges a low quantile of the last renders: a view slow render
 * after render raises it, a busy machine stretching some of them does not. Frame gaps are frames
 * that passed (the caller numbers frames by time), so they make a view due sooner, never costlier.
 */

/** Who watches a view: `primary` ones are looked at closely, `secondary` ones may go slower first. */
export type ViewPriority = 'primary' | 'secondary';

/** The status levels: 0 renders every frame, then at most every 2nd, 4th, 10th frame, then slower. */
export const LEVEL_FRAMES = [1, 2, 4, 10] as const;
export const MAX_LEVEL = LEVEL_FRAMES.length;
/** A 60 Hz frame, ms: the frame period until the caller says otherwise. */
export const DEFAULT_FRAME_MS = 1000 / 60;
/** The main chart's and the tape's floor: no trade waits more than about 125 ms to be shown. */
export const DEFAULT_FLOOR_HZ = 8;

export interface ThrottleOptions {
	readonly priority: ViewPriority;
	/** Share of a frame period the view may take per frame, amortised over its refresh interval. */
	readonly budgetShare: number;
	/** The view renders at least this often while it has news and is on screen, per second. */
	readonly floorHz: number;
	/** The view never renders more often than every this many frames (1: every frame). */
	readonly minFrames: number;
	/** How long the view must stay calm before rendering more often again, ms. */
	readonly calmMs: number;
	/** Costs kept per decision. */
	readonly window: number;
	/** Rendering more often requires the cost there to stay under budget * this. */
	readonly calmRatio: number;
	/** The quantile of the kept costs taken as the view's own cost (0..1; low: see above). */
	readonly costQuantile: number;
}

const COMMON = { minFrames: 1, calmMs: 2000, window: 16, calmRatio: 0.75, costQuantile: 0.2 };

/** Defaults per priority: a secondary view gets a third of a primary's budget and a 1/s floor. */
export const PRIORITY_DEFAULTS: Readonly<Record<ViewPriority, ThrottleOptions>> = {
	primary: { ...COMMON, priority: 'primary', budgetShare: 0.75, floorHz: DEFAULT_FLOOR_HZ },
	secondary: { ...COMMON, priority: 'secondary', budgetShare: 0.25, floorHz: 1 }
};

/** Renders measured before the policy judges the view's cost. */
const MIN_SAMPLES = 6;

function positive(value: number, name: string): void {
	if (!Number.isFinite(value) || value <= 0) {
		throw new Error(`throttle option ${name} must be a positive number, got ${value}`);
	}
}

/** The options of a view: its priority's defaults with `options` over them, checked. */
export function throttleOptions(options: Partial<ThrottleOptions> = {}): ThrottleOptions {
	const merged = { ...PRIORITY_DEFAULTS[options.priority ?? 'primary'], ...options };
	positive(merged.budgetShare, 'budgetShare');
	positive(merged.floorHz, 'floorHz');
	positive(merged.window, 'window');
	if (!Number.isInteger(merged.minFrames) || merged.minFrames < 1) {
		throw new Error(
			`throttle option minFrames must be a whole number >= 1, got ${merged.minFrames}`
		);
	}
	if (!(merged.costQuantile >= 0 && merged.costQuantile <= 1)) {
		throw new Error(`throttle option costQuantile must be within 0..1, got ${merged.costQuantile}`);
	}
	return merged;
}

/** The status level of rendering every `frames` frames: 0 every frame .. MAX_LEVEL slower than 1/10. */
export function levelOf(frames: number): number {
	const level = LEVEL_FRAMES.findIndex((most) => frames <= most);
	return level === -1 ? MAX_LEVEL : level;
}

function quantile(values: readonly number[], q: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(q * (sorted.length - 1))] ?? 0;
}

export class ThrottlePolicy {
	readonly #options: ThrottleOptions;
	#frames: number;
	#costs: number[] = [];
	#frameMs = DEFAULT_FRAME_MS;
	#lastRenderAt = Number.NEGATIVE_INFINITY;
	#lastRenderFrame = Number.NEGATIVE_INFINITY;
	#calmSince: number | null = null;
	/** Renders since a long frame stepped the view down: a second step waits for new evidence. */
	#sinceLongFrame = MIN_SAMPLES;
	/** Renders the next paint learnt (addCost) is shared by: 2 after a render that joined a draw. */
	#paintShares = 1;

	constructor(options: Partial<ThrottleOptions> = {}) {
		this.#options = throttleOptions(options);
		this.#frames = this.#options.minFrames;
	}

	get options(): ThrottleOptions {
		return this.#options;
	}

	/** Frames between two renders now: 1 every frame .. the floor's. */
	get framesPerRender(): number {
		return Math.min(this.#frames, this.floorFrames);
	}

	/** The status level: 0 (every frame) .. MAX_LEVEL (slower than every 10th frame). */
	get level(): number {
		return levelOf(this.framesPerRender);
	}

	/** Levels stepped down from the view's normal rate (its `minFrames`): 0 when unthrottled. */
	get stepped(): number {
		return this.level - levelOf(this.#options.minFrames);
	}

	/** Most frames between two renders: the floor rate's interval, never under `minFrames`. */
	get floorFrames(): number {
		const { floorHz, minFrames } = this.#options;
		// The epsilon keeps 1000 / 8 / (1000 / 120) = 15 from flooring to 14 in floating point.
		return Math.max(minFrames, Math.floor(1000 / floorHz / this.#frameMs + 1e-9));
	}

	/** The view's own cost per render (a low quantile of the kept ones), ms; 0 before the first. */
	get ownCostMs(): number {
		return this.#costs.length === 0 ? 0 : quantile(this.#costs, this.#options.costQuantile);
	}

	/** What the view may cost per frame, amortised, ms: a share of the frame period. */
	get budgetMs(): number {
		return this.#options.budgetShare * this.#frameMs;
	}

	/** The display's frame period, ms (16.7 at 60 Hz, 8.3 at 120 Hz); ignored unless positive. */
	setFrameMs(frameMs: number): void {
		if (Number.isFinite(frameMs) && frameMs > 0) this.#frameMs = frameMs;
	}

	/**
	 * Whether the view should render in frame number `frame` (frames counted by time, at least 1
	 * per frame) at `now`. The floor holds in time too, so a misjudged frame period cannot break it.
	 */
	due(frame: number, now: number): boolean {
		return frame - this.#lastRenderFrame >= this.framesPerRender || this.overdue(now);
	}

	/**
	 * The view has gone its floor interval without a render at `now`: it is due whatever its
	 * frames, and a view that waits for another's draw (RenderViewSpec.rides) waits no longer.
	 */
	overdue(now: number): boolean {
		const { floorHz, minFrames } = this.#options;
		const floorMs = Math.max(1000 / floorHz, minFrames * this.#frameMs);
		return now - this.#lastRenderAt >= floorMs - this.#frameMs / 2;
	}

	/**
	 * Records one render of the view that took `costMs`, in frame `frame` at time `now`. `joined`:
	 * it rendered before the draw its previous render asked for, so one draw shows both (a canvas
	 * chart updated in consecutive frames draws once, every other frame), and the paint learnt next
	 * is shared by the two renders: each costs its update and half that draw.
	 */
	rendered(frame: number, now: number, costMs: number, joined = false): void {
		this.#lastRenderAt = now;
		this.#lastRenderFrame = frame;
		this.#sinceLongFrame += 1;
		this.#paintShares = joined ? 2 : 1;
		this.#costs.push(costMs);
		if (this.#costs.length > this.#options.window) this.#costs.shift();
		this.#adapt(now);
	}

	/**
	 * More cost of the last render, `costMs`, learnt at `now` after it was recorded: a canvas chart
	 * paints and hands its pixels to the compositor in the frame after its update.
	 */
	addCost(now: number, costMs: number): void {
		const count = this.#costs.length;
		if (count === 0 || costMs <= 0) return;
		const shares = Math.min(this.#paintShares, count);
		for (let index = count - shares; index < count; index += 1) {
			this.#costs[index] = (this.#costs[index] ?? 0) + costMs / shares;
		}
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
	 * A frame the view's work filled ran long (the caller has checked the browser saw work, not a
	 * thread that was not running). That halves the view's rate at once, down to its floor, only
	 * when its own cost says it is near its budget: a long frame on a busy machine stretches
	 * whatever ran in it, and drawing a cheap view less often would not help. Returns whether it
	 * stepped.
	 */
	longFrame(): boolean {
		if (this.#costs.length < MIN_SAMPLES || this.#sinceLongFrame < MIN_SAMPLES) return false;
		const current = this.framesPerRender;
		if (this.ownCostMs / current <= this.budgetMs * this.#options.calmRatio) return false;
		const next = Math.min(this.floorFrames, current * 2);
		if (next === current) return false;
		this.#frames = next;
		this.#calmSince = null;
		this.#sinceLongFrame = 0;
		return true;
	}

	/** Forget the measurements (after a resync or a resize, say) without changing the rate. */
	reset(): void {
		this.#costs = [];
		this.#paintShares = 1;
		this.#calmSince = null;
	}

	/** Fewest frames per render whose amortised own cost fits `budgetMs`, within the bounds. */
	#framesFor(budgetMs: number): number {
		const frames = Math.ceil(this.ownCostMs / budgetMs);
		return Math.min(this.floorFrames, Math.max(this.#options.minFrames, frames));
	}

	#adapt(now: number): void {
		if (this.#costs.length < MIN_SAMPLES) return;
		const current = this.framesPerRender;
		const needed = this.#framesFor(this.budgetMs);
		if (needed > current) {
			this.#frames = needed;
			this.#calmSince = null;
			return;
		}
		const comfortable = this.#framesFor(this.budgetMs * this.#options.calmRatio);
		if (comfortable >= current) {
			this.#calmSince = null;
			return;
		}
		this.#calmSince ??= now;
		if (now - this.#calmSince >= this.#options.calmMs) {
			this.#frames = comfortable;
			this.#calmSince = null;
		}
	}
}
