import type { Arrivals } from '../core/arrivals';
import type { Interval } from '../core/interval';
import type { BarColumns } from '../core/bar-columns';
import type { KlineRow } from '../core/kline';
import type {
	PaperFill,
	PaperOpenRequest,
	PaperOrderRequest,
	PaperSessionSummary,
	PaperView
} from './paper-api';
import type { DataQuality } from './data-quality';
import type { SymbolInfo } from '../core/symbol-info';
import type { FlowNews, QuoteFlow, SymbolFlow } from '../core/quote-flow';
import type { MiniTicker } from '../core/ticker';
import type { TapeTrade } from '../core/trade-tape';
import type { IndicatorSpec } from '../core/indicators/indicator-spec';
import type { AlertFired, AlertSpec } from '../core/alerts/alert-spec';
import type { IndicatorSeries } from '../core/indicators/indicator-set';

export type {
	AlertFired,
	AlertSpec,
	Arrivals,
	BarColumns,
	DataQuality,
	FlowNews,
	IndicatorSeries,
	IndicatorSpec,
	KlineRow,
	MiniTicker,
	QuoteFlow,
	SymbolFlow,
	SymbolInfo,
	TapeTrade
};

/**
 * The one API between the feed worker and the UI. The worker exposes a `FeedApi` with comlink;
 * the client wraps it with a type-only import. Everything here is structured-cloneable, except
 * what the client (client/feed-client.ts) marshals by one rule: an `ArrayBuffer` argument is
 * transferred (detached on the page), an argument object with methods (a listener) is proxied.
 */

/** Where the feed connects and what it follows. Hosts are settings so any region or a test server works. */
export interface FeedConfig {
	/** WebSocket base, no path: `wss://data-stream.binance.vision`. */
	readonly wsBase: string;
	/** REST base, no path: `https://data-api.binance.vision`. */
	readonly restBase: string;
	/** Lower-case symbols, each matching `SYMBOL_PATTERN` (core/symbol.ts), at least one. */
	readonly symbols: readonly string[];
	/** `binance` (default) streams from `wsBase`; `demo` is the seeded simulated market, no network. */
	readonly source?: FeedSource;
	/** Minutes of raw ticks kept in the cache, clamped by `clampRetention` (core/retention.ts); default `DEFAULT_RETENTION_MINUTES`. */
	readonly retentionMinutes?: number;
}

export type FeedSource = 'binance' | 'demo';

export type FeedState = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'error' | 'replay';

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
	/** What feeds the candles now: Binance, the simulated demo market, or a replay. */
	readonly source: FeedSource | 'replay';
	/** Where ticks are cached; absent until the cache opened. */
	readonly cache?: CacheStatus;
	/** Set while `state` is `replay`. */
	readonly replay?: ReplayStatus;
	/** Batches merged into a later one because the UI had not taken the previous one yet (backpressure). */
	readonly coalesced?: number;
	/** Why the exchange's candle history could not be loaded, naming the symbol; empty or absent when it could. */
	readonly history?: string;
	/** Configured symbols the exchange does not trade (unknown, or not in TRADING status), with why. */
	readonly refused?: readonly RefusedSymbol[];
	/** Gaps, repairs, drops and latency, for the data-quality panel; absent for replays and demo. */
	readonly quality?: DataQuality;
}

/** A configured symbol the exchange will not trade, in words that name it. */
export interface RefusedSymbol {
	/** Lower case, as configured. */
	readonly symbol: string;
	readonly reason: string;
}

/** The tick cache's mode and what the user must know about it. */
export interface CacheStatus {
	/** `indexeddb`: ticks survive reloads. `memory`: no IndexedDB here (private window), ticks live only in this tab. `reader`: another tab writes the cache, this one only reads. */
	readonly mode: 'indexeddb' | 'memory' | 'reader';
	readonly retentionMinutes: number;
	/** Words for the user when something degraded (memory mode, quota shrank retention); empty otherwise. */
	readonly notice: string;
}

export type ReplaySpeed = 1 | 10 | 100 | 'max';

export interface ReplayStatus {
	readonly sessionId: string;
	readonly symbol: string;
	readonly fromMs: number;
	readonly toMs: number;
	/** Trade time reached, ms. */
	readonly positionMs: number;
	readonly playing: boolean;
	readonly speed: ReplaySpeed;
	/** True once the last tick of the range has been played. */
	readonly ended: boolean;
}

/** Ticks available for replay: the live cache of a symbol, or an imported file. */
export interface ReplaySession {
	/** `cache:<symbol>` for cached ticks, `import:<n>` for an import. */
	readonly id: string;
	readonly kind: 'cache' | 'import';
	/** For imports, the file name. */
	readonly label: string;
	readonly symbol: string;
	readonly ticks: number;
	readonly fromMs: number;
	readonly toMs: number;
}

export interface ReplayRequest {
	readonly sessionId: string;
	readonly fromMs: number;
	readonly toMs: number;
	readonly speed: ReplaySpeed;
}

