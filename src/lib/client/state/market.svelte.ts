import type { BookTop, FlowNews, MiniTicker, SymbolInfo } from '../../protocol/feed-api';
import type { Frame } from '../render/batch-coalescer';
import { direction, priceDecimals, quoteView, type Direction } from '../text/quote';
import { decimalsOf, formatDecimal } from '../text/decimal-text';
import { changeText, compactVolume } from '../text/ticker-text';

/** Last prices and book tops of every symbol, and the figures of the active one. */
export class MarketState {
	prices = $state.raw<Readonly<Record<string, string>>>({});
	moves = $state.raw<Readonly<Record<string, Direction>>>({});
	books = $state.raw<Readonly<Record<string, BookTop>>>({});
	/** Per symbol, the most decimals seen in its prices: display precision without exchangeInfo. */
	decimals = $state.raw<Readonly<Record<string, number>>>({});
	active = $state('');
	/** Newest 24 h ticker per lower-case symbol. */
	tickers = $state.raw<Readonly<Record<string, MiniTicker>>>({});
	/** The exchange's description per lower-case symbol (tickSize, stepSize), once the worker knows it. */
	infos = $state.raw<Readonly<Record<string, SymbolInfo>>>({});
	/** Buy and sell quote volume per symbol over 1, 5 and 15 minutes; null before the first. */
	flows = $state.raw<FlowNews | null>(null);

	readonly quote = $derived(
		quoteView(
			this.prices[this.active],
			this.books[this.active],
			this.priceDecimalsOf(this.active) || (this.decimals[this.active] ?? 2)
		)
	);

	/** A symbol's last price as shown in its tab, '–' before its first trade. */
	priceText(symbol: string): string {
		const price = this.prices[symbol] ?? this.tickers[symbol]?.close;
		return price === undefined ? '–' : formatDecimal(price, this.priceDecimalsOf(symbol));
	}

	/** Decimals of a symbol's prices: its tickSize's, else the most seen in its prices. */
	priceDecimalsOf(symbol: string): number {
		const tick = this.infos[symbol]?.tickSize;
		const fromTick = tick ? decimalsOf(tick) : -1;
		return fromTick >= 0 ? fromTick : (this.decimals[symbol] ?? 0);
	}

	/** Decimals of a symbol's sizes: its stepSize's, else 8 (Binance's widest). */
	sizeDecimalsOf(symbol: string): number {
		const step = this.infos[symbol]?.stepSize;
		const fromStep = step ? decimalsOf(step) : -1;
		return fromStep >= 0 ? fromStep : 8;
	}

	/** 24 h change as `+1.23%`, '–' before the first ticker. */
	changeText(symbol: string): string {
		return changeText(this.tickers[symbol]);
	}

	/** 24 h quote volume, compact (`1.2B`), '–' before the first ticker. */
	quoteVolumeText(symbol: string): string {
		const ticker = this.tickers[symbol];
		return ticker ? compactVolume(ticker.quoteVolume) : '–';
	}

	/** The active symbol's 24 h high, low and quote volume as shown in the quote strip. */
	get day(): { high: string; low: string; volume: string; change: string; direction: Direction } {
		const symbol = this.active;
		const ticker = this.tickers[symbol];
		if (!ticker) return { high: '–', low: '–', volume: '–', change: '–', direction: 'flat' };
		const decimals = this.priceDecimalsOf(symbol);
		return {
			high: formatDecimal(ticker.high, decimals),
			low: formatDecimal(ticker.low, decimals),
			volume: compactVolume(ticker.quoteVolume),
			change: changeText(ticker),
			direction: direction(ticker.open, ticker.close)
		};
	}

	apply(frame: Frame): void {
		const prices: Record<string, string> = {};
		for (const view of frame.views)
			if (view.lastPrice !== null) prices[view.symbol] = view.lastPrice;
		const changed = Object.entries(prices).filter(
			([symbol, price]) => this.prices[symbol] !== price
		);
		if (changed.length > 0) {
			const moves = { ...this.moves };
			for (const [symbol, price] of changed) moves[symbol] = direction(this.prices[symbol], price);
			this.moves = moves;
			this.prices = { ...this.prices, ...Object.fromEntries(changed) };
		}
		this.#applyMarket(frame);
		if (frame.books.length > 0) {
			const books = { ...this.books };
			for (const book of frame.books) books[book.symbol] = book;
			this.books = books;
		}
		this.#learnDecimals(changed.map(([symbol]) => symbol).concat(frame.books.map((b) => b.symbol)));
	}

	#applyMarket(frame: Frame): void {
		const { tickers, infos, flows } = frame.market;
		if (flows !== null) this.flows = flows;
		if (tickers.length > 0) {
			const next = { ...this.tickers };
			for (const ticker of tickers) next[ticker.symbol.toLowerCase()] = ticker;
			this.tickers = next;
		}
		if (infos.length > 0) {
			const next = { ...this.infos };
			for (const info of infos) next[info.symbol.toLowerCase()] = info;
			this.infos = next;
		}
	}

	#learnDecimals(symbols: readonly string[]): void {
		let next: Record<string, number> | null = null;
		for (const symbol of symbols.filter((s, i) => symbols.indexOf(s) === i)) {
			const book = this.books[symbol];
			const known = this.decimals[symbol] ?? 0;
			const seen = priceDecimals(known, this.prices[symbol], book?.bestBid, book?.bestAsk);
			if (seen > known) (next ??= { ...this.decimals })[symbol] = seen;
		}
		if (next !== null) this.decimals = next;
	}

	/** Forget everything (the symbol list or hosts changed). */
	clear(): void {
		this.prices = {};
		this.moves = {};
		this.books = {};
		this.decimals = {};
		this.tickers = {};
		this.flows = null;
	}
}
