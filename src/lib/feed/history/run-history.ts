import type { SymbolAggregator } from '../../core/aggregator';
import type { BarColumns } from '../../core/bar-columns';
import { candlesToColumns } from '../../core/candle-columns';
import {
	isAnchoredInterval,
	TICK,
	type AnchoredInterval,
	type CandleInterval,
	type FixedInterval,
	type Interval
} from '../../core/interval';
import type { KlineRow } from '../../core/kline';
import { concatBars, type KlineHistory } from '../../core/kline-history';
import { emptyColumns } from '../../core/bar-columns';
import type { AnchoredSeries } from './anchored-history';
import type { TickPages } from '../cache/tick-pages';
import type { BarSource } from '../live/views';
import { SymbolHistory, type HistoryRest } from './history-loader';
import { NO_HISTORY_STORE, type HistoryStore } from './history-store';

export interface RunHistoryEvents {
	/** `symbol`'s history grew or its first bucket was completed: its views need a fresh reset. */
	changed(symbol: string): void;
	/** Loading `symbol`'s history failed; `message` says why in words. */
	failed(symbol: string, message: string): void;
}

/**
 * Where a run's history comes from and how it joins the run's own candles: the exchange's REST
 * klines (RunHistory), or the demo market's simulated past (feed/demo/demo-history.ts).
 */
export interface HistoryJoin {
	/** What a view of `aggregator`'s symbol draws: history, then the aggregator's candles. */
	source(aggregator: SymbolAggregator): BarSource;
	/** Exact rows of history then live candles. */
	klines(aggregator: SymbolAggregator, interval: Interval): KlineRow[];
	/** A chart of `interval` opened. */
	watch(aggregator: SymbolAggregator, interval: Interval): void;
	/** The chart scrolled to its oldest candle. Resolves whether older history came. */
	older(aggregator: SymbolAggregator, interval: Interval, oldestShownMs: number): Promise<boolean>;
	/** The aggregator took its first trade: its first buckets can be completed. */
	started(aggregator: SymbolAggregator): void;
}

/** The history one view may draw before the aggregator's candles, per interval. */
type HistoryOf = (interval: FixedInterval) => KlineHistory | undefined;
/** The 3d, 1w or 1M series of the symbol, once its klines came. */
type AnchoredOf = (interval: AnchoredInterval) => AnchoredSeries | undefined;
/** Trades older than the aggregator's tick tail, read back from the tick cache for the tick chart. */
type OlderTicksOf = () => BarColumns;

/** A symbol's history and what the run's views draw: history, then the aggregator's candles. */
export class JoinedSource implements BarSource {
	readonly #aggregator: SymbolAggregator;
	readonly #history: HistoryOf;
	readonly #anchored: AnchoredOf;
	readonly #olderTicks: OlderTicksOf;

	constructor(
		aggregator: SymbolAggregator,
		history: HistoryOf,
		anchored: AnchoredOf = () => undefined,
		olderTicks: OlderTicksOf = () => emptyColumns(0)
	) {
		this.#aggregator = aggregator;
		this.#history = history;
		this.#anchored = anchored;
		this.#olderTicks = olderTicks;
	}

	get revision(): number {
		return this.#aggregator.revision;
	}

	get lastPrice(): string | null {
		return this.#aggregator.lastPrice;
	}

