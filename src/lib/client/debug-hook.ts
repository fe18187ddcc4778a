import type { FeedApi, FeedStatus } from '../protocol/feed-api';
import type { RenderReport } from './render/render-stats';

/**
 * A seam for browser tests (tests/e2e) and the end-to-end bench (scripts/bench/e2e.ts): they compare
 * the app's exact candles with the CLI's, watch the chart fill, and read render figures. Only
 * `setSlowRender` changes anything, and only how long a render takes; keep it this small. From the
 * worker: every exact candle it holds (`klines`), the tick cache's figures (`cacheStats`: tests wait
 * for ticks to be stored before a reload) and what can be replayed (`sessions`).
 */
export interface TickscopeDebug extends Pick<FeedApi, 'klines' | 'cacheStats' | 'sessions'> {
	/** Bars drawn on the main chart now. */
	drawnBars(): number;
	/** `seq` of the newest batch applied to the page; 0 before the first. */
	readonly lastBatchSeq: number;
	/** The feed status the status bar shows now. */
	readonly status: FeedStatus;
	/** Test seam: busy-wait `ms` (0..1000) inside every main chart render; 0 turns it off. */
	setSlowRender(ms: number): void;
	/**
	 * Bench seam: lag samples (worker receive to chart apply) and the top throttle level since the
	 * last call; the first call starts the sampling.
	 */
	renderStats(): RenderReport;
}

declare global {
	interface Window {
		__tickscope?: TickscopeDebug;
	}
}

/** Installs the hook on `window`; the returned function removes it. */
export function installDebugHook(hook: TickscopeDebug): () => void {
	window.__tickscope = hook;
	return () => {
		if (window.__tickscope === hook) delete window.__tickscope;
	};
}
