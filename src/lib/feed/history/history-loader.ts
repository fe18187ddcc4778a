import type { SymbolAggregator } from '../../core/aggregator';
import type { Candle } from '../../core/candle';
import { prefixCandles, prefixRanges, type PrefixRows } from '../../core/history-prefix';
import {
	FIXED_INTERVALS,
	INTERVAL_MS,
	isAnchoredInterval,
	type AnchoredInterval,
	type CandleInterval,
	type FixedInterval
} from '../../core/interval';
import type { KlineRow } from '../../core/kline';
import { candleFromKline } from '../../core/kline-candle';
import { joinFresh, KlineHistory, rollUp } from '../../core/kline-history';
import type { Trade } from '../../core/trade';
import type { BinanceRest, KlineInterval } from '../../binance/rest';
import { NO_HISTORY_STORE, type HistoryStore } from './history-store';
import { AnchoredSeries, loadAnchored } from './anchored-history';

/** The REST calls history takes (BinanceRest fits). */
export type HistoryRest = Pick<BinanceRest, 'klines' | 'aggTrades'>;

/** Candles a chart opens with, per interval (Binance's limit per request). */
export const HISTORY_CANDLES = 1000;
/** Rows per REST answer at most. */
const MAX_ROWS = 1000;
const SECOND = 1000;

/** Intervals Binance does not serve: built from its 1 s klines. */
const ROLLED_UP: ReadonlySet<FixedInterval> = new Set(['5s', '15s', '30s']);

/** How a symbol's history stands, for the status and the empty-chart message. */
export type HistoryState =
	| { readonly kind: 'loading' }
	| { readonly kind: 'ready' }
	| { readonly kind: 'failed'; readonly message: string };

export interface HistoryEvents {
	/** New history (or a completed first bucket) for `symbol`: its views need a fresh reset. */
	changed(symbol: string): void;
	failed(symbol: string, error: unknown): void;
}

/**
 * The exchange's history of one symbol, joined to the candles its aggregator builds from the
 * stream and the cache: REST klines for the closed candles before the aggregator's first bucket,
 * and the exact part of that first bucket before the aggregator's first trade (klines, and the
 * trades of that second from aggTrades), so there is no seam: no candle missing, none doubled,
 * the candle in which the stream began whole. What the exchange sent is kept in `store`, and
 * read back first by a later run: offline, that is all the history there is.
 */
export class SymbolHistory {
	readonly symbol: string;
	readonly #rest: HistoryRest;
	readonly #aggregator: SymbolAggregator;
	readonly #signal: AbortSignal;
	readonly #byInterval = new Map<FixedInterval, KlineHistory>();
	/** 3d, 1w and 1M: the exchange's boundaries and candles (see AnchoredSeries). */
	readonly #anchored = new Map<AnchoredInterval, AnchoredSeries>();
	/** Loads under way per interval, so two charts of one interval ask once. */
	readonly #loading = new Map<CandleInterval, Promise<void>>();
	#completing: Promise<void> | null = null;
	/** Intervals whose oldest page was reached (the exchange had nothing older). */
	readonly #exhausted = new Set<CandleInterval>();
	readonly #store: HistoryStore;
	/** Reads of the stored candles per interval: each is read once, before REST is asked. */
	readonly #restoring = new Map<FixedInterval, Promise<boolean>>();
	/** Intervals whose latest page came from the exchange in this run. */
	readonly #fetched = new Set<FixedInterval>();

	constructor(
		symbol: string,
		rest: HistoryRest,
		aggregator: SymbolAggregator,
		signal: AbortSignal,
		store: HistoryStore = NO_HISTORY_STORE
	) {
		this.symbol = symbol;
		this.#rest = rest;
		this.#aggregator = aggregator;
		this.#signal = signal;
		this.#store = store;
	}

	/** The closed exchange candles of `interval` to draw before the aggregator's first one. */
	history(interval: FixedInterval): KlineHistory | undefined {
		return this.#byInterval.get(interval);
	}

	/** The 3d, 1w or 1M series once its klines came; undefined before. */
	anchored(interval: AnchoredInterval): AnchoredSeries | undefined {
		return this.#anchored.get(interval);
	}

	/** Whether an older page of `interval` may exist. */
	hasOlder(interval: CandleInterval): boolean {
		return !this.#exhausted.has(interval);
	}

