import { ArrivalRecorder } from '../../core/arrivals';
import { TEST_SEAMS } from '../../core/test-seams';
import type { SymbolAggregator } from '../../core/aggregator';
import type { Trade } from '../../core/trade';
import { Connection } from '../../binance/connection';
import { BinanceRest } from '../../binance/rest';
import { combinedStreamUrl } from '../../binance/streams';
import type { FeedConfig, FeedListener, FeedStatus } from '../../protocol/feed-api';
import { cacheKey, cacheNamespace } from '../cache/cache-keys';
import { DEMO_SEED, type DemoFeed } from '../demo/demo-feed';
import { demoSource } from '../demo/demo-source';
import { postBatch } from './batch-post';
import { FlushScheduler } from './flush-scheduler';
import { Ingest } from './ingest';
import { firedAlerts } from './alert-news';
import { RestoreJoin, restoreFromCache } from '../cache/restore';
import { StatusCounters } from './status';
import { NO_HISTORY_STORE, type HistoryStore } from '../history/history-store';
import { RunHistory, type HistoryJoin } from '../history/run-history';
import { DemoHistory } from '../demo/demo-history';
import { MarketNotices } from '../market/market-notices';
import { refusedSymbols } from '../market/symbol-check';
import type { RunContext } from './run-context';
import type { BarSource } from './views';

export type { FeedDeps, RunContext, StorageLike } from './run-context';

/** One `start`: its socket, aggregators, counters and flush timers, torn down by `stop`. */
export class FeedRun {
	readonly ingest: Ingest;
	/** The candles before this run's own: the exchange's, or the demo market's simulated past. */
	readonly history: HistoryJoin;
	readonly #counters = new StatusCounters();
	/** The Binance stream, or the simulated market of the demo source. */
	readonly #connection: Connection | DemoFeed;
	readonly #flusher: FlushScheduler;
	readonly #rest: BinanceRest;
	readonly #abort = new AbortController();
	readonly #join = new RestoreJoin();
	/** Store key per upper-case symbol; empty when this run's trades are not cached. */
	readonly #keys: ReadonlyMap<string, string>;
	#offsetMs = 0;
	#stopped = false;
	/** Refused symbols and history failures, for the status. */
	readonly #notices = new MarketNotices();
	/** While the cache restores, batches carry status only: a view's first reset is the history. */
	#restoring = false;
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
		readonly config: FeedConfig,
		listener: FeedListener,
		context: RunContext,
		keep?: ReadonlyMap<string, SymbolAggregator>
	) {
		this.#listener = listener;
		this.#context = context;
		const { deps } = context;
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
				shutdown: () => this.#connection.handover(),
				added: (trade) => this.#added(trade)
			},
			keep
		);
		this.#rest = new BinanceRest({ base: config.restBase, fetch: deps.fetch, now: deps.now });
		const namespace = cacheNamespace(config.wsBase);
		const cached = (config.source ?? 'binance') === 'binance';
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
			this.#connection = demoSource(this.config.symbols, deps, demoHistory, {
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

	start(): void {
		if (this.#keys.size > 0 && this.#context.cache.restorable) {
			this.ingest.hold();
			this.#restoring = true;
			void this.#restore();
		}
		this.#connection.start();
		this.#flusher.start();
		this.#flusher.now();
		if (this.config.source !== 'demo') {
			void this.#measureClockOffset();
			void this.#checkSymbols();
		}
	}

	stop(): void {
		this.#stopped = true;
		this.#abort.abort();
		this.#connection.stop();
		this.#flusher.stop();
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
			this.#offsetMs
		);
		const source = this.config.source ?? 'binance';
		const coalesced = this.#flusher.coalesced;
		const cache = this.#context.cache.status();
		return { ...status, source, cache, coalesced, ...this.#notices.status() };
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
			this.#join.restored(await restoreFromCache(cache, targets, deps.log));
		} finally {
			this.#restoring = false;
			if (!this.#stopped) {
				this.ingest.release();
				// Every watched view gets the restored history whole, as its first reset.
				views.restart(this.config.symbols);
				this.#flusher.now();
				for (const { aggregator } of targets) {
					if (aggregator.firstTrade !== null) this.history.started(aggregator);
				}
			}
		}
	}

	#added(trade: Trade): void {
		this.#context.alerts?.trade(trade);
		this.#join.live(trade);
		// Trades carry the upper-case symbol the aggregators are keyed by: no case folding per trade.
		const aggregator = this.ingest.aggregators.get(trade.symbol);
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
			(symbol) => this.#historyStore(symbol)
		);
	}

	/** The cache's candles of `symbol`, under its store key; none for runs that are not cached. */
	#historyStore(symbol: string): HistoryStore {
		const key = this.#keys.get(symbol);
		return key === undefined ? NO_HISTORY_STORE : this.#context.candles.of(key);
	}

	#historyChanged(symbol: string): void {
		if (this.#stopped) return;
		this.#context.views.resend(symbol);
		this.#flusher.now();
	}

	#binance(news: () => void): Connection {
		const { deps } = this.#context;
		return new Connection(
			{
				url: combinedStreamUrl(this.config.wsBase, this.config.symbols),
				Socket: deps.Socket,
				now: deps.now,
				timers: deps.timers,
				online: deps.online,
				random: deps.random,
				tuning: deps.tuning
			},
			{ frame: (text, at) => this.#frame(text, at), binary: () => this.#binary(), state: news }
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
		if (this.#stopped) return;
		try {
			const oldestReceivedAt = this.#oldestNews ?? undefined;
			this.#oldestNews = null;
			const sourceOf = this.#restoring ? () => undefined : (symbol: string) => this.#source(symbol);
			const news = {
				status: this.status(),
				books: this.ingest.bookTops(this.#context.views.symbols()),
				oldestReceivedAt,
				...firedAlerts(this.#context.alerts)
			};
			// The bench's per-trade receive times: the test build only (core/test-seams.ts).
			const withArrivals = TEST_SEAMS
				? { ...news, arrivals: this.#arrivals?.take() ?? undefined }
				: news;
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

	/** Symbols the exchange does not trade are named in the status, not shown as a quiet market. */
	async #checkSymbols(): Promise<void> {
		try {
			// Verdicts younger than a day come from the cache; the exchange is asked for the rest.
			const known = this.#context.symbols.of(cacheNamespace(this.config.wsBase));
			const { symbols } = this.config;
			const refused = await refusedSymbols(this.#rest, symbols, this.#abort.signal, known);
			if (this.#stopped) return;
			this.#notices.refused(refused);
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
