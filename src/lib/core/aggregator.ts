import { emptyColumns, type BarColumns } from './bar-columns';
import { Candle } from './candle';
import { candlesToColumns } from './candle-columns';
import { joinOlder } from './candle-join';
import { CandleSeries } from './candle-series';
import { normaliseDecimal, type Units } from './decimal';
import {
	FIXED_INTERVALS,
	INTERVAL_MS,
	isFixedInterval,
	TICK,
	type FixedInterval,
	type Interval
} from './interval';
import type { KlineRow } from './kline';
import type { QuoteFlow } from './quote-flow';
import { formatDecimal, tradeAt, type TickColumns } from './tick-codec-columns';
import type { Trade } from './trade';
import { measureMantissas, measureTrade, TradeFigures, unitsValue } from './trade-figures';
import { TickTail } from './tick-tail';

export type AddResult = 'added' | 'duplicate' | 'out-of-order';

/** What `addColumns` did with each tick of the range. */
export interface ColumnsResult {
	added: number;
	duplicate: number;
	'out-of-order': number;
	/** Ticks `add` would have refused with a RangeError (e.g. more than 8 decimals). */
	invalid: number;
}

/** Mantissa scales the numeric path takes; larger ones go through the strings. */
const MAX_FAST_SCALE = 8;

export interface AggregatorOptions {
	/** Candles kept per interval, oldest dropped first; default 1500. */
	readonly maxBars?: number;
}

const SECOND_MS = 1000;
/** Scaled integer units per whole (prices and quantities count 1e-8). */
const UNITS = 1e8;

/** Where an aggregator's trades begin: the first trade's id and the open time of its second (ms). */
export interface FirstTrade {
	readonly id: number;
	readonly second: number;
}

/**
 * What the exchange knows of an aggregator's first buckets before its first trade (see
 * `prefixCandles`): per interval the part of the bucket before the first trade's second, and the
 * trades of that second before the first one, as a 1 s candle at that second (null when none).
 */
export interface FirstBucketPrefix {
	readonly beforeCut: ReadonlyMap<FixedInterval, Candle>;
	readonly cutSecond: Candle | null;
}

const figures = new TradeFigures();

/**
 * Exact candles of one symbol at every interval of `FIXED_INTERVALS`, built from its trades, and
 * its newest trades for the tick chart (`TickTail`). Intervals of unverified alignment (3d, 1w,
 * 1M) need the exchange's bucket boundaries: feed/history builds them from this one's 1d candles.
 *
 * Candles are keyed by trade time `T`, bucketed by open time aligned to the epoch (UTC). A
 * bucket without a trade between two traded buckets is a flat candle at the previous close
 * (count 0, volumes 0), at every interval, as Binance klines do; a bucket's open is its first
 * trade's price, never the previous close.
 *
 * Each trade touches only the open 1 s candle. When a 1 s candle closes (a trade of a later
 * second arrives) it is merged into every larger interval; reads merge the still-open 1 s
 * candle in on the fly, so every interval always includes the latest trade.
 */
export class SymbolAggregator {
	readonly symbol: string;
	readonly #maxBars: number;
	/** Closed candles per interval, same order as `FIXED_INTERVALS` (index 0 is 1 s). */
	#series: CandleSeries[];
	#open: Candle | null = null;
	#ticks = new TickTail();
	#revision = 0;
	#lastId = -Infinity;
	#lastPrice: string | null = null;
	/** The last added trade's price and quantity in 1e-8 units; NaN before the first. */
	#lastPriceUnits: Units = NaN;
	#lastQtyUnits: Units = NaN;
	#first: FirstTrade | null = null;
	#completed = false;

	constructor(symbol: string, options: AggregatorOptions = {}) {
		const maxBars = options.maxBars ?? 1500;
		if (!Number.isSafeInteger(maxBars) || maxBars < 1) {
			throw new RangeError(`maxBars must be a positive integer, got ${maxBars}`);
		}
		this.symbol = symbol;
		this.#maxBars = maxBars;
		this.#series = emptySeries(maxBars);
	}