/** Play, pause, change speed or seek (trade time, ms) during a replay; absent fields stay. */
export interface ReplayCommand {
	readonly playing?: boolean;
	readonly speed?: ReplaySpeed;
	readonly seekMs?: number;
}

/** Per symbol figures of the tick cache, plus the origin's storage estimate. */
export interface CacheStats {
	readonly mode: CacheStatus['mode'];
	readonly retentionMinutes: number;
	readonly symbols: readonly {
		readonly symbol: string;
		readonly ticks: number;
		readonly fromMs: number | null;
		readonly toMs: number | null;
		readonly bytes: number;
	}[];
	/** `navigator.storage.estimate()`, null where unavailable. */
	readonly usageBytes: number | null;
	readonly quotaBytes: number | null;
	/** Whether `navigator.storage.persist()` was granted. */
	readonly persisted: boolean | null;
}

export interface ImportProgress {
	readonly bytesDone: number;
	readonly bytesTotal: number;
	readonly ticks: number;
}

/** The UI side of an import: progress as the file is read. Passed wrapped in comlink's `proxy()`. */
export interface ImportListener {
	progress(progress: ImportProgress): void;
}

/** Top of the order book from `@depth20@100ms`: best bid and ask, decimal strings. */
export interface BookTop {
	readonly symbol: string;
	readonly bestBid: string | null;
	readonly bestAsk: string | null;
	readonly lastUpdateId: number;
}

/** The focused symbol's top-20 book from `@depth20@100ms`, best levels first, decimal strings. */
export interface DepthView {
	/** Lower case, as configured. */
	readonly symbol: string;
	readonly lastUpdateId: number;
	readonly bids: readonly (readonly [price: string, qty: string])[];
	readonly asks: readonly (readonly [price: string, qty: string])[];
	/** Worker clock (as `FeedBatch.sentAt`) when this book arrived, ms: a book older than 1 s is stale. */
	readonly receivedAt: number;
}

/** The focused symbol's newest trades since the previous batch. */
export interface TapeNews {
	/** Lower case, as configured. */
	readonly symbol: string;
	/** true: `trades` is the whole tape (a new focus), replace what is shown. */
	readonly reset: boolean;
	/** Newest first, at most `TAPE_ROWS` (core/trade-tape.ts): older ones could not be read anyway. */
	readonly trades: readonly TapeTrade[];
	/** Worker clock when the oldest of `trades` arrived, ms; null without trades. */
	readonly oldestReceivedAt: number | null;
	/** Median trade size (base asset) of the last minute of trade time; null before any trade. */
	readonly medianQty: number | null;
}

/** Book, tape, 24 h tickers and symbol descriptions: each present only when it changed. */
export interface MarketNews {
	readonly depth?: DepthView;
	readonly tape?: TapeNews;
	/** Newest `@miniTicker` of each symbol that sent one since the previous batch. */
	readonly tickers?: readonly MiniTicker[];
	/** The exchange's description (tickSize, stepSize, assets) of followed symbols, once known. */
	readonly infos?: readonly SymbolInfo[];
	/** Buy and sell quote volume of every followed symbol over 1, 5 and 15 minutes, once a second. */
	readonly flows?: FlowNews;
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
	/**
	 * Resets only, while the cache is restored newest first: open time (ms) of the oldest bar,
	 * whose bucket began before the part restored so far, so it holds only some of its trades.
	 * Draw it as provisional; a later reset brings it complete. Absent: every bar is complete.
	 */
	readonly provisional?: number;
}

/** A chart's indicator values for the bars of its `ViewUpdate` in the same batch. */
export interface IndicatorUpdate {
	readonly viewId: string;
	readonly symbol: string;
	readonly interval: Interval;
	/** true: values of the whole history; false: of the changed bars, as `ViewUpdate.reset`. */
	readonly reset: boolean;
	/** Open times (ms) of the bars the values belong to. */
	readonly time: Float64Array;
	readonly series: readonly IndicatorSeries[];
}

