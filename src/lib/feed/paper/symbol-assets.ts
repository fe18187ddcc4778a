import type { SymbolInfo } from '../../core/symbol-info';

/** Quote assets by which a symbol's name ends, longest first, for when the exchange was never asked. */
const QUOTES = ['FDUSD', 'USDT', 'USDC', 'TUSD', 'BUSD', 'EUR', 'TRY', 'BTC', 'ETH', 'BNB'];

/** The base and quote asset of `symbol` (lower case): the exchange's, or read off the name. */
export function assetsOf(
	symbol: string,
	info: SymbolInfo | null
): { baseAsset: string; quoteAsset: string } {
	if (info !== null) return { baseAsset: info.baseAsset, quoteAsset: info.quoteAsset };
	const upper = symbol.toUpperCase();
	const quote = QUOTES.find((q) => upper.endsWith(q) && upper.length > q.length);
	if (quote === undefined) return { baseAsset: upper, quoteAsset: 'quote' };
	return { baseAsset: upper.slice(0, -quote.length), quoteAsset: quote };
}
