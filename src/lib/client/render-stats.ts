/** Lag samples kept between drains at most: a probe nobody drains must not grow without bound. */
export const MAX_LAG_SAMPLES = 10_000;

/** What the render scheduler measured since the last drain (the bench and test seam reads it). */
export interface RenderReport {
	/** Worker receive to chart apply, ms, one sample per render that drew news, oldest first. */
	readonly lagsMs: number[];
	/** Highest throttle level any view had, 0..MAX_LEVEL. */
	readonly levelMax: number;
	/** Renders of any view. */
	readonly renders: number;
}

/** Collects lag samples and the highest throttle level between drains. */
export class RenderStats {
	#lags: number[] = [];
	#levelMax = 0;
	#renders = 0;

	rendered(lagMs: number | null): void {
		this.#renders += 1;
		if (lagMs === null) return;
		if (this.#lags.length >= MAX_LAG_SAMPLES) this.#lags.shift();
		this.#lags.push(lagMs);
	}

	level(level: number): void {
		this.#levelMax = Math.max(this.#levelMax, level);
	}

	/** Everything since the last drain; the level maximum restarts from `currentLevel`. */
	drain(currentLevel: number): RenderReport {
		const report = { lagsMs: this.#lags, levelMax: this.#levelMax, renders: this.#renders };
		this.#lags = [];
		this.#levelMax = currentLevel;
		this.#renders = 0;
		return report;
	}
}