	/**
	 * Completes the aggregator's first bucket at every interval, once it has a first trade.
	 * Resolves true when it did (false: no trade yet, or done before).
	 */
	async completeFirst(): Promise<boolean> {
		const first = this.#aggregator.firstTrade;
		if (first === null) return false;
		if (this.#completing !== null) {
			await this.#completing;
			return false;
		}
		let done = false;
		this.#completing = (async () => {
			const cut = first.second;
			const [fetched, partial] = await Promise.all([
				this.#prefixRows(cut),
				this.#partialSecond(cut, first.id)
			]);
			done = this.#aggregator.completeFirst(prefixCandles(cut, fetched, FIXED_INTERVALS, partial));
		})();
		// A failed attempt (offline, say) may be made again later: the next chart watched retries.
		void this.#completing.catch(() => (this.#completing = null));
		await this.#completing;
		return done;
	}

	/**
	 * The aggregator restarted (a gap longer than the ticks kept): its new first bucket is to be
	 * completed, and the next `load` of each interval fills history up to it.
	 */
	restarted(): void {
		this.#completing = null;
	}

	/** Takes in the stored candles of `interval`, once. Resolves true when there were some. */
	restore(interval: CandleInterval): Promise<boolean> {
		// Anchored series are not stored: their boundaries must be fresh from the exchange.
		if (isAnchoredInterval(interval)) return Promise.resolve(false);
		let restoring = this.#restoring.get(interval);
		if (restoring === undefined) {
			restoring = this.#store.load(interval).then((rows) => {
				this.#held(interval).addRows(rows);
				return rows.length > 0;
			});
			this.#restoring.set(interval, restoring);
		}
		return restoring;
	}

	/**
	 * After the stored ones (see `restore`), the latest HISTORY_CANDLES closed candles of `interval`
	 * before the aggregator's first bucket (before now, when it has no trade yet), then whatever
	 * lies between them and that bucket.
	 */
	load(interval: CandleInterval): Promise<void> {
		const running = this.#loading.get(interval);
		if (running) return running;
		const loading = this.#load(interval).finally(() => this.#loading.delete(interval));
		this.#loading.set(interval, loading);
		return loading;
	}

	/**
	 * One more page of HISTORY_CANDLES older than the oldest held, once the chart shows that oldest
	 * candle (`oldestShownMs`, its open time, at or before it). Resolves false when nothing came.
	 */
	async loadOlder(interval: CandleInterval, oldestShownMs: number): Promise<boolean> {
		const held = isAnchoredInterval(interval)
			? this.#anchored.get(interval)?.closed
			: this.#byInterval.get(interval);
		const oldest = held?.oldest ?? null;
		if (held === undefined || oldest === null || this.#exhausted.has(interval)) return false;
		if (oldestShownMs > oldest) return false;
		const candles = await this.#candles(interval, oldest);
		if (candles.length === 0) {
			this.#exhausted.add(interval);
			return false;
		}
		held.add(candles);
		if (!isAnchoredInterval(interval)) this.#save(interval);
		return true;
	}

	async #load(interval: CandleInterval): Promise<void> {
		if (isAnchoredInterval(interval)) {
			const known = this.#anchored.get(interval);
			const rest = this.#rest;
			const agg = this.#aggregator;
			const series = await loadAnchored(rest, this.symbol, interval, agg, this.#signal, known);
			this.#anchored.set(interval, series);
			return;
		}
		await this.restore(interval);
		const size = INTERVAL_MS[interval];
		const held = this.#held(interval);
		const firstBucket = this.#firstBucket(interval);
		const newest = held.newest;
		// After a restart past a long gap the first bucket may be far ahead: a fresh latest page
		// then, not every candle of the gap (days of 1 s candles).
		const far =
			firstBucket !== null && newest !== null && firstBucket - newest > HISTORY_CANDLES * size;
		if (!this.#fetched.has(interval) || held.length === 0 || far) {
			const candles = await this.#candles(interval, firstBucket ?? undefined);
			this.#fetched.add(interval);
			this.#byInterval.set(interval, joinFresh(held, candles));
			if (candles.length < HISTORY_CANDLES - 1) this.#exhausted.add(interval);
			return this.#save(interval);
		}
		// Live began after the first page was fetched: fill up to its first bucket.
		if (firstBucket === null || newest === null || newest + size >= firstBucket) return;
		held.add(await this.#between(interval, newest + size, firstBucket - size));
		this.#save(interval);
	}

	#held(interval: FixedInterval): KlineHistory {
		const held = this.#byInterval.get(interval) ?? new KlineHistory(INTERVAL_MS[interval]);
		this.#byInterval.set(interval, held);
		return held;
	}

	/** Keeps what the exchange sent for a later run; the store logs its own failures. */
	#save(interval: FixedInterval): void {
		const held = this.#byInterval.get(interval);
		if (held !== undefined) void this.#store.save(interval, held.rowsBefore(Infinity));
	}

	/** Open time of the aggregator's first bucket of `interval`; null before its first trade. */
	#firstBucket(interval: FixedInterval): number | null {
		const first = this.#aggregator.firstTrade;
		if (first === null) return null;
		const size = INTERVAL_MS[interval];
		return first.second - (first.second % size);
	}

	/**
	 * Up to HISTORY_CANDLES closed candles of `interval` opening before `before` (a bucket open
	 * time), oldest first; without `before`, the latest closed ones.
	 */
	async #candles(interval: CandleInterval, before?: number): Promise<Candle[]> {
		if (isAnchoredInterval(interval) || !ROLLED_UP.has(interval)) {
			const endTime = before === undefined ? undefined : before - 1;
			const rows = await this.#klines(interval as KlineInterval, {
				endTime,
				limit: HISTORY_CANDLES
			});
			// The latest row is the bucket still open on the exchange.
			const closed = before === undefined ? rows.slice(0, -1) : rows;
			return closed.map((row) => candleFromKline(row, 0));
		}
		const size = INTERVAL_MS[interval];
		const end = before ?? (await this.#openBucket(size));
		const from = end - HISTORY_CANDLES * size;
		return this.#between(interval, from, end - size);
	}

	/** Every closed candle of `interval` with an open time in `[from, to]`, oldest first. */
	async #between(interval: FixedInterval, from: number, to: number): Promise<Candle[]> {
		const size = INTERVAL_MS[interval];
		if (ROLLED_UP.has(interval)) {
			const seconds = await this.#seconds(to + size - SECOND, (to + size - from) / SECOND);
			return rollUp(seconds, size).filter((candle) => candle.time >= from);
		}
		const candles: Candle[] = [];
		for (let start = from; start <= to; start += MAX_ROWS * size) {
			const rows = await this.#klines(interval as KlineInterval, {
				startTime: start,
				endTime: Math.min(to, start + (MAX_ROWS - 1) * size),
				limit: MAX_ROWS
			});
			candles.push(...rows.map((row) => candleFromKline(row, 0)));
		}
		return candles;
	}

	/** The 1 s candles of the `count` seconds up to `last` (an open time), oldest first, in parallel pages. */
	async #seconds(last: number, count: number): Promise<Candle[]> {
		const pages: Promise<KlineRow[]>[] = [];
		for (let done = 0; done < count; done += MAX_ROWS) {
			const endTime = last - done * SECOND;
			const rows = Math.min(MAX_ROWS, count - done);
			const startTime = endTime - (rows - 1) * SECOND;
			pages.push(this.#klines('1s', { startTime, endTime, limit: rows }));
		}
		const rows = (await Promise.all(pages)).reverse().flat();
		return rows.map((row) => candleFromKline(row, 0));
	}

	/** Open time of the exchange's current bucket of `size` ms, from its newest 1 s kline. */
	async #openBucket(size: number): Promise<number> {
		const [latest] = await this.#klines('1s', { limit: 1 });
		if (latest === undefined) throw new RangeError(`no klines for ${this.symbol}`);
		return latest[0] - (latest[0] % size);
	}

	/** 1h, 1m and 1s klines from the cut's day start to the cut. */
	#prefixRows(cut: number): Promise<PrefixRows[]> {
		return Promise.all(
			prefixRanges(cut).map(async (range) => ({
				range,
				rows: await this.#klines(range.interval, {
					startTime: range.startTime,
					endTime: range.endTime,
					limit: MAX_ROWS
				})
			}))
		);
	}

	/** The trades of the cut's second before the aggregator's first one, from aggTrades. */
	async #partialSecond(cut: number, firstId: number): Promise<Trade[]> {
		const trades: Trade[] = [];
		let page = await this.#rest.aggTrades(
			this.symbol,
			{ startTime: cut, endTime: cut + SECOND - 1, limit: MAX_ROWS },
			this.#signal
		);
		for (;;) {
			const before = page.filter((trade) => trade.id < firstId);
			trades.push(...before);
			const last = page.at(-1);
			if (page.length < MAX_ROWS || last === undefined || last.id >= firstId - 1) break;
			page = await this.#rest.aggTrades(
				this.symbol,
				{ fromId: last.id + 1, limit: MAX_ROWS },
				this.#signal
			);
		}
		return trades.filter((trade) => trade.time >= cut && trade.time < cut + SECOND);
	}

	#klines(
		interval: KlineInterval,
		range: { startTime?: number; endTime?: number; limit?: number }
	): Promise<KlineRow[]> {
		return this.#rest.klines(this.symbol, interval, range, this.#signal);
	}
}