	bars(interval: Interval): BarColumns {
		if (interval === TICK) return concatBars(this.#olderTicks(), this.#aggregator.bars(TICK));
		if (isAnchoredInterval(interval)) {
			return this.#anchored(interval)?.bars(this.#aggregator) ?? emptyColumns(0);
		}
		const live = this.#aggregator.bars(interval);
		const held = this.#history(interval);
		if (held === undefined) return live;
		return concatBars(held.columnsBefore(live.time[0] ?? Infinity), live);
	}

	/** For 3d, 1w and 1M: the candles from the exchange's open bucket on (a few), rebuilt. */
	barsSince(interval: Interval, revision: number): BarColumns {
		if (!isAnchoredInterval(interval)) return this.#aggregator.barsSince(interval, revision);
		const series = this.#anchored(interval);
		return series === undefined ? emptyColumns(0) : candlesToColumns(series.live(this.#aggregator));
	}

	klines(interval: Interval): KlineRow[] {
		if (interval === TICK) {
			throw new RangeError('the tick chart has no candles: choose a candle interval');
		}
		if (isAnchoredInterval(interval))
			return this.#anchored(interval)?.klines(this.#aggregator) ?? [];
		const live = this.#aggregator.klines(interval);
		const before = this.#history(interval)?.rowsBefore(live[0]?.[0] ?? Infinity) ?? [];
		return [...before, ...live];
	}
}

/** Where an upper-case symbol's exchange candles are kept between runs. */
export type HistoryStoreOf = (symbol: string) => HistoryStore;

/**
 * The exchange's history for one run's symbols, loaded as charts ask for it and joined to the
 * candles the run builds from the stream and the cache (see SymbolHistory): the stored candles
 * first, shown as soon as they are read, then what REST adds.
 */
export class RunHistory implements HistoryJoin {
	readonly #rest: HistoryRest;
	readonly #signal: AbortSignal;
	readonly #events: RunHistoryEvents;
	readonly #symbols = new Map<string, { history: SymbolHistory; source: JoinedSource }>();
	/** Intervals asked for per upper-case symbol: filled up again once the stream begins. */
	readonly #watched = new Map<string, Set<CandleInterval>>();
	readonly #storeOf: HistoryStoreOf;
	/** The tick chart's older trades from the tick cache; null when this run caches none. */
	readonly #ticks: TickPages | null;

	constructor(
		rest: HistoryRest,
		signal: AbortSignal,
		events: RunHistoryEvents,
		storeOf: HistoryStoreOf = () => NO_HISTORY_STORE,
		ticks: TickPages | null = null
	) {
		this.#ticks = ticks;
		this.#rest = rest;
		this.#signal = signal;
		this.#events = events;
		this.#storeOf = storeOf;
	}

	/** What a view of `aggregator`'s symbol draws. */
	source(aggregator: SymbolAggregator): JoinedSource {
		return this.#of(aggregator).source;
	}

	/** Exact rows of history then live candles. */
	klines(aggregator: SymbolAggregator, interval: Interval): KlineRow[] {
		return this.#of(aggregator).source.klines(interval);
	}

	/**
	 * A chart of `interval` opened: its stored history, drawn at once (offline REST fails, and the
	 * chart still has it), then the latest from the exchange, once.
	 */
	watch(aggregator: SymbolAggregator, interval: Interval): void {
		// The tick chart draws the aggregator's trades and the tick cache: no exchange history.
		if (interval === TICK) return;
		const symbol = aggregator.symbol;
		const watched = this.#watched.get(symbol) ?? new Set<CandleInterval>();
		watched.add(interval);
		this.#watched.set(symbol, watched);
		const { history } = this.#of(aggregator);
		this.#run(symbol, async () => {
			if ((await history.restore(interval)) && !this.#signal.aborted) {
				this.#events.changed(symbol);
			}
			// Also a retry of the first bucket if completing it failed before (false when done); its
			// failure was reported where it happened, and the history below is worth having anyway.
			await history.completeFirst().catch(() => false);
			await history.load(interval);
		});
	}

	/** The chart scrolled to its oldest candle: one page older. Resolves whether there was one. */
	async older(
		aggregator: SymbolAggregator,
		interval: Interval,
		oldestShownMs: number
	): Promise<boolean> {
		if (interval === TICK) {
			const more = await this.#ticks?.older(aggregator.symbol, aggregator.oldestTick);
			if (more === true) this.#events.changed(aggregator.symbol);
			return more === true;
		}
		const history = this.#of(aggregator).history;
		const grew = await history.loadOlder(interval, oldestShownMs);
		if (grew) this.#events.changed(aggregator.symbol);
		return grew;
	}

	/** The aggregator took its first trade (live or restored): complete its first buckets, fill up. */
	started(aggregator: SymbolAggregator): void {
		const symbol = aggregator.symbol;
		const { history } = this.#of(aggregator);
		this.#run(symbol, async () => {
			if (!(await history.completeFirst())) return;
			await Promise.all([...(this.#watched.get(symbol) ?? [])].map((i) => history.load(i)));
		});
	}

	/**
	 * `aggregator` restarted past a long gap: the exchange's candles stand for all before its next
	 * first trade, whose buckets are completed again once it comes (`started`).
	 */
	restarted(aggregator: SymbolAggregator): void {
		this.#of(aggregator).history.restarted();
		if (!this.#signal.aborted) this.#events.changed(aggregator.symbol);
	}

	#of(aggregator: SymbolAggregator): { history: SymbolHistory; source: JoinedSource } {
		const known = this.#symbols.get(aggregator.symbol);
		if (known) return known;
		const symbol = aggregator.symbol;
		const store = this.#storeOf(symbol);
		const history = new SymbolHistory(symbol, this.#rest, aggregator, this.#signal, store);
		const entry = {
			history,
			source: new JoinedSource(
				aggregator,
				(interval) => history.history(interval),
				(interval) => history.anchored(interval),
				() => this.#ticks?.columns(symbol, aggregator.oldestTick) ?? emptyColumns(0)
			)
		};
		this.#symbols.set(symbol, entry);
		return entry;
	}

	#run(symbol: string, load: () => Promise<unknown>): void {
		load().then(
			() => {
				if (!this.#signal.aborted) this.#events.changed(symbol);
			},
			(error: unknown) => {
				if (this.#signal.aborted) return;
				const message = error instanceof Error ? error.message : String(error);
				this.#events.failed(symbol, message);
			}
		);
	}
}
