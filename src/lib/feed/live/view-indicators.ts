import { IndicatorSet } from '../../core/indicators/indicator-set';
import type { IndicatorSpec } from '../../core/indicators/indicator-spec';
import type { IndicatorUpdate, ViewUpdate } from '../../protocol/feed-api';

/**
 * The indicators each chart asked for, computed beside the bars the chart is sent: a reset
 * recomputes them over the whole history once, a delta moves them on by its changed candles only
 * (core/indicators/indicator-set.ts). The page sets a view's list; the next update of that view is
 * a reset, so a changed list never mixes with values of the old one.
 */
export class ViewIndicators {
	readonly #specs = new Map<string, readonly IndicatorSpec[]>();
	readonly #sets = new Map<string, IndicatorSet>();

	/** Replaces a view's indicators; the caller resends the view. */
	set(viewId: string, specs: readonly IndicatorSpec[]): void {
		if (specs.length === 0) this.#specs.delete(viewId);
		else this.#specs.set(viewId, specs);
		this.#sets.delete(viewId);
	}

	/** The view went away: its state goes, its list stays for when it comes back. */
	drop(viewId: string): void {
		this.#sets.delete(viewId);
	}

	/** The values that go with `update`, or null when its view has no indicators. */
	compute(update: ViewUpdate): IndicatorUpdate | null {
		const specs = this.#specs.get(update.viewId);
		if (specs === undefined) return null;
		let set = this.#sets.get(update.viewId);
		const reset = update.reset || set === undefined;
		if (set === undefined || update.reset) {
			set = new IndicatorSet(specs);
			this.#sets.set(update.viewId, set);
		}
		const series = reset ? set.reset(update.bars) : set.update(update.bars);
		const { viewId, symbol, interval } = update;
		return { viewId, symbol, interval, reset, time: update.bars.time.slice(), series };
	}
}
