import { SymbolAggregator, type AddResult } from '../../core/aggregator';
import type { Trade } from '../../core/trade';
import { parseFrame, type DepthBook } from '../../binance/wire';
import type { BookQuote } from '../../binance/wire-event';
import type { BookTop } from '../../protocol/feed-api';
import type { StatusCounters } from './status';
import type { Gap } from './gap-fetch';
import { MarketDesk } from './market-desk';

export interface IngestEvents {
	/** A trade was added or a book changed: there is news to flush. */
	changed(): void;
	/** Binance announced that this server is going down. */
	shutdown(): void;
	/** A trade went into its aggregator (not a duplicate, not refused): it is new. */
	added?(trade: Trade): void;
	/** A configured symbol's top-20 book changed. */
	book?(book: DepthBook): void;
	/** A configured symbol's best bid or ask changed (`@bookTicker`). */
	quote?(quote: BookQuote): void;
	/**
	 * A trade came more than one id past the last one held: the ids between are missing. The
	 * symbol's trades are held from then on, until `endRepair`. Without this handler a gap is
	 * simply crossed.
	 */
	gap?(gap: Gap, firstLive: Trade): void;
}

/**
 * Frames in, candles and book tops out: parses each frame, routes trades to one aggregator per
 * configured symbol, keeps the latest top-20 book per symbol, and counts everything it skips.
 * The API speaks the lower-case config symbols; inside, maps are keyed by the upper-case symbol
 * the wire layer puts on every trade, so the hot path does no case conversion.
 */
/** What a frame brought: a trade, a book or 24 h ticker change, or nothing for the charts. */
export type FrameNews = 'trade' | 'book' | null;

export class Ingest {
	readonly #aggregators = new Map<string, SymbolAggregator>();
	readonly #books = new Map<string, DepthBook>();
	/** Symbols unsubscribed on the open socket: frames already on their way are not errors. */
	readonly #dropped = new Set<string>();
	/** Book, tape and tickers for the panels beside the chart. */
	readonly market = new MarketDesk();
	/** Trades waiting for `release` while a restore goes first; null when not holding. */
	#held: Trade[] | null = null;
	/** Per upper-case symbol under repair: its live trades since the gap, in arrival order. */
	readonly #repairing = new Map<string, Trade[]>();
	/** Symbols whose hold is a tail fetch's: no trade showed a gap, so none heads the held list. */
	readonly #tails = new Set<string>();
	/**
	 * Highest id fetched over REST per upper-case symbol: REST may show a trade before the stream
	 * sends it, and that trade arriving live later is expected, not a duplicate to count.
	 */
	readonly #fetchedUpTo = new Map<string, number>();
	/** Trade time of the last added trade, per upper-case symbol. */
	readonly #lastTradeMs = new Map<string, number>();
	readonly #counters: StatusCounters;
	readonly #events: IngestEvents;

	constructor(
		symbols: readonly string[],
		counters: StatusCounters,
		events: IngestEvents,
		/** A previous run's `aggregators` to keep (same host), so history survives a restart. */
		keep: ReadonlyMap<string, SymbolAggregator> = new Map()
	) {
		this.#counters = counters;
		this.#events = events;
		for (const symbol of symbols) {
			const upper = symbol.toUpperCase();
			this.#aggregators.set(upper, keep.get(upper) ?? new SymbolAggregator(upper));
		}
	}

	/** By upper-case symbol. */
	get aggregators(): ReadonlyMap<string, SymbolAggregator> {
		return this.#aggregators;
	}

	aggregator(symbol: string): SymbolAggregator | undefined {
		return this.#aggregators.get(symbol.toUpperCase());
	}

