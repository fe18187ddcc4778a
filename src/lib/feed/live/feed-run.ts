import { ArrivalRecorder } from '../../core/arrivals';
import { TimerSlot } from '../../core/timers';
import { TEST_SEAMS } from '../../core/test-seams';
import type { SymbolAggregator } from '../../core/aggregator';
import type { Trade } from '../../core/trade';
import { quoteFlows } from '../../core/quote-flow';
import { Connection, type ConnectionState } from '../../binance/connection';
import { SharedSocket } from './tabs/shared-socket';
import { BinanceRest } from '../../binance/rest';
import { combinedStreamUrl } from '../../binance/streams';
import type { SymbolInfo } from '../../core/symbol-info';
import type { FeedConfig, FeedListener, FeedStatus } from '../../protocol/feed-api';
import { cacheKey, cacheNamespace } from '../cache/cache-keys';
import { DEMO_SEED, type DemoFeed } from '../demo/demo-feed';
import { demoSource } from '../demo/demo-source';
import { postBatch } from './batch-post';
import { FlushScheduler } from './flush-scheduler';
import { Ingest } from './ingest';
import { RestoreJoin, restoreFromCache, type RestoreProgress } from '../cache/restore';
import { RestorePreview } from './restore-preview';
import { firedAlerts } from './alert-news';
import { StatusCounters } from './status';
import { NO_HISTORY_STORE, type HistoryStore } from '../history/history-store';
import { RunHistory, type HistoryJoin } from '../history/run-history';
import { TickPages } from '../cache/tick-pages';
import { DemoHistory } from '../demo/demo-history';
import { MarketNotices } from '../market/market-notices';
import { refusedSymbols } from '../market/symbol-check';
import type { RunContext } from './run-context';
import { WeightBudget } from '../../binance/weight-budget';
import { GapRepair } from './gap-repair';
import { QualityLog } from './quality-log';
import { connectionEvent, dataQuality } from './run-quality';
import type { BarSource } from './views';

export type { FeedDeps, RunContext, StorageLike } from './run-context';

/** One `start`: its socket, aggregators, counters and flush timers, torn down by `stop`. */
export class FeedRun {
	readonly ingest: Ingest;
	/** The candles before this run's own: the exchange's, or the demo market's simulated past. */
	readonly history: HistoryJoin;
	readonly #counters = new StatusCounters();
	/** The Binance stream (shared with the app's other tabs), or the demo source's simulated market. */
	readonly #connection: SharedSocket | DemoFeed;
	readonly #flusher: FlushScheduler;
	readonly #rest: BinanceRest;
	readonly #abort = new AbortController();
	/** A batch for tape trades held back by the tape's pace (market-desk.ts TAPE_EVERY_MS). */
	readonly #tapeLater: TimerSlot;
	readonly #join = new RestoreJoin();
	/** Store key per upper-case symbol; empty when this run's trades are not cached. */
	readonly #keys: Map<string, string>;
	readonly #cached: boolean;
	#config: FeedConfig;
	/** Server clock minus local clock; null until measured. */
	#offsetMs: number | null = null;
	readonly #quality = new QualityLog();
	/** The run's REST weight budget: gap repairs wait on it. */
	readonly #budget = new WeightBudget();
	readonly #repair: GapRepair;
	#stopped = false;
	/** A replay has the views: this run goes on ingesting and caching, and posts nothing. */
	#detached = false;
	/** Whether the run began with a previous run's trades (a restart, the end of a replay). */
	readonly #keptTrades: boolean;
	/** The symbol whose `@bookTicker` is followed, for paper trading; null for none. */
	#quoted: string | null;
	/** Refused symbols and history failures, for the status. */
	readonly #notices = new MarketNotices();
	/** While the cache restores, views draw the part restored so far, newest first (restore.ts). */
	#restoring = false;
	/** The part of each upper-case symbol restored so far, while the restore runs. */
	readonly #previews = new Map<string, RestorePreview>();
	/** Receive time (deps.now) of the oldest news not posted yet: where the page's lag figure starts. */
	#oldestNews: number | null = null;
	/**
	 * Bench seam, the test build only (core/test-seams.ts): receive times of the trades since the
	 * last batch, per ms, for the bench's per-trade lag. Null in the production build.
	 */
	readonly #arrivals = TEST_SEAMS ? new ArrivalRecorder() : null;
	readonly #listener: FeedListener;
	readonly #context: RunContext;

