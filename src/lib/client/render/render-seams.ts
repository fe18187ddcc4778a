import type { ThrottleOptions } from '../../core/throttle-policy';
import { busyWait, renderParams, slowRenderMs, type ThrottleMode } from './render-params';
import { RenderStats, type RenderReport } from './render-stats';

/**
 * The page render's test and bench seams, made only in the test build (core/test-seams.ts): the
 * URL's throttle mode and injected cost in every main chart render (render-params.ts), and the lag
 * samples and levels the bench drains.
 */
export class RenderSeams {
	readonly stats = new RenderStats();
	readonly throttle: ThrottleMode;
	/** The main chart's throttle options the URL overrides (debugBudgetShare). */
	readonly chartThrottle: Partial<ThrottleOptions>;
	#slowRenderMs: number;
	readonly #level: () => number;

	/** `search` is the page URL's; `level` the scheduler's level now (a drain restarts from it). */
	constructor(search: string, level: () => number) {
		const params = renderParams(search);
		this.throttle = params.throttle;
		this.#slowRenderMs = params.slowRenderMs;
		this.chartThrottle = params.budgetShare === null ? {} : { budgetShare: params.budgetShare };
		this.#level = level;
	}

	/** Busy-wait this many ms in every main chart render (clamped to 0..1000); 0 turns it off. */
	setSlowRender(ms: unknown): void {
		this.#slowRenderMs = slowRenderMs(ms);
	}

	/** Spends the injected cost: called first in every main chart render. */
	slowRender(): void {
		busyWait(this.#slowRenderMs);
	}

	/** Lag samples and the highest throttle level since the last drain. */
	drain(): RenderReport {
		return this.stats.drain(this.#level());
	}
}