	/**
	 * Handles one text frame; says what market data it carried, if any (any is the connection's
	 * liveness signal).
	 */
	frame(text: string, receivedAt: number): FrameNews {
		const event = parseFrame(text);
		switch (event.kind) {
			case 'trade':
				this.#counters.trade(receivedAt, event.eventTime);
				this.market.trade(event.trade, receivedAt);
				this.#trade(event.trade);
				return 'trade';
			case 'depth':
				this.#depth(event.book, receivedAt);
				return 'book';
			case 'quote':
				if (this.#aggregators.has(event.quote.symbol)) this.#events.quote?.(event.quote);
				else this.#unconfigured(event.quote.symbol);
				return 'book';
			case 'ticker':
				if (this.#aggregators.has(event.ticker.symbol)) {
					this.market.ticker(event.ticker);
					this.#events.changed();
				} else this.#unconfigured(event.ticker.symbol);
				return 'book';
			case 'rejected':
				this.#counters.reject(event.reason);
				return null;
			case 'shutdown':
				this.#events.shutdown();
				return null;
			case 'reply':
			case 'ignored':
				return null;
		}
	}

	/**
	 * Queues trades, parsed and counted as usual, instead of adding them, until `release`: restored
	 * history must reach the aggregators before live trades, or the live ones would make it look old.
	 */
	hold(): void {
		this.#held ??= [];
	}

	/** Adds the held trades in arrival order and stops holding. */
	release(): void {
		const held = this.#held;
		this.#held = null;
		for (const trade of held ?? []) this.#trade(trade);
	}

	/**
	 * Trade time (epoch ms) of the last trade added for `symbol` (upper case); null before one. For
	 * trades restored from the cache (not added here), the open time of their newest second.
	 */
	lastTradeMs(symbol: string): number | null {
		return this.#lastTradeMs.get(symbol) ?? this.#aggregators.get(symbol)?.newestSecond ?? null;
	}

	/** Whether `symbol` (upper case) waits for a gap repair. */
	repairing(symbol: string): boolean {
		return this.#repairing.has(symbol);
	}

	/**
	 * Adds trades fetched for a gap of `symbol` (upper case), in id order, before the live trades
	 * held since the gap. Counted like live ones; a duplicate is skipped.
	 */
	repaired(trades: readonly Trade[]): void {
		for (const trade of trades) {
			const aggregator = this.#aggregators.get(trade.symbol);
			if (aggregator) this.#add(aggregator, trade);
			const fetched = this.#fetchedUpTo.get(trade.symbol) ?? -1;
			if (trade.id > fetched) this.#fetchedUpTo.set(trade.symbol, trade.id);
		}
	}

	/**
	 * Starts holding the live trades of `symbol` (upper case) for a tail fetch: the trades after
	 * the last one held, which no later id has shown missing. Returns the first id to fetch, or null
	 * when there is nothing to ask from (no trade yet, a repair or a restore holds already).
	 * `endRepair` joins the held trades afterwards.
	 */
	tail(symbol: string): number | null {
		const last = this.#aggregators.get(symbol)?.lastTradeId ?? null;
		if (last === null || this.#held !== null || this.#repairing.has(symbol)) return null;
		this.#repairing.set(symbol, []);
		this.#tails.add(symbol);
		return last + 1;
	}

	/**
	 * The gap of `symbol` is filled, or given up: its held live trades go in, in arrival order. A
	 * further gap among them (a second drop during the repair) starts the next repair from there.
	 */
	endRepair(symbol: string): void {
		const held = this.#repairing.get(symbol) ?? [];
		this.#repairing.delete(symbol);
		const aggregator = this.#aggregators.get(symbol);
		// After a tail fetch every held trade is checked for a gap: none of them showed one yet.
		const tail = this.#tails.delete(symbol);
		const first = held[0];
		// The trade that showed the gap goes in as is: after a repair that gave up it crosses the
		// rest of the gap, which stays counted as unrecoverable, instead of starting it again.
		if (aggregator && first && !tail) this.#add(aggregator, first);
		for (let i = tail ? 0 : 1; i < held.length; i++) {
			this.#trade(held[i] as Trade);
			const again = this.#repairing.get(symbol);
			if (again) {
				again.push(...held.slice(i + 1));
				return;
			}
		}
	}

	/**
	 * Follows `symbols` (lower case) from now on: new ones get an aggregator (a kept one from
	 * `keep`, by upper-case symbol), dropped ones lose theirs with their book and ticker.
	 */
	follow(
		symbols: readonly string[],
		keep: ReadonlyMap<string, SymbolAggregator> = new Map()
	): void {
		const wanted = new Set(symbols.map((symbol) => symbol.toUpperCase()));
		for (const upper of [...this.#aggregators.keys()]) {
			if (wanted.has(upper)) continue;
			this.#aggregators.delete(upper);
			this.#dropped.add(upper);
			this.#books.delete(upper);
			this.market.forget(upper);
		}
		for (const upper of wanted) {
			this.#dropped.delete(upper);
			if (!this.#aggregators.has(upper)) {
				this.#aggregators.set(upper, keep.get(upper) ?? new SymbolAggregator(upper));
			}
		}
	}

	/** The latest top-20 book of an upper-case symbol. */
	book(upper: string): DepthBook | undefined {
		return this.#books.get(upper);
	}

	/** Best bid and ask of each of `symbols` that has a book yet. */
	bookTops(symbols: readonly string[]): BookTop[] {
		const tops: BookTop[] = [];
		for (const symbol of symbols) {
			const book = this.#books.get(symbol.toUpperCase());
			if (!book) continue;
			tops.push({
				symbol,
				bestBid: book.bids[0]?.[0] ?? null,
				bestAsk: book.asks[0]?.[0] ?? null,
				lastUpdateId: book.lastUpdateId
			});
		}
		return tops;
	}

	#unconfigured(upper: string): void {
		if (!this.#dropped.has(upper)) this.#counters.reject('unconfigured-symbol');
	}

	#trade(trade: Trade): void {
		const aggregator = this.#aggregators.get(trade.symbol);
		if (!aggregator) {
			this.#unconfigured(trade.symbol);
			return;
		}
		if (this.#held !== null) {
			this.#held.push(trade);
			return;
		}
		const waiting = this.#repairing.get(trade.symbol);
		if (waiting) {
			waiting.push(trade);
			return;
		}
		const last = aggregator.lastTradeId;
		if (this.#events.gap && last !== null && trade.id > last + 1) {
			this.#repairing.set(trade.symbol, [trade]);
			this.#events.gap({ symbol: trade.symbol, fromId: last + 1, toId: trade.id - 1 }, trade);
			return;
		}
		this.#add(aggregator, trade);
	}

	#add(aggregator: SymbolAggregator, trade: Trade): void {
		const result = addChecked(aggregator, trade);
		if (result === 'added') {
			this.#lastTradeMs.set(trade.symbol, trade.time);
			this.#events.added?.(trade);
			this.#events.changed();
		} else if (result === 'duplicate') {
			if (trade.id > (this.#fetchedUpTo.get(trade.symbol) ?? -1)) {
				this.#counters.duplicate(trade.symbol);
			}
		} else this.#counters.reject(result, trade.symbol);
	}

	#depth(book: DepthBook, receivedAt: number): void {
		if (!this.#aggregators.has(book.symbol)) {
			this.#unconfigured(book.symbol);
			return;
		}
		this.#books.set(book.symbol, book);
		this.#events.book?.(book);
		this.market.book(book.symbol, receivedAt);
		this.#events.changed();
	}
}

/** The aggregator throws RangeError for a trade it cannot sum exactly: that is a bad value, not a bug. */
function addChecked(aggregator: SymbolAggregator, trade: Trade): AddResult | 'bad-value' {
	try {
		return aggregator.add(trade);
	} catch (error) {
		if (error instanceof RangeError) return 'bad-value';
		throw error;
	}
}
