import type { Interval } from '../../core/interval';
import type { KlineRow } from '../../core/kline';

/**
 * Where one symbol's exchange candles are kept between runs (CandleCache, bound to the symbol's
 * store key, fits). Neither method rejects: a store that fails only means REST has to fill in.
 */
export interface HistoryStore {
	/** The rows kept of `interval`, oldest first; empty when none. */
	load(interval: Interval): Promise<KlineRow[]>;
	/** Keeps `rows` (oldest first, closed candles only) as the series of `interval`. */
	save(interval: Interval, rows: readonly KlineRow[]): Promise<void>;
}

/** Keeps nothing: history comes from REST alone. */
export const NO_HISTORY_STORE: HistoryStore = {
	load: () => Promise.resolve([]),
	save: () => Promise.resolve()
};
