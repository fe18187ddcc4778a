import type { SymbolInfo } from '../../core/symbol-info';
import type { FlowNews } from '../../core/quote-flow';
import type { MiniTicker } from '../../core/ticker';
import type { Trade } from '../../core/trade';
import { SizeMedian, TapeBuffer, TAPE_ROWS, type TapeTrade } from '../../core/trade-tape';
import type { DepthBook } from '../../binance/wire';
import type { MarketNews, TapeNews } from '../../protocol/feed-api';

/** The median over a minute changes slowly: it is recomputed at most this often (it sorts). */
const MEDIAN_EVERY_MS = 1000;

/** The volume panel's flows go out at most this often: they sum up to 900 candles per symbol. */
export const FLOWS_EVERY_MS = 1000;

/**
 * Tape news goes out at most this often (the page draws the tape at most 30 times a second):
 * at 20,000 trades a second, 50 rows in every 4 ms batch would cost more to copy than to read.
 */
export const TAPE_EVERY_MS = 30;

const tapeTrade = (trade: Trade): TapeTrade => ({
	id: trade.id,
	price: trade.price,
	qty: trade.qty,
	time: trade.time,
	side: trade.buyerMaker ? 'sell' : 'buy'
});

/**
 * What the panels beside the chart need, kept between batches: the focused symbol's tape and
 * median trade size, the receive time of every book, the newest 24 h ticker of every symbol and
 * the symbols' descriptions. `news` hands the page only what changed since the previous batch.
 * Symbols are upper case inside (as the wire layer sends them), lower case in the news.
 */
export class MarketDesk {
	#focus: string | null = null;
	#tape = new TapeBuffer<Trade>(TAPE_ROWS);
	#median = new SizeMedian();
	#medianQty: number | null = null;
	#medianAt = -Infinity;
	#lastTradeTime = 0;
	#lastTapeId = -1;
	#tapeReset = true;
	/** Worker clock of the last tape news, ms. */
	#tapeSentAt = -Infinity;
	#bookAt = new Map<string, number>();
	#bookSent: DepthBook | null = null;
	readonly #tickers = new Map<string, MiniTicker>();
	#changedTickers = new Set<string>();
	readonly #infos = new Map<string, SymbolInfo>();
	#newInfos: SymbolInfo[] = [];
	/** Worker clock of the last flow news, ms. */
	#flowsAt = -Infinity;

	/** The symbol (any case) whose book and tape go out; its tape starts afresh. */
	focus(symbol: string): void {
		const upper = symbol.toUpperCase();
		if (upper === this.#focus) return;
		this.#focus = upper;
		this.#tape.clear();
		this.#median = new SizeMedian();
		this.#medianQty = null;
		this.#medianAt = -Infinity;
		this.#lastTapeId = -1;
		this.#tapeReset = true;
		this.#bookSent = null;
	}

	/** A parsed trade, as it arrived (before any hold for a cache restore); duplicates are skipped. */
	trade(trade: Trade, receivedAt: number): void {
		if (trade.symbol !== this.#focus || trade.id <= this.#lastTapeId) return;
		this.#lastTapeId = trade.id;
		this.#tape.push(trade, receivedAt);
		this.#median.add(Number(trade.qty), trade.time);
		this.#lastTradeTime = trade.time;
	}

	book(symbol: string, receivedAt: number): void {
		this.#bookAt.set(symbol, receivedAt);
	}

	ticker(ticker: MiniTicker): void {
		this.#tickers.set(ticker.symbol, ticker);
		this.#changedTickers.add(ticker.symbol);
	}

	/** Descriptions from the exchange; each goes out once. */
	describe(infos: readonly SymbolInfo[]): void {
		for (const info of infos) {
			if (this.#infos.has(info.symbol)) continue;
			this.#infos.set(info.symbol, info);
			this.#newInfos.push(info);
		}
	}

	/** A symbol no longer followed: its ticker and book time go. */
	forget(symbol: string): void {
		const upper = symbol.toUpperCase();
		this.#tickers.delete(upper);
		this.#changedTickers.delete(upper);
		this.#bookAt.delete(upper);
	}

	/** Every ticker and description again: a page that starts over (a restart) has none. */
	resend(): void {
		this.#changedTickers = new Set(this.#tickers.keys());
		this.#newInfos = [...this.#infos.values()];
		this.#tapeReset = true;
		this.#bookSent = null;
		this.#flowsAt = -Infinity;
	}

	/** Ms from `now` until held trades may go out as tape news; null when none are held. */
	tapeDueIn(now: number): number | null {
		if (!this.#tape.pending) return null;
		return Math.max(0, this.#tapeSentAt + TAPE_EVERY_MS - now);
	}

	/**
	 * What changed since the last call at `now` (worker clock, ms); `bookOf` gives a symbol's latest
	 * book, `flowsOf` the volume panel's flows (read once a second).
	 */
	news(
		bookOf: (upper: string) => DepthBook | undefined,
		now: number,
		flowsOf: () => FlowNews | null = () => null
	): MarketNews | undefined {
		const tape = this.#tapeReset || this.tapeDueIn(now) === 0 ? this.#tapeNews(now) : undefined;
		const tickers = [...this.#changedTickers].flatMap((s) => this.#tickers.get(s) ?? []);
		this.#changedTickers.clear();
		const infos = this.#newInfos;
		this.#newInfos = [];
		const news: Partial<Record<keyof MarketNews, unknown>> = {
			flows: this.#flows(now, flowsOf) ?? undefined,
			depth: this.#depth(bookOf),
			tape,
			tickers: tickers.length > 0 ? tickers : undefined,
			infos: infos.length > 0 ? infos : undefined
		};
		// Only what changed goes out: a part with nothing new is left out, not sent as undefined.
		for (const key of Object.keys(news) as (keyof MarketNews)[]) {
			if (news[key] === undefined) delete news[key];
		}
		return Object.keys(news).length > 0 ? (news as MarketNews) : undefined;
	}

	#flows(now: number, flowsOf: () => FlowNews | null): FlowNews | null {
		if (now - this.#flowsAt < FLOWS_EVERY_MS) return null;
		const flows = flowsOf();
		if (flows !== null) this.#flowsAt = now;
		return flows;
	}

	#depth(bookOf: (upper: string) => DepthBook | undefined): MarketNews['depth'] {
		const focus = this.#focus;
		const book = focus === null ? undefined : bookOf(focus);
		if (focus === null || book === undefined || book === this.#bookSent) return undefined;
		this.#bookSent = book;
		const { lastUpdateId, bids, asks } = book;
		const receivedAt = this.#bookAt.get(focus) ?? 0;
		return { symbol: focus.toLowerCase(), lastUpdateId, bids, asks, receivedAt };
	}

	#tapeNews(now: number): TapeNews | undefined {
		const focus = this.#focus;
		if (focus === null) return undefined;
		const { items, oldestReceivedAt } = this.#tape.take();
		const reset = this.#tapeReset;
		if (items.length === 0 && !reset) return undefined;
		this.#tapeReset = false;
		this.#tapeSentAt = now;
		const trades = (reset ? this.#tape.all() : items).map(tapeTrade);
		return {
			symbol: focus.toLowerCase(),
			reset,
			trades,
			oldestReceivedAt,
			medianQty: this.#medianNow()
		};
	}

	#medianNow(): number | null {
		const now = this.#lastTradeTime;
		if (now - this.#medianAt >= MEDIAN_EVERY_MS || now < this.#medianAt) {
			this.#medianAt = now;
			this.#medianQty = this.#median.median(now);
		}
		return this.#medianQty;
	}
}
