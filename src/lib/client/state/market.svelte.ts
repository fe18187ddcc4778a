import type { BookTop } from '../../protocol/feed-api';
import type { Frame } from '../render/batch-coalescer';
import { direction, priceDecimals, quoteView, type Direction } from '../text/quote';
import { formatDecimal } from '../text/decimal-text';

/** Last prices and book tops of every symbol, and the figures of the active one. */
export class MarketState {
	prices = $state.raw<Readonly<Record<string, string>>>({});
	moves = $state.raw<Readonly<Record<string, Direction>>>({});
	books = $state.raw<Readonly<Record<string, BookTop>>>({});
	/** Per symbol, the most decimals seen in its prices: display precision without exchangeInfo. */
	decimals = $state.raw<Readonly<Record<string, number>>>({});
	active = $state('');

	readonly quote = $derived(
		quoteView(this.prices[this.active], this.books[this.active], this.decimals[this.active] ?? 2)
	);

	/** A symbol's last price as shown in its tab, '–' before its first trade. */
	priceText(symbol: string): string {
		const price = this.prices[symbol];
		return price === undefined ? '–' : formatDecimal(price, this.decimals[symbol] ?? 0);
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
		if (frame.books.length > 0) {
			const books = { ...this.books };
			for (const book of frame.books) books[book.symbol] = book;
			this.books = books;
		}
		this.#learnDecimals(changed.map(([symbol]) => symbol).concat(frame.books.map((b) => b.symbol)));
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
	}
}
