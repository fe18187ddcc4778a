import type { BarColumns } from '../../core/bar-columns';
import type { Interval } from '../../core/interval';
import type { IndicatorSpec } from '../../core/indicators/indicator-spec';
import type { IndicatorUpdate, ViewUpdate } from '../../protocol/feed-api';
import { ViewIndicators } from './view-indicators';

/** What a view needs from a symbol's aggregator (`SymbolAggregator` fits). */
export interface BarSource {
	readonly revision: number;
	readonly lastPrice: string | null;
	bars(interval: Interval): BarColumns;
	barsSince(interval: Interval, revision: number): BarColumns;
	/** Open time of the one bar held only in part for now (ViewUpdate.provisional); null: none. */
	provisional?(interval: Interval): number | null;
}

interface View {
	readonly viewId: string;
	readonly symbol: string;
	readonly interval: Interval;
	/** Aggregator revision the UI holds; null until the reset went out. */
	sent: number | null;
}

/**
 * The charts the UI follows and how far each one is: every batch carries, per view, only the
 * bars changed since the revision it last sent, or the whole history once after `watch`.
 */
export class ViewTracker {
	readonly #views = new Map<string, View>();
	readonly #indicators = new ViewIndicators();

	/** A chart's indicators changed: its next update is a reset that carries them all. */
	setIndicators(viewId: string, specs: readonly IndicatorSpec[]): void {
		this.#indicators.set(viewId, specs);
		const view = this.#views.get(viewId);
		if (view !== undefined) view.sent = null;
	}

	watch(viewId: string, symbol: string, interval: Interval): void {
		this.#views.set(viewId, { viewId, symbol, interval, sent: null });
	}

	unwatch(viewId: string): void {
		this.#views.delete(viewId);
		this.#indicators.drop(viewId);
	}

	clear(): void {
		this.#views.clear();
	}

	/** Keeps the views of `symbols` and sends each a fresh reset (its aggregator may be new). */
	restart(symbols: readonly string[]): void {
		for (const [viewId, view] of this.#views) {
			if (symbols.includes(view.symbol)) view.sent = null;
			else this.#views.delete(viewId);
		}
	}

	/** Drops the views of symbols not in `symbols`; the others go on with deltas. */
	retain(symbols: readonly string[]): void {
		for (const [viewId, view] of this.#views) {
			if (!symbols.includes(view.symbol)) this.#views.delete(viewId);
		}
	}

	/** Sends every view of `symbol` (any case) a fresh reset: what it draws changed in the past. */
	resend(symbol: string): void {
		const lower = symbol.toLowerCase();
		for (const view of this.#views.values()) {
			if (view.symbol.toLowerCase() === lower) view.sent = null;
		}
	}

	/** The distinct symbols watched. */
	symbols(): string[] {
		return [...new Set([...this.#views.values()].map((view) => view.symbol))];
	}

	/** The updates due now, and the column buffers to transfer with them. */
	collect(sourceOf: (symbol: string) => BarSource | undefined): {
		views: ViewUpdate[];
		buffers: ArrayBuffer[];
		indicators: IndicatorUpdate[];
	} {
		const views: ViewUpdate[] = [];
		const indicators: IndicatorUpdate[] = [];
		const buffers = new Set<ArrayBuffer>();
		for (const view of this.#views.values()) {
			const source = sourceOf(view.symbol);
			const update = source && due(view, source);
			if (!update) continue;
			views.push(update);
			const values = this.#indicators.compute(update);
			if (values !== null) {
				indicators.push(values);
				for (const { lines } of values.series) {
					for (const { buffer } of lines) if (buffer instanceof ArrayBuffer) buffers.add(buffer);
				}
			}
			for (const column of columnsOf(update.bars)) {
				if (column.buffer instanceof ArrayBuffer) buffers.add(column.buffer);
			}
		}
		return { views, buffers: [...buffers], indicators };
	}
}

function due(view: View, source: BarSource): ViewUpdate | null {
	const revision = source.revision;
	const sent = view.sent;
	if (sent === revision) return null;
	const reset = sent === null;
	const bars = reset ? source.bars(view.interval) : source.barsSince(view.interval, sent);
	view.sent = revision;
	if (!reset && bars.time.length === 0) return null;
	const { viewId, symbol, interval } = view;
	const update = { viewId, symbol, interval, reset, bars, lastPrice: source.lastPrice };
	const provisional = reset ? (source.provisional?.(interval) ?? null) : null;
	return provisional === null ? update : { ...update, provisional };
}

function columnsOf(bars: BarColumns): Float64Array[] {
	const { time, open, high, low, close, volume, buyVolume, count } = bars;
	return [time, open, high, low, close, volume, buyVolume, count];
}
