/** `adaptive` steps slow views down (ThrottlePolicy); `off` renders every update, every frame. */
export type ThrottleMode = 'adaptive' | 'off';

/**
 * Test and bench seams read from the page URL, in the test build only (RenderSeams, made behind
 * core/test-seams.ts); the production build ignores both, like any parameter that is not a setting:
 * - `throttle=off` renders every update (the bench's baseline); anything else is adaptive.
 * - `debugSlowRenderMs=N` busy-waits N ms (0 to 1000) in every render of the main chart, to show
 *   the throttle stepping down (RenderSeams). `window.__tickscope.setSlowRender(ms)` changes it.
 * - `debugBudgetShare=S` (0 < S <= 1) gives the main chart that share of a frame instead of its
 *   priority's: with a small one a slow render wants the chart drawn far less often than its
 *   floor, so a browser test can tell the floor holding from cost-following alone.
 */
export interface RenderParams {
	readonly throttle: ThrottleMode;
	readonly slowRenderMs: number;
	/** The main chart's budget share; null: its priority's. */
	readonly budgetShare: number | null;
}

/** Longest injected slow render, ms: a second per frame is already a frozen page. */
export const MAX_SLOW_RENDER_MS = 1000;

/** A slow render in ms from user input: a number clamped to 0..MAX_SLOW_RENDER_MS, else 0. */
export function slowRenderMs(value: unknown): number {
	const ms = typeof value === 'string' ? Number(value) : value;
	if (typeof ms !== 'number' || !Number.isFinite(ms)) return 0;
	return Math.min(MAX_SLOW_RENDER_MS, Math.max(0, ms));
}

/** A budget share from user input: a number within (0, 1], else null (the default share). */
export function budgetShare(value: string | null): number | null {
	const share = value === null ? NaN : Number(value);
	return share > 0 && share <= 1 ? share : null;
}

export function renderParams(search: string): RenderParams {
	const params = new URLSearchParams(search);
	return {
		throttle: params.get('throttle') === 'off' ? 'off' : 'adaptive',
		slowRenderMs: slowRenderMs(params.get('debugSlowRenderMs') ?? 0),
		budgetShare: budgetShare(params.get('debugBudgetShare'))
	};
}

/** Blocks the thread for `ms`: an injected render cost the frame really pays. */
export function busyWait(ms: number, now: () => number = () => performance.now()): void {
	if (ms <= 0) return;
	const until = now() + ms;
	while (now() < until) {
		// Spinning is the point: the time must be spent on this thread.
	}
}
