import { isFixedInterval, isInterval, type Interval } from '../core/interval';
import type { SymbolAggregator } from '../core/aggregator';
import { isValidSymbol } from '../core/symbol';
import type { SymbolInfo } from '../core/symbol-info';
import { combinedStreamUrl } from '../binance/streams';
import type {
	CacheStats,
	FeedApi,
	FeedConfig,
	FeedListener,
	ImportListener,
	KlineRow,
	ReplayCommand,
	ReplayRequest,
	ReplaySession
} from '../protocol/feed-api';
import {
	clampRetention,
	DEFAULT_RETENTION_MINUTES,
	MAX_RETENTION_MINUTES
} from '../core/retention';
import { cacheSessionSymbol, cacheStats, exportCachedTicks } from './cache/cache-api';
import { cacheKey, cacheNamespace } from './cache/cache-keys';
import { RestorePrefetch } from './cache/restore-prefetch';
import type { FeedHint } from '../protocol/feed-hint';
import { FeedRun, type FeedDeps, type RunContext } from './live/feed-run';
import { replayDeskFor, type ReplayDesk } from './replay/replay-desk';
import { TickCache } from './cache/tick-cache';
import { CandleCache } from './cache/candle-cache';
import { SymbolInfoCache } from './market/symbol-info-cache';
import { klinesToCsv } from './cache/tick-export';
import { ViewTracker } from './live/views';
import { PaperDesk } from './paper/paper-desk';
import { openPaperStore } from '../storage/idb-paper-store';
import { MemoryPaperStore, PAPER_DB_NAME } from '../storage/paper-store';
import type {
	PaperFill,
	PaperOpenRequest,
	PaperOrderRequest,
	PaperSessionSummary,
	PaperView
} from '../protocol/paper-api';
import { parseSpecs, type IndicatorSpec } from '../core/indicators/indicator-spec';
import { AlertEngine } from '../core/alerts/alert-engine';
import { indicatorCsv } from '../core/indicators/indicator-csv';
import { parseAlerts, type AlertSpec } from '../core/alerts/alert-spec';

export type { PostBatch } from './live/batch-post';
export type { FeedDeps, StorageLike } from './live/feed-run';

/**
 * The feed worker's API: one combined Binance stream, exact candles per symbol, batched changes
 * to the UI. Runs anywhere its `FeedDeps` can be given; the worker entry only wires the real ones.
 */
export class FeedService implements FeedApi {
	readonly #views = new ViewTracker();
	/** The user's alerts, evaluated on every live trade of every run. */
	readonly #alerts = new AlertEngine();
	/** The tick cache lives as long as the worker: it holds the origin's writer lock. */
	readonly #cache: TickCache;
	/** The exchange's candles, kept with the ticks (its writer tab writes them too). */
	readonly #candles: CandleCache;
	/** exchangeInfo verdicts per host, refreshed once a day; later also for search and formatting. */
	readonly #symbols: SymbolInfoCache;
	/** Sessions, imports and the running replay; while one runs, `#run` goes on behind it, detached. */
	readonly #replays: ReplayDesk;
	/** Paper trading: outlives runs and replays, like the caches. */
	readonly #paper: PaperDesk;
	#run: FeedRun | null = null;
	/** The newest cached ticks read as the worker started (warmUp), for the first restore. */
	#prefetch: RestorePrefetch | null = null;
	#listener: FeedListener | null = null;
	/** The symbol whose book and tape go out; kept across restarts. */
	#focus: string | null = null;
	#seq = 0;
	#faulted = false;
	readonly #deps: FeedDeps;