/** One worker post: never per trade, at most one per flush cadence. */
export interface FeedBatch {
	/** Increases by 1 per batch. */
	readonly seq: number;
	/** Worker clock when the batch was posted (performance.timeOrigin + now), ms. */
	readonly sentAt: number;
	/**
	 * Worker clock (as `sentAt`) when the oldest trade or book change behind this batch arrived, ms;
	 * absent when it carries no news. With `performance.timeOrigin + now()` on the page it gives the
	 * lag from receiving a trade to drawing it.
	 */
	readonly oldestReceivedAt?: number;
	/**
	 * When the trades behind this batch arrived, per ms (the bench's per-trade lag); absent without
	 * trades, and always in the production build (a test seam, core/test-seams.ts).
	 */
	readonly arrivals?: Arrivals;
	readonly status: FeedStatus;
	readonly views: readonly ViewUpdate[];
	readonly books: readonly BookTop[];
	/** The paper-trading desk, when its current session changed (a fill, an order, the mark). */
	readonly paper?: PaperView;
	/** The order book, tape and tickers beside the chart; absent when nothing of it changed. */
	readonly market?: MarketNews;
	/** Indicator values of the views that have indicators; absent when none do. */
	readonly indicators?: readonly IndicatorUpdate[];
	/** Alerts that fired since the previous batch, oldest first; absent when none did. */
	readonly alerts?: readonly AlertFired[];
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
	/** Every held candle of a symbol and interval, exact, oldest first: the exchange's history, then the feed's. */
	klines(symbol: string, interval: Interval): Promise<KlineRow[]>;
	/**
	 * One more page of the exchange's history before the oldest candle held, when the chart has
	 * scrolled to it: `oldestShownMs` is the open time of the oldest candle the chart draws (a
	 * chart still waiting for the history it was sent asks nothing). Views of the symbol then get a
	 * reset. Resolves false when nothing older was loaded.
	 */
	loadOlder(symbol: string, interval: Interval, oldestShownMs: number): Promise<boolean>;
	/** Closes the socket and stops posting. */
	stop(): Promise<void>;
	/**
	 * Follows `symbols` (lower case, at least one) from now on. On the same host and source the
	 * open socket gets SUBSCRIBE/UNSUBSCRIBE (paced, at most 4 control messages a second), no
	 * reconnect; the new symbols' history loads as at a start.
	 */
	setSymbols(symbols: readonly string[]): Promise<void>;
	/** The symbol whose full book and tape go out in batches (the chart's). */
	focus(symbol: string): Promise<void>;
	/**
	 * Every symbol the exchange lists as TRADING, from the exchangeInfo cache (asked again once it
	 * is a day old), sorted by symbol: what symbol search offers.
	 */
	tradingSymbols(): Promise<SymbolInfo[]>;

	/** Tick cache figures for the cache panel. */
	cacheStats(): Promise<CacheStats>;
	/** Cached (or imported, by session) ticks of a range as a Binance aggTrades CSV, no header. */
	exportTicks(sessionId: string, fromMs: number, toMs: number): Promise<string>;
	/** Candles of the chart as Binance kline CSV lines, the CLI's layout. */
	exportKlines(symbol: string, interval: Interval): Promise<string>;
	/**
	 * Imports a Binance public-data aggTrades or trades CSV (plain or .zip) or the app's own tick
	 * export. Rejects with an Error whose message says what is wrong and where (`file:line: ...`);
	 * nothing is stored then. The symbol comes from the file name (`BTCUSDT-aggTrades-2024-08-08.zip`)
	 * unless `symbol` is given.
	 */
	importFile(
		name: string,
		data: ArrayBuffer,
		listener?: ImportListener,
		symbol?: string
	): Promise<ReplaySession>;
	/** Cached symbols and imported files that can be replayed. */
	sessions(): Promise<ReplaySession[]>;
	/** Leaves live (or the previous replay) and replays ticks through the same aggregator; state becomes `replay`. Watched views reset. */
	replay(request: ReplayRequest): Promise<void>;
	/** Play, pause, change speed or seek during a replay. */
	replayControl(command: ReplayCommand): Promise<void>;
	/** Ends the replay and resumes the configured source. */
	stopReplay(): Promise<void>;

	/** The paper desk now: the current session (the replay's during a replay), mode and notice. */
	paperView(): Promise<PaperView>;
	/** Starts a new session of the current mode; the previous one ends and stays in the list. */
	paperOpen(request: PaperOpenRequest): Promise<PaperView>;
	/** Places an order in the current session; resolves to its fill, or null for a resting limit. Rejects with the reason for a refused order. */
	paperOrder(request: PaperOrderRequest): Promise<PaperFill | null>;
	paperCancel(orderId: number): Promise<void>;
	/** Sets (decimal strings) or clears (null) the stop-loss and take-profit of the open position. */
	paperProtect(stopLoss: string | null, takeProfit: string | null): Promise<void>;
	/** Every saved session, newest first. */
	paperSessions(): Promise<PaperSessionSummary[]>;
	/** A session's fills as CSV with a header. */
	paperExport(sessionId: string): Promise<string>;
	/** The indicators a chart draws (empty: none); its next update is a reset carrying them. */
	setIndicators(viewId: string, specs: readonly IndicatorSpec[]): Promise<void>;
	/**
	 * The alerts to evaluate on every live trade (all of them; inactive ones are kept but not
	 * evaluated). Rejects with the first problem, naming the alert, and changes nothing then.
	 */
	setAlerts(alerts: readonly AlertSpec[]): Promise<void>;
	/** The chart's candles with the values of `specs` as CSV (header, one line per candle). */
	exportIndicatorCsv(
		symbol: string,
		interval: Interval,
		specs: readonly IndicatorSpec[]
	): Promise<string>;
}
