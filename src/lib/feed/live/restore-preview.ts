import type { SymbolAggregator } from '../../core/aggregator';
import type { BarColumns } from '../../core/bar-columns';
import { INTERVAL_MS, isFixedInterval, type Interval } from '../../core/interval';
import type { BarSource } from './views';

/**
 * What views draw while a symbol's cache is restored newest first: the part restored so far
 * (ticks from `fromMs` on). While older parts are still to come, the bucket the part begins in
 * is held only in part when it opens before `fromMs` (an interval longer than the whole minutes
 * the restore cuts at): that candle is provisional until the older part arrives.
 */
export class RestorePreview implements BarSource {
	readonly #restored: SymbolAggregator;
	readonly #fromMs: number;
	readonly #more: boolean;

	constructor(restored: SymbolAggregator, fromMs: number, more: boolean) {
		this.#restored = restored;
		this.#fromMs = fromMs;
		this.#more = more;
	}

	get revision(): number {
		return this.#restored.revision;
	}

	get lastPrice(): string | null {
		return this.#restored.lastPrice;
	}

	bars(interval: Interval): BarColumns {
		return this.#restored.bars(interval);
	}

	barsSince(interval: Interval, revision: number): BarColumns {
		return this.#restored.barsSince(interval, revision);
	}

	provisional(interval: Interval): number | null {
		const first = this.#restored.firstTrade;
		// The tick chart has no buckets; 3d, 1w and 1M come from the exchange's klines whole.
		if (!this.#more || first === null || !isFixedInterval(interval)) return null;
		const bucket = first.second - (first.second % INTERVAL_MS[interval]);
		return bucket < this.#fromMs ? bucket : null;
	}
}
