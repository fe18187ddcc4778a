/**
 * A spot symbol as the app speaks it everywhere (settings, URL, stream names, API): Binance's
 * symbol in lower case, `btcusdt` or `1000satsusdt`.
 */
export const SYMBOL_PATTERN = /^[a-z0-9]{2,20}$/;

/** `SYMBOL_PATTERN` in words, for messages. */
export const SYMBOL_SHAPE = '2-20 lower-case letters or digits';

export function isValidSymbol(symbol: string): boolean {
	return SYMBOL_PATTERN.test(symbol);
}
