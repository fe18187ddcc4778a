import { RestError, type BinanceRest, type SymbolInfo } from '../../binance/rest';
import type { RefusedSymbol } from '../../protocol/feed-api';

/** The REST call the check takes (BinanceRest fits). */
export type SymbolRest = Pick<BinanceRest, 'exchangeInfo'>;

/** What the exchange says of one symbol: its info, or that it has no such symbol. */
async function lookUp(
	rest: SymbolRest,
	symbol: string,
	signal: AbortSignal
): Promise<SymbolInfo | null> {
	try {
		const [info] = await rest.exchangeInfo([symbol], signal);
		return info ?? null;
	} catch (error) {
		// Binance answers an unknown symbol with HTTP 400 ("Invalid symbol.", code -1121).
		if (error instanceof RestError && error.status === 400) return null;
		throw error;
	}
}

/**
 * Asks the exchange about each of `symbols` (one request each: Binance refuses a whole list for
 * one unknown name) and returns those it does not trade: unknown, or not in `TRADING` status
 * (`BREAK`, `HALT`, ...). A symbol whose answer did not come (network, rate limit) is not refused:
 * an unreachable host is told apart, not blamed on the symbol.
 */
export async function refusedSymbols(
	rest: SymbolRest,
	symbols: readonly string[],
	signal: AbortSignal
): Promise<RefusedSymbol[]> {
	const answers = await Promise.allSettled(symbols.map((symbol) => lookUp(rest, symbol, signal)));
	const refused: RefusedSymbol[] = [];
	answers.forEach((answer, i) => {
		const symbol = symbols[i];
		if (symbol === undefined || answer.status === 'rejected') return;
		const info = answer.value;
		const upper = symbol.toUpperCase();
		if (info === null) {
			refused.push({ symbol, reason: `${upper} is not a symbol on this Binance spot host` });
		} else if (info.status !== 'TRADING') {
			refused.push({ symbol, reason: `${upper} is not trading (status ${info.status})` });
		}
	});
	return refused;
}
