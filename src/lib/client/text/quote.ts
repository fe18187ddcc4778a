import type { BookTop } from '../../protocol/feed-api';
import { decimalsOf, formatDecimal, subtractDecimal } from './decimal-text';

export type Direction = 'up' | 'down' | 'flat';

/** The active symbol's figures as shown: text ready for the screen, '–' when unknown. */
export interface QuoteView {
	readonly last: string;
	readonly bid: string;
	readonly ask: string;
	readonly spread: string;
	/** Spread over the mid price in basis points. */
	readonly spreadBps: string;
}

const NONE = '–';

/** The most decimals among the given prices: the symbol's tick precision as far as the data shows it. */
export function priceDecimals(previous: number, ...prices: (string | null | undefined)[]): number {
	let decimals = previous;
	for (const price of prices) {
		if (price !== null && price !== undefined) decimals = Math.max(decimals, decimalsOf(price));
	}
	return decimals;
}

/** Whether `next` is above, below or equal to `previous` (exact, on the text). */
export function direction(previous: string | undefined, next: string): Direction {
	if (previous === undefined) return 'flat';
	const diff = subtractDecimal(next, previous);
	if (diff === null || /^-?0(\.0*)?$/.test(diff)) return 'flat';
	return diff.startsWith('-') ? 'down' : 'up';
}

/** Tight books (BTCUSDT: 0.002 bp) need more digits than wide ones. */
function formatBps(bps: number): string {
	return bps.toFixed(bps >= 10 ? 1 : bps >= 1 ? 2 : 3);
}

export function quoteView(
	last: string | undefined,
	book: BookTop | undefined,
	decimals: number
): QuoteView {
	const show = (text: string | null | undefined) =>
		text == null ? NONE : formatDecimal(text, decimals);
	const bid = book?.bestBid ?? null;
	const ask = book?.bestAsk ?? null;
	const spread = bid !== null && ask !== null ? subtractDecimal(ask, bid) : null;
	let spreadBps = NONE;
	if (spread !== null && bid !== null && ask !== null) {
		const mid = (Number(bid) + Number(ask)) / 2;
		if (mid > 0) spreadBps = formatBps((Number(spread) / mid) * 10_000);
	}
	return { last: show(last), bid: show(bid), ask: show(ask), spread: show(spread), spreadBps };
}