	/** Increases by one on every added trade; use with `barsSince`. Starts at 0. */
	get revision(): number {
		return this.#revision;
	}

	/** Price string of the last added trade, as received; null before the first. */
	get lastPrice(): string | null {
		return this.#lastPrice;
	}

	/** Open time (ms) of the newest 1 s candle; null before the first trade. */
	get newestSecond(): number | null {
		return this.#open?.time ?? null;
	}

	/**
	 * Taker buy and sell quote volume of the 1 s candles opening at or after `fromMs`, the open one
	 * included, as floats (the volume panel; flat candles add nothing). Walks back from the newest.
	 */
	quoteFlow(fromMs: number): QuoteFlow {
		let buy = 0;
		let quote = 0;
		const open = this.#open;
		if (open !== null && open.time >= fromMs) {
			buy += open.buyQuoteFloat();
			quote += open.quoteFloat();
		}
		const seconds = this.#series[0];
		for (let i = (seconds?.length ?? 0) - 1; i >= 0; i--) {
			const candle = seconds?.at(i);
			if (candle === undefined || candle.time < fromMs) break;
			buy += candle.buyQuoteFloat();
			quote += candle.quoteFloat();
		}
		return { buy, sell: quote - buy };
	}

	/** Trade time (ms) of the oldest trade the tick tail holds; null before the first. */
	get oldestTick(): number | null {
		return this.#ticks.oldestTime;
	}

