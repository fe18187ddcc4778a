import { flushSync } from 'svelte';
import { epochNow } from './render-host';
import { TEST_SEAMS } from '../../core/test-seams';
import {
	DEFAULT_FLOOR_HZ,
	PRIORITY_DEFAULTS,
	type ThrottleOptions
} from '../../core/throttle-policy';
import { MAX_CHARTS } from '../../core/grid/grid-layout';
import type { FeedBatch } from '../../protocol/feed-api';
import type { Frame } from './batch-coalescer';
import { RenderScheduler, type RenderHandle, type RenderHost } from './render-scheduler';
import { RenderSeams } from './render-seams';
import type { RenderStatusState } from './render-status.svelte';

/** What the page draws from worker batches, split so each part is throttled and timed on its own. */
export interface PageViews {
	/** Feed status and the panels that follow it; on every batch. */
	status(frame: Frame): void;
	/** Tab prices, quote strip and book tops. */
	market(frame: Frame): void;
	/**
	 * The order book and trade tape beside the chart; returns the worker receive time of the
	 * oldest trade it put on the tape, null when none (the tape's lag figure).
	 */
	panels(frame: Frame): number | null;
	/** The main chart (its worker view only). */
	chart(frame: Frame): void;
	/** The main chart fell too far behind while hidden: ask the worker for a fresh reset. */
	chartStale(): void;
	/** The worker view the main chart draws. */
	readonly chartViewId: string;
}

/**
 * Catching up more changed bars than this after the tab was hidden is slower than one reset:
 * lightweight-charts' `update` costs a few microseconds per bar and series, `setData` one pass.
 */
export const MAX_CATCH_UP_BARS = 2000;

/**
 * The main chart's view id: the text views ride its draws (RenderViewSpec.rides), and a
 * misspelt id there would quietly stop them waiting.
 */
const MAIN_CHART_VIEW = 'chart';

/**
 * Text panels (status, prices, the tab title) render at most every 4th frame, 15 times a second:
 * more is unreadable, and every DOM and title change costs style, layout, paint and commit.
 */
export const TEXT_PANEL_FRAMES = 4;

/**
 * What a view a trader watches closely registers with (the main chart, the tape): the most of the
 * frame, and the freshness floor (DEFAULT_FLOOR_HZ, 8 draws a second while on screen).
 */
export const PRIMARY_VIEW: Partial<ThrottleOptions> = { priority: 'primary' };

/**
 * The grid's other charts draw at most every third frame (20 a second): much of a chart's cost is
 * the browser rasterising its canvases, which no view's own timing sees, and eight more charts
 * painted every frame cost a 3x3 grid its frame rate (every other frame still left long tasks at
 * 5,000 trades a second).
 */
export const GRID_CHART_FRAMES = 3;

/**
 * What the grid's other charts register with: a trader watches the main chart closely and
 * glances at the others, so they step down first (issue 19). Their budgets together are the main
 * chart's share of a frame, however many there are: eight charts each allowed the main chart's
 * three quarters of a frame would take six frames' time, and a 3x3 grid at 5,000 trades a second
 * dropped to 42 fps with no view stepped down. Their floor is half the main chart's: every chart
 * still shows a trade within a quarter of a second.
 */
export const GRID_CHART_VIEW: Partial<ThrottleOptions> = {
	priority: 'secondary',
	budgetShare: PRIORITY_DEFAULTS.primary.budgetShare / (MAX_CHARTS - 1),
	floorHz: DEFAULT_FLOOR_HZ / 2,
	minFrames: GRID_CHART_FRAMES
};

/**
 * The book and tape render at most every other frame (30 a second): a trader reads the tape's
 * newest rows as they land, and its lag from receive to drawn must stay within 100 ms. The tape
 * is watched as closely as the chart: a primary view, with a floor of its own (below).
 */
export const MARKET_PANEL_FRAMES = 2;

/**
 * However the chart is throttled, the tape draws at least 10 times a second while it has news:
 * the worker holds its trades up to 30 ms (TAPE_EVERY_MS), so a trade is on screen within about
 * 130 ms even at the floor, against the primary floor's 8 a second (155 ms).
 */
export const TAPE_FLOOR_HZ = 10;

