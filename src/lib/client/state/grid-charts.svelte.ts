import type { ChartSpec } from '../../core/grid/grid-layout';
import type { IndicatorSpec } from '../../core/indicators/indicator-spec';
import type { FeedBatch } from '../../protocol/feed-api';
import type { FeedClient } from '../feed-client';
import { IndicatorFeed, type IndicatorSink } from '../indicators/indicator-feed';
import type { BarSink } from '../../core/bar-columns';
import type { Frame } from '../render/batch-coalescer';
import type { PageRender } from '../render/page-render';
import type { RenderHandle } from '../render/render-scheduler';
import { ViewSync } from '../render/view-sync';

/** The worker view of the grid's chart at `index` (1 and up; chart 0 is the main chart's view). */
export const gridView = (index: number): string => `grid:${index}`;

/** A grid chart as this needs it (the main chart's `GridChart` without alerts). */
interface GridChart extends BarSink {
	readonly drawnBars: number;
	readonly element?: Element;
	readonly indicators?: IndicatorSink & { show(specs: readonly IndicatorSpec[]): void };
}

/** One chart of the grid besides the main chart: its worker view, its sync and its render view. */
class GridSlot {
	readonly viewId: string;
	readonly sync: ViewSync;
	readonly indicators: IndicatorFeed;
	chart: GridChart | null = null;
	/** What the worker view follows now; null until watched. */
	watched: ChartSpec | null = null;
	handle: RenderHandle | null = null;

	constructor(index: number) {
		this.viewId = gridView(index);
		this.sync = new ViewSync(this.viewId);
		this.indicators = new IndicatorFeed(this.viewId);
	}
}

export interface GridHost {
	client(): FeedClient | null;
	render(): PageRender | null;
	indicators(viewId: string): readonly IndicatorSpec[];
}

/**
 * The grid's charts after the first (issue 15). Each is a worker view of its own (`grid:N`) and a
 * primary view of the render scheduler that observes its element, so a chart off screen or hidden
 * costs no render. A chart whose symbol or interval changed is re-pointed; one removed is unwatched.
 */
export class GridCharts {
	readonly #host: GridHost;
	/** Slots by grid index; index 0 is never here. */
	// Not reactive state: components read `loading`, never the slots.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	readonly #slots = new Map<number, GridSlot>();
	/** Grid indexes still waiting for their history. */
	loading: readonly number[] = $state.raw([]);

	constructor(host: GridHost) {
		this.#host = host;
	}

	/** Values for the grid charts' indicators, kept until their chart draws. */
	receive(batch: FeedBatch): void {
		for (const slot of this.#slots.values()) slot.indicators.receive(batch);
	}

	/** Watches every chart after the first as `charts` lists them; unwatches the rest. */
	sync(charts: readonly ChartSpec[]): void {
		charts.forEach((chart, index) => {
			if (index === 0) return;
			const slot = this.#slot(index);
			const watched = slot.watched;
			if (watched?.symbol !== chart.symbol || watched.interval !== chart.interval) {
				this.#watch(slot, chart);
			}
		});
		for (const [index, slot] of this.#slots) {
			if (index < charts.length) continue;
			this.#unwatch(slot);
			slot.handle?.unregister();
			this.#slots.delete(index);
			this.#setLoading(index, false);
		}
	}

	/** The feed restarts: every chart's view is dropped now and watched afresh by the next `sync`. */
	forget(): void {
		for (const slot of this.#slots.values()) this.#unwatch(slot);
	}

	/** The render scheduler was replaced (the app reopened): views register again. */
	renderOpened(): void {
		for (const slot of this.#slots.values()) {
			slot.handle = null;
			this.#register(slot);
		}
	}

	/** Chart `index`'s component mounted (or unmounted); a new chart needs its history again. */
	attach(index: number, chart: GridChart | null): void {
		if (index === 0) return;
		const slot = this.#slot(index);
		slot.chart = chart;
		slot.sync.attach(chart);
		chart?.indicators?.show(this.#host.indicators(slot.viewId));
		slot.handle?.observe(chart?.element ?? null);
		if (chart !== null && slot.watched !== null) this.#watch(slot, slot.watched);
	}

	/** Chart `viewId`'s indicators changed: drawn afresh, computed afresh by the worker. */
	indicatorsChanged(viewId: string): void {
		for (const slot of this.#slots.values()) {
			if (slot.viewId !== viewId) continue;
			const specs = this.#host.indicators(viewId);
			slot.chart?.indicators?.show(specs);
			if (slot.watched !== null) {
				slot.indicators.expect(slot.watched.symbol, slot.watched.interval);
			}
			const client = this.#host.client();
			client?.report('Setting indicators', client.api.setIndicators(viewId, specs));
		}
	}

	/** The chart at `index`, for tests and the bench: bars drawn. */
	drawnBars(index: number): number {
		return this.#slots.get(index)?.chart?.drawnBars ?? 0;
	}

	#slot(index: number): GridSlot {
		let slot = this.#slots.get(index);
		if (slot === undefined) {
			slot = new GridSlot(index);
			this.#slots.set(index, slot);
			this.#register(slot);
		}
		return slot;
	}

	#register(slot: GridSlot): void {
		const render = this.#host.render();
		if (render === null || slot.handle !== null) return;
		slot.handle = render.addChart(
			slot.viewId,
			(frame: Frame) => {
				if (slot.sync.apply(frame.views)) {
					this.#setLoading(this.#indexOf(slot), slot.sync.awaitingReset);
				}
				slot.indicators.draw(slot.chart?.indicators ?? null);
			},
			// Too much missed while hidden: a fresh reset beats drawing it bar by bar.
			() => {
				if (slot.watched !== null) this.#watch(slot, slot.watched);
			}
		);
		slot.handle.observe(slot.chart?.element ?? null);
	}

	#watch(slot: GridSlot, chart: ChartSpec): void {
		const client = this.#host.client();
		slot.sync.expect(chart.symbol, chart.interval);
		slot.indicators.expect(chart.symbol, chart.interval);
		this.#setLoading(this.#indexOf(slot), true);
		const wasWatched = slot.watched !== null;
		slot.watched = chart;
		if (client === null) return;
		const specs = this.#host.indicators(slot.viewId);
		if (specs.length > 0) {
			client.report('Setting indicators', client.api.setIndicators(slot.viewId, specs));
		}
		if (wasWatched) client.report('Unwatching', client.api.unwatch(slot.viewId));
		const { symbol, interval } = chart;
		client.report(
			`Watching ${symbol} ${interval}`,
			client.api.watch(slot.viewId, symbol, interval)
		);
	}

	#unwatch(slot: GridSlot): void {
		const client = this.#host.client();
		if (slot.watched !== null) client?.report('Unwatching', client.api.unwatch(slot.viewId));
		slot.watched = null;
	}

	#indexOf(slot: GridSlot): number {
		for (const [index, candidate] of this.#slots) if (candidate === slot) return index;
		return -1;
	}

	#setLoading(index: number, loading: boolean): void {
		const has = this.loading.includes(index);
		if (loading && !has) this.loading = [...this.loading, index];
		else if (!loading && has) this.loading = this.loading.filter((i) => i !== index);
	}
}