	/**
	 * The last added trade's price and quantity as numbers, equal to `Number()` of their decimal
	 * text (both are the nearest double to the decimal), from the figures already measured: per
	 * trade consumers (alerts) need not parse the text again. NaN before the first trade.
	 */
	get lastPriceValue(): number {
		return unitsValue(this.#lastPriceUnits);
	}

	get lastQtyValue(): number {
		return unitsValue(this.#lastQtyUnits);
	}

	/** Id of the last added trade; null before the first. */
	get lastTradeId(): number | null {
		return this.#lastId === -Infinity ? null : this.#lastId;
	}

	/** Id of the first trade this aggregator took and the open time of its second; null before it. */
	get firstTrade(): FirstTrade | null {
		return this.#first;
	}

	/**
	 * Completes the bucket in which this aggregator's trades begin, at every interval, with
	 * `prefix` (see `prefixCandles`): the exact part of each bucket before the first trade it
	 * took, from the exchange's klines and the trades of that second. The candle in which the live
	 * stream began is then whole, not a count of the trades this worker happened to see. Once:
	 * returns false, changing nothing, before the first trade or when already completed. Candles
	 * keep their revisions: whoever shows them must draw them afresh (a view reset).
	 */
	completeFirst(prefix: FirstBucketPrefix): boolean {
		const first = this.#first;
		if (first === null || this.#completed) return false;
		this.#completed = true;
		this.#revision++;
		FIXED_INTERVALS.forEach((interval, i) => {
			this.#prepend(i, first.second, prefix.beforeCut.get(interval), prefix.cutSecond);
		});
		return true;
	}

	/**
	 * Takes in `older`, an aggregator of the same symbol's trades just before this one's (every trade
	 * of it before this one's first by id, and in an earlier second), as if they had been added
	 * first: every interval then holds what one aggregator over both would (see `joinOlder`). A
	 * restore builds the newest part first and joins older parts on as they are read. `older` is
	 * used up: its candles are taken, not copied. An aggregator without trades takes `older`'s state
	 * whole. Throws a RangeError, changing nothing, when `older` does not end before this one begins.
	 */
	prependOlder(older: SymbolAggregator): void {
		const olderOpen = older.#open;
		const first = this.#first;
		const open = this.#open;
		if (olderOpen === null) return;
		if (first === null || open === null) return this.#adopt(older);
		if (olderOpen.time >= first.second || older.#lastId >= first.id) {
			throw new RangeError(
				`${older.symbol}: the older part (to trade ${older.#lastId}) does not end before trade ${first.id}`
			);
		}
		this.#revision++;
		const revs = { older: 0, shared: open.rev };
		FIXED_INTERVALS.forEach((interval, i) => {
			const series = this.#series[i];
			if (series === undefined) return;
			const bucket = first.second - (first.second % series.size);
			const candles = older.#view(interval, -Infinity);
			series.prepend(joinOlder(candles, series.at(0), bucket, series.size, this.#maxBars, revs));
		});
		this.#ticks = this.#ticks.withOlder(older.#ticks);
		this.#first = older.#first;
	}

	/**
	 * Forgets every trade and candle, as a new aggregator (the revision goes on rising, so a view
	 * asking `barsSince` an earlier revision gets what comes next). For a gap longer than the ticks
	 * kept: the trades after it start over, and the exchange's klines stand for everything before
	 * (completeFirst completes the new first bucket).
	 */
	restart(): void {
		this.#series = emptySeries(this.#maxBars);
		this.#open = null;
		this.#ticks = new TickTail();
		this.#revision++;
		this.#lastId = -Infinity;
		this.#lastPrice = null;
		this.#lastPriceUnits = NaN;
		this.#lastQtyUnits = NaN;
		this.#first = null;
		this.#completed = false;
	}

	/** Takes `older`'s state as this aggregator's own (this one has no trade yet). */
	#adopt(older: SymbolAggregator): void {
		this.#series = older.#series;
		this.#ticks = older.#ticks;
		this.#open = older.#open;
		this.#revision = Math.max(this.#revision, older.#revision) + 1;
		this.#lastId = older.#lastId;
		this.#lastPrice = older.#lastPrice;
		this.#lastPriceUnits = older.#lastPriceUnits;
		this.#lastQtyUnits = older.#lastQtyUnits;
		this.#first = older.#first;
		this.#completed = older.#completed;
	}

	/**
	 * Merges the part of series `index`'s first bucket before the first trade in front of it,
	 * wherever that bucket is held now: `before`, the part before the first trade's second
	 * (`cut`), and `cutSecond`, that second's earlier trades.
	 */
	#prepend(index: number, cut: number, before?: Candle, cutSecond?: Candle | null): void {
		const series = this.#series[index];
		const open = this.#open;
		if (series === undefined || open === null) return;
		const bucket = cut - (cut % series.size);
		const oldest = series.at(0);
		if (oldest !== undefined) {
			// The cut's second has closed, into every series: the whole prefix goes in front.
			const whole = joinedParts(bucket, before, cutSecond);
			if (oldest.time === bucket && whole !== null) oldest.mergeEarlier(whole);
			return;
		}
		// The cut's second is still the open 1 s candle: it takes its earlier trades itself, and
		// larger intervals take it in when it closes, so they get only the part before it.
		if (open.time !== cut) return;
		if (index === 0) {
			if (cutSecond) open.mergeEarlier(cutSecond);
			return;
		}
		if (before === undefined) return;
		const first = before.copyAt(bucket);
		first.rev = open.rev;
		series.push(first);
	}

	/**
	 * Adds one trade of this symbol. Trades must arrive in id order: id <= last added id ->
	 * 'duplicate'; a trade time earlier than the open time of the current 1 s candle ->
	 * 'out-of-order'. Neither changes anything. Throws RangeError, before changing anything, when
	 * the trade is malformed: price or qty not a plain decimal with at most 8 significant decimals,
	 * time or id not a non-negative safe integer, count not a positive safe integer.
	 */
	add(trade: Trade): AddResult {
		const id = trade.id;
		if (id <= this.#lastId) return 'duplicate';
		const time = trade.time;
		const second = time - (time % SECOND_MS);
		const open = this.#open;
		if (open !== null && second < open.time) return 'out-of-order';
		checkTrade(trade);
		measureTrade(trade.price, trade.qty, figures);
		this.#apply(id, time, trade.count, !trade.buyerMaker);
		this.#lastPrice = trade.price;
		return 'added';
	}

	/**
	 * Adds ticks `from` (inclusive) to `to` (exclusive) of decoded columns, in column order, with the
	 * same rules and the same candles as `add` on each tick's trade, but from the mantissas, without
	 * building strings (restoring a cache of 900,000 ticks must take a fraction of a second). A tick
	 * `add` would throw for is counted as `invalid` and skipped. `lastPrice` becomes the last added
	 * price with 8 decimals, as Binance prints prices.
	 */
	addColumns(columns: TickColumns, from = 0, to = columns.length): ColumnsResult {
		const result: ColumnsResult = { added: 0, duplicate: 0, 'out-of-order': 0, invalid: 0 };
		const fast =
			columns.priceText === null &&
			columns.qtyText === null &&
			columns.priceScale <= MAX_FAST_SCALE &&
			columns.qtyScale <= MAX_FAST_SCALE;
		let last = -1;
		for (let i = Math.max(0, from); i < Math.min(to, columns.length); i++) {
			const outcome = this.#addColumn(columns, i, fast);
			result[outcome]++;
			if (outcome === 'added') last = i;
		}
		if (last >= 0) {
			const text =
				columns.priceText?.[last] ?? formatDecimal(columns.price[last] ?? 0, columns.priceScale);
			this.#lastPrice = normaliseDecimal(text);
		}
		return result;
	}

	/** Tick `i` of columns, by the numeric path when `fast` allows and its figures fit. */
	#addColumn(columns: TickColumns, i: number, fast: boolean): keyof ColumnsResult {
		const time = columns.time[i] ?? NaN;
		const second = time - (time % SECOND_MS);
		if ((columns.id[i] ?? NaN) <= this.#lastId) return 'duplicate';
		if (this.#open !== null && second < this.#open.time) return 'out-of-order';
		if (fast && this.#addFast(columns, i, second)) return 'added';
		return this.#addTick(columns, i);
	}

	/** The numeric path for one in-order tick; false when it must take the string path instead. */
	#addFast(columns: TickColumns, i: number, second: number): boolean {
		const id = columns.id[i] ?? NaN;
		const count = columns.count[i] ?? NaN;
		if (!isCount(count) || !isIdAndTime(id, columns.time[i] ?? NaN)) return false;
		const price = columns.price[i] ?? NaN;
		const qty = columns.qty[i] ?? NaN;
		if (!measureMantissas(price, columns.priceScale, qty, columns.qtyScale, figures)) return false;
		this.#apply(id, columns.time[i] ?? second, count, columns.buyerMaker[i] !== 1);
		return true;
	}

	/** The string path for one tick, with `add`'s checks; a RangeError counts as invalid. */
	#addTick(columns: TickColumns, i: number): keyof ColumnsResult {
		try {
			return this.add(tradeAt(columns, i, this.symbol));
		} catch (error) {
			if (error instanceof RangeError) return 'invalid';
			throw error;
		}
	}

	/** Applies the measured `figures` of a checked, in-order trade at `time` (ms). */
	#apply(id: number, time: number, count: number, buy: boolean): void {
		const second = time - (time % SECOND_MS);
		this.#revision++;
		this.#first ??= { id, second };
		let open = this.#open;
		if (open === null || second > open.time) {
			open = this.#roll(second, figures.price);
		} else {
			open.applyPrice(figures.price);
			open.rev = this.#revision;
		}
		open.addFigures(figures, count, buy);
		this.#lastId = id;
		const qty = figures.volume >= 0 ? figures.volume : Number(figures.volumeBig);
		this.#ticks.add(time, Number(figures.price) / UNITS, qty / UNITS, buy, count, this.#revision);
		this.#lastPriceUnits = figures.price;
		this.#lastQtyUnits = figures.volume >= 0 ? figures.volume : figures.volumeBig;
	}

	/**
	 * All held candles of an interval as float columns, oldest first (includes the open one); for
	 * `tick`, the newest trades (see `TickTail.since`). Empty for 3d, 1w and 1M: their buckets
	 * come from the exchange (feed/history/anchored-source.ts).
	 */
	bars(interval: Interval): BarColumns {
		return this.barsSince(interval, -Infinity);
	}

	/** The held candles of a fixed interval, oldest first, the open one last: read only. */
	candles(interval: FixedInterval): readonly Candle[] {
		return this.#view(interval, -Infinity);
	}

	/**
	 * Only the candles created or modified after `revision`, oldest first. They are always a
	 * tail of `bars(interval)` (at most all of it); empty when nothing changed. Candles dropped
	 * at the old end for `maxBars` are not reported.
	 */
	barsSince(interval: Interval, revision: number): BarColumns {
		if (interval === TICK) return this.#ticks.since(revision);
		if (!isFixedInterval(interval)) return emptyColumns(0);
		return candlesToColumns(this.#view(interval, revision));
	}

	/**
	 * All held candles of an interval, exact, oldest first (includes the still-open last one).
	 * Decimals print as Binance prints them, 8 decimals; a quote volume whose exact value has
	 * non-zero digits beyond the 8th (price decimals + quantity decimals > 8) prints them too
	 * ("12.382715934") rather than round.
	 */
	klines(interval: FixedInterval): KlineRow[] {
		const size = INTERVAL_MS[interval];
		return this.#view(interval, -Infinity).map((candle) => candle.toKlineRow(size));
	}

	/**
	 * Closes the open 1 s candle into every series, fills flat buckets up to `second`, and opens
	 * the 1 s candle of `second` at `price`.
	 */
	#roll(second: number, price: Units): Candle {
		const closed = this.#open;
		const rev = this.#revision;
		if (closed !== null) {
			const series = this.#series;
			const base = series[0];
			base?.push(closed);
			base?.fillUntil(second, rev);
			for (let i = 1; i < series.length; i++) {
				const larger = series[i];
				if (larger === undefined) continue;
				larger.absorb(closed);
				larger.fillUntil(second - (second % larger.size), rev);
			}
		}
		const open = new Candle(second, price, rev);
		this.#open = open;
		return open;
	}

	/**
	 * The held candles of an interval with a revision above `minRev`, newest `maxBars`, oldest
	 * first. The open 1 s candle is merged into (or appended as) the last candle of larger intervals.
	 */
	#view(interval: FixedInterval, minRev: number): Candle[] {
		const series = this.#series[FIXED_INTERVALS.indexOf(interval)];
		const open = this.#open;
		if (series === undefined || open === null) return [];
		let stored = series.length;
		const bucket = open.time - (open.time % series.size);
		const last = series.last();
		let tail: Candle;
		if (interval === '1s') {
			tail = open;
		} else if (last !== undefined && last.time === bucket) {
			tail = last.copyAt(bucket);
			tail.mergeFrom(open);
			stored--;
		} else {
			tail = open.copyAt(bucket);
		}
		if (tail.rev <= minRev) return [];
		const newestFirst = [tail];
		for (let i = stored - 1; i >= 0 && newestFirst.length < this.#maxBars; i--) {
			const candle = series.at(i);
			if (candle === undefined || candle.rev <= minRev) break;
			newestFirst.push(candle);
		}
		return newestFirst.reverse();
	}
}

/** One empty series per interval of `FIXED_INTERVALS`, in its order, keeping `maxBars` each. */
const emptySeries = (maxBars: number): CandleSeries[] =>
	FIXED_INTERVALS.map((interval) => new CandleSeries(INTERVAL_MS[interval], maxBars));

/** `before` then `cutSecond` as one candle at `bucket`; null when neither is there. */
function joinedParts(bucket: number, before?: Candle, cutSecond?: Candle | null): Candle | null {
	if (before === undefined) return cutSecond?.copyAt(bucket) ?? null;
	const whole = before.copyAt(bucket);
	if (cutSecond) whole.mergeFrom(cutSecond);
	return whole;
}

const isCount = (n: number): boolean => Number.isSafeInteger(n) && n >= 1;
const isIdAndTime = (id: number, time: number): boolean =>
	Number.isSafeInteger(id) && id >= 0 && Number.isSafeInteger(time) && time >= 0;

function checkTrade(trade: Trade): void {
	const { id, time, count } = trade;
	if (!isIdAndTime(id, time)) {
		throw new RangeError(`trade id and time must be non-negative integers: ${id}, ${time}`);
	}
	if (!isCount(count)) {
		throw new RangeError(`trade count must be a positive integer: ${count}`);
	}
}
