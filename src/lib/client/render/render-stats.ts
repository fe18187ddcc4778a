import { arrivalLags, type Arrivals } from '../../core/arrivals';

/** Lag samples kept between drains at most; past it a drain is overdue and new samples are dropped. */
export const MAX_LAG_SAMPLES = 10_000;
/** Per-trade lag samples (one per ms of arrivals) kept between drains at most. */
export const MAX_TRADE_LAG_SAMPLES = 200_000;

/** What the render scheduler measured since the last drain (the bench and test seam reads it). */
export interface RenderReport {
	/**
	 * Worker receive to chart apply of the oldest news in each render that drew news, ms: the
	 * worst-off trade of every render.
	 */
	readonly lagsMs: number[];
	/**
	 * Worker receive to chart apply of every trade drawn, ms, within half a ms (trades received
	 * in the same ms share a sample): `tradeWeights[i]` trades had lag `tradeLagsMs[i]`.
	 */
	readonly tradeLagsMs: number[];
	readonly tradeWeights: number[];
	/** Highest throttle level any view had, 0..MAX_LEVEL. */
	readonly levelMax: number;
	/** Renders of any view. */
	readonly renders: number;
	/** Renders per view id (`chart`, `status`...): how often each one drew. */
	readonly viewRenders: Record<string, number>;
	/**
	 * Per batch carrying news: worker receive of its oldest news to the worker posting it, ms
	 * (flush cadence and backpressure).
	 */
	readonly postLagsMs: number[];
	/** Per batch: the worker posting it to the page receiving it, ms (the main thread's queue). */
	readonly transitMs: number[];
	/** Per tape render that drew trades: worker receive of the oldest trade drawn to the tape drawn, ms. */
	readonly tapeLagsMs: number[];
	/**
	 * Per view id, each render's own time (its script and DOM writes; a canvas chart's paint is
	 * not in it), ms: what a change to a view's rendering saves, apart from how often it draws.
	 */
	readonly viewCostsMs: Record<string, number[]>;
}

function keep(samples: number[], value: number): void {
	if (samples.length < MAX_LAG_SAMPLES) samples.push(value);
}

/**
 * Collects lag samples and the highest throttle level between drains. Samples are only taken once
 * somebody drained (the bench or a test through the debug seam): an app nobody measures keeps none.
 */
export class RenderStats {
	#sampling = false;
	#lags: number[] = [];
	#levelMax = 0;
	#renders = 0;
	#viewRenders: Record<string, number> = {};
	#postLags: number[] = [];
	#transits: number[] = [];
	#tradeLags: number[] = [];
	#tradeWeights: number[] = [];
	#tapeLags: number[] = [];
	#viewCosts: Record<string, number[]> = {};

	/** The tape drew trades, the oldest received `lagMs` ago. */
	tapeDrawn(lagMs: number): void {
		if (this.#sampling) keep(this.#tapeLags, lagMs);
	}

	/**
	 * A render of view `viewId` that took `costMs`, with the lag of its oldest news, and the
	 * arrivals of the trades it drew at `drawnAt`.
	 */
	rendered(
		viewId: string,
		lagMs: number | null,
		arrivals: readonly Arrivals[],
		drawnAt: number,
		costMs: number
	): void {
		this.#renders += 1;
		this.#viewRenders[viewId] = (this.#viewRenders[viewId] ?? 0) + 1;
		if (!this.#sampling) return;
		keep((this.#viewCosts[viewId] ??= []), costMs);
		if (lagMs !== null) keep(this.#lags, lagMs);
		if (this.#tradeLags.length >= MAX_TRADE_LAG_SAMPLES) return;
		for (const batch of arrivals) arrivalLags(batch, drawnAt, this.#tradeLags, this.#tradeWeights);
	}

	/** A worker batch posted at `sentAt` arrived at `now` (both epoch ms, worker and page clock). */
	arrived(sentAt: number, oldestReceivedAt: number | undefined, now: number): void {
		if (!this.#sampling) return;
		keep(this.#transits, now - sentAt);
		if (oldestReceivedAt !== undefined) keep(this.#postLags, sentAt - oldestReceivedAt);
	}

	level(level: number): void {
		this.#levelMax = Math.max(this.#levelMax, level);
	}

	/**
	 * Everything since the last drain (the first drain starts the sampling, so its lag lists are
	 * empty); the level maximum restarts from `currentLevel`.
	 */
	drain(currentLevel: number): RenderReport {
		this.#sampling = true;
		const report = {
			lagsMs: this.#lags,
			levelMax: this.#levelMax,
			renders: this.#renders,
			viewRenders: this.#viewRenders,
			postLagsMs: this.#postLags,
			transitMs: this.#transits,
			tradeLagsMs: this.#tradeLags,
			tradeWeights: this.#tradeWeights,
			tapeLagsMs: this.#tapeLags,
			viewCostsMs: this.#viewCosts
		};
		this.#viewCosts = {};
		this.#tapeLags = [];
		this.#tradeLags = [];
		this.#tradeWeights = [];
		this.#lags = [];
		this.#postLags = [];
		this.#transits = [];
		this.#levelMax = currentLevel;
		this.#renders = 0;
		this.#viewRenders = {};
		return report;
	}
}