	constructor(deps: FeedDeps) {
		this.#deps = deps;
		const { indexedDB, locks, now, timers, log } = deps;
		this.#cache = new TickCache({ indexedDB, locks, now, timers, log, tuning: deps.cache });
		const name = deps.cache?.name;
		this.#candles = new CandleCache({ indexedDB, name, ticks: this.#cache, log });
		this.#symbols = new SymbolInfoCache({ indexedDB, name, now, log });
		this.#replays = replayDeskFor(deps, this.#cache, () => this.#run?.config.wsBase);
		this.#paper = new PaperDesk({
			openStore: () =>
				indexedDB
					? openPaperStore({ factory: indexedDB, name: name ? `${name}-paper` : PAPER_DB_NAME })
					: Promise.reject(new Error('this browser gives the page no IndexedDB')),
			memoryStore: () => new MemoryPaperStore(),
			now,
			log,
			symbolInfo: async (symbol) => {
				const wsBase = this.#run?.config.wsBase;
				return wsBase === undefined
					? undefined
					: this.#symbols.symbolInfo(cacheNamespace(wsBase), symbol);
			}
		});
	}

	/**
	 * Opens the tick cache ahead of the first `start` (the worker entry calls it as the worker
	 * starts), so a restore need not wait for it. Opened under the longest retention, since the
	 * configured one is not known yet: what opening prunes must not be what the user keeps. The
	 * configured retention applies from `start` on. With the page's `hint` (protocol/feed-hint.ts),
	 * the newest cached ticks of its symbols are read too, for the first restore.
	 */
	warmUp(hint: FeedHint | null = null): void {
		if (this.#run !== null) return;
		this.#cache.setRetention(MAX_RETENTION_MINUTES);
		void this.#cache.open();
		if (hint !== null) this.#prefetch = new RestorePrefetch(this.#cache, restoreKeys(hint));
	}

	start(config: FeedConfig, listener: FeedListener): Promise<void> {
		return settle(() => {
			const checked = checkConfig(config);
			const previous = this.#run;
			previous?.stop();
			this.#replays.end();
			// Same host and source: same trade ids, so history carries over. Another host (or
			// the simulated market) numbers trades its own way.
			const same =
				previous?.config.wsBase === checked.wsBase &&
				(previous.config.source ?? 'binance') === (checked.source ?? 'binance');
			const keep: ReadonlyMap<string, SymbolAggregator> | undefined = same
				? previous.ingest.aggregators
				: undefined;
			this.#views.restart(checked.symbols);
			this.#cache.setRetention(checked.retentionMinutes ?? DEFAULT_RETENTION_MINUTES);
			void this.#cache.open();
			this.#cache.resume();
			this.#listener = listener;
			this.#paper.replayEnded();
			void this.#paper
				.load()
				.then(() => this.#run?.followQuotes(this.#paper.quotedSymbol))
				.catch((error: unknown) => this.#fault('loading paper sessions', error));
			this.#run = new FeedRun(checked, listener, this.#context(), keep);
			// The read-ahead is for the first run only; what it did not take goes with it.
			this.#prefetch = null;
			if (this.#focus !== null) this.#run.focus(this.#focus);
			this.#run.start();
		});
	}

	setSymbols(symbols: readonly string[]): Promise<void> {
		return settle(() => {
			const run = this.#running();
			const listener = this.#listener;
			const checked = checkConfig({ ...run.config, symbols });
			if (this.#replays.run || !run.follow(checked.symbols)) {
				// No open socket to change (a replay, the demo market): start over with the symbols.
				if (listener !== null) void this.start(checked, listener);
				return;
			}
			this.#views.retain(checked.symbols);
		});
	}

	focus(symbol: string): Promise<void> {
		return settle(() => {
			if (!isValidSymbol(symbol)) throw new RangeError(`not a Binance symbol: "${symbol}"`);
			this.#focus = symbol;
			this.#run?.focus(symbol);
		});
	}

	async tradingSymbols(): Promise<SymbolInfo[]> {
		return this.#running().tradingSymbols();
	}

	watch(viewId: string, symbol: string, interval: Interval): Promise<void> {
		return settle(() => {
			const run = this.#running();
			const aggregator = this.#aggregator(run, symbol, interval);
			this.#views.watch(viewId, symbol, interval);
			if (!this.#replays.run) run.history.watch(aggregator, interval);
			(this.#replays.run ?? run).flushNow();
		});
	}

	unwatch(viewId: string): Promise<void> {
		return settle(() => this.#views.unwatch(viewId));
	}

	klines(symbol: string, interval: Interval): Promise<KlineRow[]> {
		return settle(() => this.#klines(symbol, interval));
	}

	async loadOlder(symbol: string, interval: Interval, oldestShownMs: number): Promise<boolean> {
		const run = this.#running();
		const aggregator = this.#aggregator(run, symbol, interval);
		if (this.#replays.run) return false;
		return run.history.older(aggregator, interval, oldestShownMs);
	}

	async cacheStats(): Promise<CacheStats> {
		const config = this.#run?.config;
		const namespace = config ? cacheNamespace(config.wsBase) : '';
		const storage = this.#deps.storage ?? null;
		return cacheStats(this.#cache, storage, namespace, config?.symbols ?? []);
	}

	async exportTicks(sessionId: string, fromMs: number, toMs: number): Promise<string> {
		if (sessionId.startsWith('import:')) {
			return this.#replays.sessions.exportTicks(sessionId, fromMs, toMs);
		}
		const symbol = cacheSessionSymbol(sessionId);
		const config = this.#run?.config;
		if (symbol === null) throw new RangeError(`no such replay session: "${sessionId}"`);
		if (!isValidSymbol(symbol)) throw new RangeError(`not a Binance symbol: "${symbol}"`);
		const namespace = config ? cacheNamespace(config.wsBase) : '';
		return exportCachedTicks(this.#cache, namespace, symbol, fromMs, toMs);
	}

	exportKlines(symbol: string, interval: Interval): Promise<string> {
		return settle(() => klinesToCsv(this.#klines(symbol, interval)));
	}

	importFile(
		name: string,
		data: ArrayBuffer,
		listener?: ImportListener,
		symbol?: string
	): Promise<ReplaySession> {
		return this.#replays.importFile(name, data, listener, symbol);
	}

	sessions(): Promise<ReplaySession[]> {
		return this.#replays.list();
	}

	/**
	 * Replays, while the live run goes on behind it: its socket, gap repair and tick cache keep
	 * running, only its batches wait, so the way back to live has no gap to show.
	 */
	async replay(request: ReplayRequest): Promise<void> {
		const live = this.#running();
		const plan = await this.#replays.plan(request);
		// A later replay, a start or a stop while the ticks were read supersedes this request.
		if (plan === null || this.#run !== live || this.#listener === null) return;
		live.detach();
		this.#paper.replayBegan(request.sessionId);
		this.#replays.begin(plan, request.speed, this.#listener, this.#context());
	}

	replayControl(command: ReplayCommand): Promise<void> {
		return settle(() => this.#replays.control(command));
	}

	/** Back to the live run, with every candle it built meanwhile. */
	stopReplay(): Promise<void> {
		return settle(() => {
			const live = this.#run;
			if (!this.#replays.end() || live === null) return;
			this.#paper.replayEnded();
			live.attach();
		});
	}

	paperView(): Promise<PaperView> {
		return this.#paper.load().then(() => this.#paper.view());
	}

	paperOpen(request: PaperOpenRequest): Promise<PaperView> {
		if (!isValidSymbol(request.symbol)) {
			return Promise.reject(new RangeError(`not a Binance symbol: "${request.symbol}"`));
		}
		return this.#paper.open(request).finally(() => {
			this.#run?.followQuotes(this.#paper.quotedSymbol);
			this.#flushNow();
		});
	}

	paperOrder(request: PaperOrderRequest): Promise<PaperFill | null> {
		return this.#paper.order(request).finally(() => this.#flushNow());
	}

	paperCancel(orderId: number): Promise<void> {
		return this.#paper.cancel(orderId).finally(() => this.#flushNow());
	}

	paperProtect(stopLoss: string | null, takeProfit: string | null): Promise<void> {
		return this.#paper.protect(stopLoss, takeProfit).finally(() => this.#flushNow());
	}

	paperSessions(): Promise<PaperSessionSummary[]> {
		return this.#paper.sessions();
	}

	paperExport(sessionId: string): Promise<string> {
		return this.#paper.exportCsv(sessionId);
	}

	setIndicators(viewId: string, specs: readonly IndicatorSpec[]): Promise<void> {
		return settle(() => {
			const parsed = parseSpecs(specs);
			if ('error' in parsed) throw new RangeError(parsed.error);
			this.#views.setIndicators(viewId, parsed.specs);
			(this.#replays.run ?? this.#run)?.flushNow();
		});
	}

	exportIndicatorCsv(
		symbol: string,
		interval: Interval,
		specs: readonly IndicatorSpec[]
	): Promise<string> {
		return settle(() => {
			const parsed = parseSpecs(specs);
			if ('error' in parsed) throw new RangeError(parsed.error);
			return indicatorCsv(this.#klines(symbol, interval), parsed.specs);
		});
	}

	setAlerts(alerts: readonly AlertSpec[]): Promise<void> {
		return settle(() => {
			const parsed = parseAlerts(alerts);
			if ('error' in parsed) throw new RangeError(parsed.error);
			this.#alerts.set(parsed.alerts);
		});
	}

	stop(): Promise<void> {
		return settle(() => {
			this.#paper.replayEnded();
			this.#replays.end();
			this.#run?.stop();
			this.#run = null;
			this.#views.clear();
			this.#cache.pause();
		});
	}

	/** The exchange's history then the feed's candles; a replay's own candles while it runs. */
	#klines(symbol: string, interval: Interval): KlineRow[] {
		const run = this.#running();
		const aggregator = this.#aggregator(run, symbol, interval);
		if (this.#replays.run) {
			if (!isFixedInterval(interval)) {
				throw new RangeError(`no ${interval} candles in a replay: it has no exchange boundaries`);
			}
			return aggregator.klines(interval);
		}
		return run.history.klines(aggregator, interval);
	}

	/** Sends the news at once: the page shows an order's effect without waiting for the cadence. */
	#flushNow(): void {
		(this.#replays.run ?? this.#run)?.flushNow();
	}

	#running(): FeedRun {
		if (!this.#run) throw new Error('The feed is not started: call start(config, listener) first');
		return this.#run;
	}

	#aggregator(run: FeedRun, symbol: string, interval: string): SymbolAggregator {
		if (!isInterval(interval)) throw new RangeError(`not a candle interval: "${interval}"`);
		const replay = this.#replays.run;
		if (replay && isValidSymbol(symbol)) return replay.aggregator(symbol);
		const aggregator = isValidSymbol(symbol) ? run.ingest.aggregator(symbol) : undefined;
		if (!aggregator) {
			const symbols = run.config.symbols.join(', ');
			throw new RangeError(`"${symbol}" is not one of the feed's symbols (${symbols})`);
		}
		return aggregator;
	}

	#context(): RunContext {
		return {
			deps: this.#deps,
			views: this.#views,
			cache: this.#cache,
			candles: this.#candles,
			symbols: this.#symbols,
			paper: this.#paper,
			alerts: this.#alerts,
			prefetch: this.#prefetch ?? undefined,
			nextSeq: () => ++this.#seq,
			fault: (where, error) => this.#fault(where, error)
		};
	}

	#fault(where: string, error: unknown): void {
		if (this.#faulted) return;
		this.#faulted = true;
		(this.#deps.log ?? console.error)(`Feed: unexpected error while ${where} (logged once)`, error);
	}
}

/** Runs `body` and turns a throw into a rejection, as a remote caller would see it. */
function settle<T>(body: () => T): Promise<T> {
	return new Promise((resolve) => resolve(body()));
}

/** A config with symbols deduplicated and bases without trailing slashes; throws in plain words otherwise. */
function checkConfig(config: FeedConfig): FeedConfig {
	const symbols = [...new Set(config.symbols)];
	const bad = symbols.filter((symbol) => !isValidSymbol(symbol));
	if (symbols.length === 0) throw new RangeError('Choose at least one symbol');
	if (bad.length > 0) {
		throw new RangeError(`Not Binance symbols: ${bad.join(', ')} (expected e.g. btcusdt)`);
	}
	const wsBase = config.wsBase.replace(/\/+$/, '');
	const restBase = config.restBase.replace(/\/+$/, '');
	combinedStreamUrl(wsBase, symbols);
	if (!/^https?:\/\/[^/\s]+$/.test(restBase)) {
		throw new RangeError(
			`not a REST base URL: "${config.restBase}" (expected https://host[:port])`
		);
	}
	const retentionMinutes = clampRetention(config.retentionMinutes ?? DEFAULT_RETENTION_MINUTES);
	return { ...config, wsBase, restBase, symbols, retentionMinutes };
}

/** Store keys of the hinted symbols; none for another source or a hint that is no config. */
function restoreKeys({ wsBase, symbols, source }: FeedHint): string[] {
	if (source !== 'binance') return [];
	try {
		const namespace = cacheNamespace(wsBase);
		return symbols.filter(isValidSymbol).map((symbol) => cacheKey(namespace, symbol));
	} catch {
		// Not a URL: the page's start will say so.
		return [];
	}
}
