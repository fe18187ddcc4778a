import type { Interval } from '../core/interval';
import type { KlineRow } from '../core/kline';

/** Candles kept per (store key, interval) at most: the newest ones. 5,000 rows are about 1 MB. */
export const STORED_CANDLES = 5000;

/** Primary key of a stored candle series: the tick cache's store key (feed/cache/cache-keys.ts), interval. */
export type CandleSeriesKey = [key: string, interval: Interval];

/**
 * Closed exchange candles (REST klines, or rolled up from them) kept so a later run, offline too,
 * opens with the history the last one showed. One series per store key and interval, replaced
 * whole by each write. Methods reject once the store is closed.
 */
export interface CandleStore {
	/** The stored rows of `key` at `interval`, oldest first; empty when none. */
	load(key: string, interval: Interval): Promise<KlineRow[]>;
	/**
	 * Replaces the series of `key` at `interval` with the newest STORED_CANDLES of `rows` (oldest
	 * first, one per open time).
	 */
	save(key: string, interval: Interval, rows: readonly KlineRow[]): Promise<void>;
	close(): void;
}

/** The newest STORED_CANDLES of `rows`. */
export const newestStored = (rows: readonly KlineRow[]): KlineRow[] => rows.slice(-STORED_CANDLES);
