import type { BarSink } from '../../core/bar-columns';
import type { Interval } from '../../core/interval';
import type { ViewFrame } from './batch-coalescer';

/**
 * Keeps one chart in step with one worker view. After the view is re-pointed (symbol or interval
 * switch, feed restart), deltas still in flight for the old target and deltas before the new reset
 * are ignored: drawing them would mix two series.
 */
export class ViewSync {
	readonly viewId: string;
	#sink: BarSink | null = null;
	#symbol = '';
	#interval: Interval = '1m';
	#awaitingReset = true;

	constructor(viewId: string) {
		this.viewId = viewId;
	}

	get awaitingReset(): boolean {
		return this.#awaitingReset;
	}

	/** The view now follows `symbol`/`interval`: wait for its reset. */
	expect(symbol: string, interval: Interval): void {
		this.#symbol = symbol;
		this.#interval = interval;
		this.#awaitingReset = true;
		this.#sink?.clear();
	}

	/** A chart appeared (or went away); a new chart has nothing drawn, so wait for a reset. */
	attach(sink: BarSink | null): void {
		this.#sink = sink;
		this.#awaitingReset = true;
	}

	/** Applies the frame's update of this view, if any; true when something was drawn. */
	apply(views: readonly ViewFrame[]): boolean {
		const update = views.find((v) => v.viewId === this.viewId);
		if (update === undefined || this.#sink === null) return false;
		if (update.symbol !== this.#symbol || update.interval !== this.#interval) return false;
		if (update.reset) {
			this.#sink.reset(update.bars, update.interval, update.provisional ?? null);
			this.#awaitingReset = false;
			return true;
		}
		if (this.#awaitingReset || update.bars.time.length === 0) return false;
		this.#sink.update(update.bars);
		return true;
	}
}
