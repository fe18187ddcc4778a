import type { Interval } from '../core/interval';
import type { BarColumns } from '../core/bar-columns';
import type { KlineRow } from '../core/kline';

export type { BarColumns, KlineRow };

/**
 * The one API between the feed worker and the UI. The worker exposes a `FeedApi` with comlink;
 * the client wraps it with a type-only import. Everything here is structured-cloneable.
 */

/** Where the feed connects and what it follows. Hosts are settings so any region or a test server works. */
export interface FeedConfig {
	/** WebSocket base, no path: `wss://data-stream.binance.vision`. */
	readonly wsBase: string;
	/** REST base, no path: `https://data-api.binance.vision`. */
	readonly restBase: string;
	/** Lower-case symbols, each matching `^[a-z0-9]{2,20}$`, at least one. */
	readonly symbols: readonly string[];
}

export type FeedState = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'error';

/** Connection health and counters, sent with every batch. */
export interface FeedStatus {
	readonly state: FeedState;
	/** Human words for the state: the last error, the next retry. Empty when all is well. */
	readonly detail: string;
	/** Frames received over the last second. */
	readonly messagesPerSecond: number;
	/** Local receive time minus the event time `E` of the last trade frame, corrected by the server clock offset; null before the first. */
	readonly latencyMs: number | null;
	/** Frames received since start. */
	readonly received: number;
	/** Frames skipped since start, by reason (`malformed-json`, `unknown-stream`, `bad-value`, ...). */
	readonly rejected: Readonly<Record<string, number>>;
	/** Trades dropped as already seen (same or lower id). */
	readonly duplicates: number;
	/** Connection attempts after the first. */
	readonly reconnects: number;
}

/** Top of the order book from `@depth20@100ms`: best bid and ask, decimal strings. */
export interface BookTop {
	readonly symbol: string;
	readonly bestBid: string | null;
	readonly bestAsk: string | null;
	readonly lastUpdateId: number;
}

/** What changed for one watched chart since the previous batch. */
export interface ViewUpdate {
	readonly viewId: string;
	readonly symbol: string;
	readonly interval: Interval;
	/** true: `bars` is the whole history, replace what is drawn. false: `bars` are the changed bars, oldest first, each at or after the last drawn bar's time. */
	readonly reset: boolean;
	readonly bars: BarColumns;
	/** Last trade price as a decimal string, null before the first trade. */
	readonly lastPrice: string | null;
}

/** One worker post: never per trade, at most one per flush cadence. */
export interface FeedBatch {
	/** Increases by 1 per batch. */
	readonly seq: number;
	/** Worker clock when the batch was posted (performance.timeOrigin + now), ms. */
	readonly sentAt: number;
	readonly status: FeedStatus;
	readonly views: readonly ViewUpdate[];
	readonly books: readonly BookTop[];
}

/** The UI side of the stream of batches. Passed to `start` wrapped in comlink's `proxy()`. */
export interface FeedListener {
	batch(batch: FeedBatch): void;
}

export interface FeedApi {
	/** Opens the combined stream for `config.symbols`; a second call restarts with the new config. */
	start(config: FeedConfig, listener: FeedListener): Promise<void>;
	/** Follow one chart; the next batch carries a `reset` update with its full history. */
	watch(viewId: string, symbol: string, interval: Interval): Promise<void>;
	unwatch(viewId: string): Promise<void>;
	/** Every held candle of a symbol and interval, exact, oldest first. */
	klines(symbol: string, interval: Interval): Promise<KlineRow[]>;
	/** Closes the socket and stops posting. */
	stop(): Promise<void>;
}