	constructor(
		config: FeedConfig,
		listener: FeedListener,
		context: RunContext,
		keep?: ReadonlyMap<string, SymbolAggregator>
	) {
		this.#config = config;
		this.#listener = listener;
		this.#context = context;
		this.#quoted = context.paper.quotedSymbol;
		this.#keptTrades = [...(keep?.values() ?? [])].some((a) => a.lastTradeId !== null);
		const { deps } = context;
		this.#tapeLater = new TimerSlot(deps.timers);
		this.#flusher = new FlushScheduler(
			deps.timers,
			() => this.#flush(),
			deps.flushMs,
			deps.statusMs
		);
		const news = () => this.#flusher.news();
		this.ingest = new Ingest(
			config.symbols,
			this.#counters,
			{
				changed: news,
				shutdown: () => this.#shutdownNotice(),
				added: (trade) => this.#added(trade),
				book: (book) =>
					context.paper.liveQuote(book.symbol, book.bids[0]?.[0], book.asks[0]?.[0], 'depth'),
				quote: (quote) => context.paper.liveQuote(quote.symbol, quote.bid, quote.ask, 'ticker'),
				gap: (gap, first) => this.#repair.start(gap, first)
			},
			keep
		);
		this.#rest = new BinanceRest({ base: config.restBase, fetch: deps.fetch, now: deps.now });
		this.#repair = new GapRepair({
			ingest: this.ingest,
			log: this.#quality,
			fetch: {
				rest: this.#rest,
				budget: this.#budget,
				timers: deps.timers,
				now: deps.now,
				signal: this.#abort.signal
			},
			now: deps.now,
			news,
			fault: (where, error) => this.#context.fault(where, error),
			retentionMs: () => this.#context.cache.retentionMinutes * 60_000,
			restart: (symbol) => this.#restartSymbol(symbol)
		});
		const namespace = cacheNamespace(config.wsBase);
		const cached = (config.source ?? 'binance') === 'binance';
		this.#cached = cached;
		this.#keys = new Map(
			cached ? config.symbols.map((s) => [s.toUpperCase(), cacheKey(namespace, s)]) : []
		);
		if (config.source === 'demo') {
			const demoHistory = new DemoHistory(
				deps.demoSeed ?? DEMO_SEED,
				deps.now(),
				(symbol) => this.#historyChanged(symbol),
				(symbol) => keep?.get(symbol)?.firstTrade?.second ?? null
			);
			this.history = demoHistory;
			this.#connection = demoSource(this.#config.symbols, deps, demoHistory, {
				aggregator: (symbol) => this.ingest.aggregator(symbol),
				counters: this.#counters,
				news,
				fault: (where, error) => this.#context.fault(where, error)
			});
		} else {
			this.history = this.#exchangeHistory();
			this.#connection = this.#binance(news);
		}
	}

	/** What this run follows: its start's config, with the symbols `follow` changed to. */
	get config(): FeedConfig {
		return this.#config;
	}

	/**
	 * Follows the best bid and ask of `symbol` (paper trading's symbol) as they change, on the open
	 * socket; null stops. A symbol the run does not follow is left out.
	 */
	followQuotes(symbol: string | null): void {
		if (symbol === this.#quoted) return;
		this.#quoted = symbol;
		const connection = this.#connection;
		if (connection instanceof SharedSocket) connection.follow(this.#streamUrl());
	}

	#streamUrl(): string {
		return combinedStreamUrl(this.#config.wsBase, this.#config.symbols, this.#quoted);
	}

	/**
	 * Follows `symbols` on the open socket (SUBSCRIBE/UNSUBSCRIBE, no reconnect). False for the
	 * demo market, which has no socket: the caller restarts it instead.
	 */
	follow(symbols: readonly string[]): boolean {
		const connection = this.#connection;
		if (!(connection instanceof SharedSocket)) return false;
		const before = new Set(this.#config.symbols);
		this.#config = { ...this.#config, symbols };
		this.ingest.follow(symbols);
		const namespace = cacheNamespace(this.#config.wsBase);
		for (const upper of [...this.#keys.keys()]) {
			if (!symbols.some((s) => s.toUpperCase() === upper)) this.#keys.delete(upper);
		}
		if (this.#cached) {
			for (const s of symbols) this.#keys.set(s.toUpperCase(), cacheKey(namespace, s));
		}
		connection.follow(this.#streamUrl());
		const added = symbols.filter((s) => !before.has(s));
		if (added.length > 0) void this.#checkSymbols(added);
		this.#flusher.news();
		return true;
	}

	/** The symbol whose full book and tape go out from now on. */
	focus(symbol: string): void {
		this.ingest.market.focus(symbol);
		this.#flusher.now();
	}

	/** SUBSCRIBE/UNSUBSCRIBE messages this run's connection sent (0 for the demo market). */
	get controlMessages(): number {
		const connection = this.#connection;
		return connection instanceof SharedSocket ? connection.controlMessages : 0;
	}

	/** Every TRADING symbol of this run's exchange, from the cache or its full exchangeInfo. */
	tradingSymbols(): Promise<SymbolInfo[]> {
		if (this.#config.source === 'demo') {
			return Promise.reject(
				new Error('Symbol search needs the exchange: the demo market has its own four symbols')
			);
		}
		const namespace = cacheNamespace(this.#config.wsBase);
		return this.#context.symbols.trading(namespace, () =>
			this.#rest.exchangeInfo([], this.#abort.signal)
		);
	}

	start(): void {
		if (this.#keys.size > 0 && this.#context.cache.restorable) {
			this.ingest.hold();
			this.#restoring = true;
			void this.#restore();
		}
		this.#connection.start();
		this.#flusher.start();
		this.#flusher.now();
		if (this.#config.source !== 'demo') {
			void this.#measureClockOffset();
			void this.#checkSymbols();
		}
	}

	stop(): void {
		this.#stopped = true;
		this.#abort.abort();
		this.#connection.stop();
		this.#flusher.stop();
		this.#tapeLater.clear();
	}

	/**
	 * A replay takes the views: the socket, the ingest, gap repair and the tick cache go on (the
	 * market does not wait for the user), but no batch goes out until `attach`.
	 */
	detach(): void {
		this.#detached = true;
	}

	/** The replay ended: the views draw this run's candles again, whole, from a reset. */
	attach(): void {
		if (!this.#detached) return;
		this.#detached = false;
		if (!this.#restoring) this.#context.views.restart(this.#config.symbols);
		this.#flusher.now();
	}

	/** Posts a batch now (a freshly watched chart should not wait for the cadence). */
	flushNow(): void {
		this.#flusher.now();
	}

	status(): FeedStatus {
		const connection = this.#connection;
		const status = this.#counters.snapshot(
			this.#context.deps.now(),
			{
				state: connection.state,
				detail: connection.detail,
				reconnects: Math.max(0, connection.attempts - 1)
			},
			this.#offsetMs ?? 0
		);
		const source = this.#config.source ?? 'binance';
		const coalesced = this.#flusher.coalesced;
		const cache = this.#context.cache.status();
		const quality = source === 'binance' ? this.#dataQuality() : undefined;
		return { ...status, source, cache, coalesced, ...this.#notices.status(), quality };
	}

	#dataQuality() {
		const connection = this.#connection;
		return dataQuality({
			connection: connection instanceof SharedSocket ? connection.role : 'alone',
			symbols: this.config.symbols,
			log: this.#quality,
			counters: this.#counters,
			ingest: this.ingest,
			budget: this.#budget,
			offsetMs: this.#offsetMs,
			now: this.#context.deps.now()
		});
	}

	/** Binance announced a restart of its server: a new socket takes over before the old one goes. */
	#shutdownNotice(): void {
		const text = 'The server announced a shutdown: opening a new connection before it closes';
		this.#quality.event(this.#context.deps.now(), 'rollover', text);
		this.#connection.handover();
	}

	#connectionState(state: ConnectionState, detail: string, news: () => void): void {
		const event = connectionEvent(state, detail);
		if (event) this.#quality.event(this.#context.deps.now(), event.kind, event.text);
		// A return, and each failure once the connection retries slowly, asks for the trades after
		// the last one held: a gap no later trade shows (a quiet market, a drop before the market's
		// end) is found all the same, and a long wait for the socket need not leave the chart behind.
		const returned = state === 'live' && (this.#connection.attempts > 1 || this.#keptTrades);
		if (returned || state === 'error') this.#repair.tail(this.ingest.aggregators.keys());
		news();
	}

	/** The cached ticks of this run's symbols go into their aggregators before any live trade. */
	async #restore(): Promise<void> {
		const { cache, deps, views } = this.#context;
		const targets = [...this.#keys].flatMap(([symbol, key]) => {
			const aggregator = this.ingest.aggregator(symbol);
			// A kept aggregator (restart on the same host) holds its history already.
			return aggregator?.revision === 0 ? [{ key, aggregator }] : [];
		});
		try {
			const progress: RestoreProgress = (symbol, restored, fromMs, more) =>
				this.#restoredPart(symbol, new RestorePreview(restored, fromMs, more));
			const { prefetch } = this.#context;
			this.#join.restored(await restoreFromCache(cache, targets, deps.log, progress, prefetch));
		} finally {
			this.#restoring = false;
			this.#previews.clear();
			if (!this.#stopped) {
				this.ingest.release();
				// Every watched view gets the restored history whole, as its first reset (a replay
				// holding the views gets it when it ends).
				if (!this.#detached) views.restart(this.#config.symbols);
				this.#flusher.now();
				for (const { aggregator } of targets) {
					if (aggregator.firstTrade !== null) this.history.started(aggregator);
				}
			}
		}
	}

	/** Views of `symbol` draw the part restored so far, at once (newest candles first). */
	#restoredPart(symbol: string, preview: RestorePreview): void {
		if (this.#stopped || this.#detached) return;
		this.#previews.set(symbol, preview);
		this.#context.views.resend(symbol);
		this.#flusher.now();
	}

	#added(trade: Trade): void {
		// Trades carry the upper-case symbol the aggregators are keyed by: no case folding per trade.
		const aggregator = this.ingest.aggregators.get(trade.symbol);
		// The aggregator has just measured this trade: alerts take its figures as numbers.
		this.#context.alerts?.trade(trade, aggregator?.lastPriceValue, aggregator?.lastQtyValue);
		this.#join.live(trade);
		this.#context.paper.liveTrade(trade);
		if (aggregator?.firstTrade?.id === trade.id) this.history.started(aggregator);
		const key = this.#keys.get(trade.symbol);
		if (key !== undefined) this.#context.cache.record(trade, key);
	}

	/** History from the run's REST host; its news resets the symbol's views. */
	#exchangeHistory(): RunHistory {
		return new RunHistory(
			this.#rest,
			this.#abort.signal,
			{
				changed: (symbol) => this.#historyChanged(symbol),
				failed: (symbol, message) => {
					if (this.#notices.historyFailed(symbol, message)) this.#flusher.news();
				}
			},
			(symbol) => this.#historyStore(symbol),
			new TickPages(this.#context.cache, (symbol) => this.#keys.get(symbol))
		);
	}

	/** The cache's candles of `symbol`, under its store key; none for runs that are not cached. */
	#historyStore(symbol: string): HistoryStore {
		const key = this.#keys.get(symbol);
		return key === undefined ? NO_HISTORY_STORE : this.#context.candles.of(key);
	}

	/** A long gap restarts `symbol`'s candles: the exchange's klines stand for all before. */
	#restartSymbol(symbol: string): void {
		const aggregator = this.ingest.aggregator(symbol);
		if (aggregator === undefined) return;
		aggregator.restart();
		if (this.history instanceof RunHistory) this.history.restarted(aggregator);
	}

	#historyChanged(symbol: string): void {
		if (this.#stopped || this.#detached) return;
		this.#context.views.resend(symbol);
		this.#flusher.now();
	}

	#binance(news: () => void): SharedSocket {
		const { deps } = this.#context;
		const random = deps.random ?? Math.random;
		return new SharedSocket(
			{
				url: this.#streamUrl(),
				wsBase: this.#config.wsBase,
				locks: deps.locks ?? null,
				channel: deps.channel ?? null,
				connect: (url, handlers) =>
					new Connection(
						{
							url,
							Socket: deps.Socket,
							now: deps.now,
							timers: deps.timers,
							online: deps.online,
							random: deps.random,
							tuning: deps.tuning
						},
						handlers
					),
				timers: deps.timers,
				now: deps.now,
				tabId: random().toString(36).slice(2)
			},
			{
				frame: (text, at) => this.#frame(text, at),
				binary: () => this.#binary(),
				state: (state, detail) => this.#connectionState(state, detail, news)
			}
		);
	}

	/** Never throws into the socket: an unexpected exception is counted as `internal` and skipped. */
	#frame(text: string, receivedAt: number): boolean {
		this.#counters.frame(receivedAt);
		try {
			const news = this.ingest.frame(text, receivedAt);
			if (news !== null) this.#oldestNews ??= receivedAt;
			if (TEST_SEAMS && news === 'trade') this.#arrivals?.add(receivedAt);
			return news !== null;
		} catch (error) {
			this.#counters.reject('internal');
			this.#context.fault('handling a frame', error);
			return false;
		}
	}

	#binary(): void {
		this.#counters.frame(this.#context.deps.now());
		this.#counters.reject('binary-frame');
	}

	/** Returns the UI's answer to the post: the flush scheduler sends nothing else until it came. */
	#flush(): unknown {
		if (this.#stopped || this.#detached) return;
		try {
			const oldestReceivedAt = this.#oldestNews ?? undefined;
			this.#oldestNews = null;
			const now = this.#context.deps.now();
			const sourceOf = this.#restoring
				? (symbol: string) => this.#previews.get(symbol.toUpperCase())
				: (symbol: string) => this.#source(symbol);
			const news = {
				status: this.status(),
				books: this.ingest.bookTops(this.#context.views.symbols()),
				market: this.ingest.market.news(
					(upper) => this.ingest.book(upper),
					now,
					() => quoteFlows(this.ingest.aggregators.values())
				),
				oldestReceivedAt,
				...firedAlerts(this.#context.alerts)
			};
			// The bench's per-trade receive times: the test build only (core/test-seams.ts).
			const withArrivals = TEST_SEAMS
				? { ...news, arrivals: this.#arrivals?.take() ?? undefined }
				: news;
			// Trades held back for the tape's pace go out with a later batch, even if none follows.
			const tapeDue = this.ingest.market.tapeDueIn(now);
			if (tapeDue !== null) this.#tapeLater.arm(tapeDue, () => this.#flusher.news());
			return postBatch(this.#context, this.#listener, sourceOf, withArrivals);
		} catch (error) {
			this.#counters.reject('internal');
			this.#context.fault('building a batch', error);
		}
	}

	/** What views of `symbol` draw: the exchange's history, then this run's candles. */
	#source(symbol: string): BarSource | undefined {
		const aggregator = this.ingest.aggregator(symbol);
		if (aggregator === undefined) return undefined;
		return this.history.source(aggregator);
	}

	/**
	 * Symbols the exchange does not trade are named in the status, not shown as a quiet market; the
	 * others' descriptions (tickSize, stepSize) go to the page for formatting.
	 */
	async #checkSymbols(symbols: readonly string[] = this.#config.symbols): Promise<void> {
		try {
			// Verdicts younger than a day come from the cache; the exchange is asked for the rest.
			const namespace = cacheNamespace(this.#config.wsBase);
			const known = this.#context.symbols.of(namespace);
			const refused = await refusedSymbols(this.#rest, symbols, this.#abort.signal, known);
			if (this.#stopped) return;
			const following = new Set(this.#config.symbols);
			this.#notices.refused([
				...(this.#notices
					.status()
					.refused?.filter((r) => following.has(r.symbol) && !symbols.includes(r.symbol)) ?? []),
				...refused
			]);
			const infos = await Promise.all(
				symbols.map((s) => this.#context.symbols.symbolInfo(namespace, s))
			);
			if (this.#stopped) return;
			this.ingest.market.describe(infos.filter((info): info is SymbolInfo => info != null));
			this.#flusher.news();
		} catch (error) {
			if (!this.#stopped) this.#context.deps.log?.('Symbols could not be checked', error);
		}
	}

	/** Latency needs the server clock; streaming never waits for it, and without it latency is uncorrected. */
	async #measureClockOffset(): Promise<void> {
		try {
			const { offsetMs } = await this.#rest.time(this.#abort.signal);
			if (!this.#stopped) this.#offsetMs = offsetMs;
		} catch (error) {
			if (!this.#stopped) {
				this.#context.deps.log?.('Server clock unavailable; latency is not corrected', error);
			}
		}
	}
}
