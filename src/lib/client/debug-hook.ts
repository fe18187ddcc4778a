import type { Interval } from '../core/interval';
import type { FeedApi, FeedStatus } from '../protocol/feed-api';
import type { FeedClient } from './feed-client';
import type { RenderSeams } from './render/render-seams';
import type { RenderReport } from './render/render-stats';

/**
 * A seam for browser tests (tests/e2e) and the end-to-end bench (scripts/bench/e2e.ts): they compare
 * the app's exact candles with the CLI's, watch the chart fill, and read render figures. Only
 * `setSlowRender` changes anything, and only how long a render takes; keep it this small. The test
 * build only: the production build has no `window.__tickscope` (core/test-seams.ts).
 */
export interface TickscopeDebug extends Pick<
	FeedApi,
	'klines' | 'cacheStats' | 'sessions' | 'exportTicks'
> {
	/** Bars drawn now on the main chart, or on grid chart `chart` (0 is the main chart). */
	drawnBars(chart?: number): number;
	/** The main chart's bars in view (logical indexes), to see a pan or a zoom; null: none. */
	visibleRange(): { readonly from: number; readonly to: number } | null;
	/** Values drawn per indicator id on the main chart now. */
	indicatorValues(): Record<string, number>;
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
	/** What the main chart shows: its time axis labels, and its newest trades on the tick chart. */
	chartProbe(): ChartProbe | null;
}

/** A look at the main chart for browser tests. */
export interface ChartProbe {
	/** The time axis labels in view. */
	axisLabels(): string[];
	/** The newest `n` trades on the tick chart, oldest first (trade time ms, price, size, side). */
	lastTicks(n: number): { ms: number; price: number; size: number; buy: boolean }[];
	/** Draws `bars` (columns as plain arrays) at `interval`, as a view reset would: axis tests. */
	draw(bars: Record<string, number[]>, interval: Interval): void;
}

declare global {
	interface Window {
		__tickscope?: TickscopeDebug;
	}
}

/** What the hook reads: the page's worker client, feed state, chart and render seams. */
export interface DebugSources {
	readonly client: FeedClient;
	/** The page's feed state (FeedStatusState). */
	readonly feed: Pick<TickscopeDebug, 'lastBatchSeq' | 'status'>;
	readonly drawnBars: (chart?: number) => number;
	readonly visibleRange: TickscopeDebug['visibleRange'];
	readonly indicatorValues: () => Record<string, number>;
	readonly seams: RenderSeams | null;
	readonly chart?: () => ChartProbe | null;
}

/** Installs the hook on `window`; the returned function removes it. */
export function installDebugHook(sources: DebugSources): () => void {
	const { client, feed, drawnBars, visibleRange, indicatorValues, seams, chart } = sources;
	if (seams === null) throw new Error('the debug hook needs the render seams of a test build');
	const hook: TickscopeDebug = {
		klines: (symbol, interval) => client.api.klines(symbol, interval),
		cacheStats: () => client.api.cacheStats(),
		sessions: () => client.api.sessions(),
		exportTicks: (sessionId, fromMs, toMs) => client.api.exportTicks(sessionId, fromMs, toMs),
		drawnBars,
		visibleRange,
		indicatorValues,
		get lastBatchSeq() {
			return feed.lastBatchSeq;
		},
		get status() {
			return feed.status;
		},
		setSlowRender: (ms) => seams.setSlowRender(ms),
		renderStats: () => seams.drain(),
		chartProbe: () => chart?.() ?? null
	};
	window.__tickscope = hook;
	return () => {
		if (window.__tickscope === hook) delete window.__tickscope;
	};
}