/**
 * The page's render scheduler with its four views: status, market, the book and tape panels and
 * the main chart. Svelte
 * state is flushed inside each view's render, so its DOM work counts in that view's cost.
 */
export class PageRender {
	readonly #scheduler: RenderScheduler;
	readonly #chart: RenderHandle;
	readonly #panels: RenderHandle;
	readonly #figures: RenderStatusState;
	/** The slow render and the render figures for tests and the bench; null in the production build. */
	readonly seams: RenderSeams | null;

	constructor(
		host: RenderHost,
		/** The page URL's query: the test build reads its render seams from it (RenderSeams). */
		search: string,
		views: PageViews,
		figures: RenderStatusState
	) {
		const seams = TEST_SEAMS
			? new RenderSeams(search, () => this.#scheduler.snapshot().level)
			: null;
		this.seams = seams;
		this.#scheduler = new RenderScheduler({ ...host, mode: seams?.throttle, stats: seams?.stats });
		this.#figures = figures;
		// The feed's counters and state: nobody reads them trade by trade, so they go slower first.
		// Both text views ride the chart's draws: one layout and paint pass for the frame's changes,
		// and the quote's last price changes in the frame the chart's does.
		this.#scheduler.register({
			id: 'status',
			throttle: { priority: 'secondary', minFrames: TEXT_PANEL_FRAMES },
			rides: MAIN_CHART_VIEW,
			render: (frame) => {
				views.status(frame);
				this.#figures.apply(this.#scheduler.snapshot());
				flushSync();
			}
		});
		// Prices and book tops: a trader reads them, so they keep the floor.
		this.#scheduler.register({
			id: 'market',
			throttle: { ...PRIMARY_VIEW, minFrames: TEXT_PANEL_FRAMES },
			rides: MAIN_CHART_VIEW,
			render: (frame) => {
				views.market(frame);
				flushSync();
			}
		});
		const now = host.now ?? epochNow;
		// Off screen (hidden under the chart on a phone, say) it skips its frames and catches up
		// when it shows again: the merged book and tape are bounded, so nothing is lost meanwhile.
		this.#panels = this.#scheduler.register({
			id: 'panels',
			throttle: { ...PRIMARY_VIEW, minFrames: MARKET_PANEL_FRAMES, floorHz: TAPE_FLOOR_HZ },
			render: (frame) => {
				const oldest = views.panels(frame);
				flushSync();
				if (TEST_SEAMS && oldest !== null) this.seams?.stats.tapeDrawn(now() - oldest);
			}
		});
		this.#chart = this.#scheduler.register({
			id: MAIN_CHART_VIEW,
			throttle: { ...PRIMARY_VIEW, ...seams?.chartThrottle },
			accepts: (viewId) => viewId === views.chartViewId,
			barsOnly: true,
			deferredPaint: true,
			measureLag: true,
			maxPendingBars: MAX_CATCH_UP_BARS,
			stale: () => views.chartStale(),
			render: (frame) => {
				if (TEST_SEAMS) this.seams?.slowRender();
				views.chart(frame);
			}
		});
	}

	/**
	 * One more chart of the grid (issue 15), drawing worker view `viewId` (GRID_CHART_VIEW says how
	 * often), skipped while its element is off screen or hidden, like every view.
	 */
	addChart(viewId: string, render: (frame: Frame) => void, stale: () => void): RenderHandle {
		return this.#scheduler.register({
			id: `chart ${viewId}`,
			throttle: { ...GRID_CHART_VIEW, ...this.seams?.chartThrottle },
			accepts: (id) => id === viewId,
			barsOnly: true,
			deferredPaint: true,
			measureLag: true,
			maxPendingBars: MAX_CATCH_UP_BARS,
			stale,
			render
		});
	}

	/** The book and tape's element, followed on and off screen; null when they are not shown. */
	observePanels(element: Element | null): void {
		this.#panels.observe(element);
	}

	push(batch: FeedBatch): void {
		this.#scheduler.push(batch);
	}

	/** The main chart's element, followed on and off screen; null when there is no chart. */
	observeChart(element: Element | null): void {
		this.#chart.observe(element);
	}

	dispose(): void {
		this.#scheduler.dispose();
	}
}
