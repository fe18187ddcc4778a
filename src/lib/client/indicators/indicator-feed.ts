import type { Interval } from '../../core/interval';
import type { IndicatorSeries } from '../../core/indicators/indicator-set';
import type { FeedBatch, IndicatorUpdate } from '../../protocol/feed-api';

/** Where one chart's indicator values are drawn (chart/indicator-layer.ts fits). */
export interface IndicatorSink {
	reset(time: Float64Array, series: readonly IndicatorSeries[]): void;
	update(time: Float64Array, series: readonly IndicatorSeries[]): void;
}

/**
 * One chart's indicator values between the worker's batches and the chart's frames. Values wait
 * here, merged per candle time (the newest wins, as with the bars), until the chart draws its bars;
 * values for another symbol or interval than the chart now follows are dropped, and after a
 * re-point nothing is drawn before the next reset.
 */
export class IndicatorFeed {
	readonly #viewId: string;
	#symbol = '';
	#interval: Interval = '1m';
	#reset: IndicatorUpdate | null = null;
	/** Changed candles after the reset (or the last draw), by time: values per series and line. */
	#pending = new Map<number, number[][]>();
	#ids: string[] = [];
	#awaitingReset = true;

	constructor(viewId: string) {
		this.#viewId = viewId;
	}

	/** The chart now follows `symbol`/`interval` or its indicators changed: wait for a reset. */
	expect(symbol: string, interval: Interval): void {
		this.#symbol = symbol;
		this.#interval = interval;
		this.#awaitingReset = true;
		this.#reset = null;
		this.#pending.clear();
	}

	receive(batch: FeedBatch): void {
		for (const update of batch.indicators ?? []) {
			if (update.viewId !== this.#viewId) continue;
			if (update.symbol !== this.#symbol || update.interval !== this.#interval) continue;
			if (update.reset) {
				this.#reset = update;
				this.#pending.clear();
				this.#awaitingReset = false;
				this.#ids = update.series.map((s) => s.id);
			} else if (!this.#awaitingReset) this.#merge(update);
		}
	}

	/** Draws what waits; true when anything was drawn. */
	draw(sink: IndicatorSink | null): boolean {
		if (sink === null) return false;
		const reset = this.#reset;
		this.#reset = null;
		if (reset !== null) sink.reset(reset.time, reset.series);
		if (this.#pending.size === 0) return reset !== null;
		const times = Float64Array.from(this.#pending.keys());
		const rows = [...this.#pending.values()];
		const series = this.#ids.map((id, s) => ({
			id,
			lines: (rows[0]?.[s] ?? []).map((_, k) =>
				Float64Array.from(rows, (row) => row[s]?.[k] ?? NaN)
			)
		}));
		this.#pending.clear();
		sink.update(times, series);
		return true;
	}

	#merge(update: IndicatorUpdate): void {
		const first = update.time[0];
		if (first === undefined) return;
		// A delta starts at or after the previous one's last candle: newer values replace older.
		for (const time of this.#pending.keys()) if (time >= first) this.#pending.delete(time);
		update.time.forEach((time, i) => {
			this.#pending.set(
				time,
				update.series.map((s) => s.lines.map((line) => line[i] ?? NaN))
			);
		});
	}
}
