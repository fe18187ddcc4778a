import { RestError, type BinanceRest, type SymbolInfo } from '../../binance/rest';
import type { RefusedSymbol } from '../../protocol/feed-api';

/** The REST call the check takes (BinanceRest fits). */
export type SymbolRest = Pick<BinanceRest, 'exchangeInfo'>;

/** What the exchange said of a symbol: its info, or null for "no such symbol". */
export type Verdict = SymbolInfo | null;

/** Verdicts kept from earlier checks (SymbolInfoCache.of fits). Neither method rejects. */
export interface KnownSymbols {
	/** The verdicts young enough to trust, by upper-case symbol; the others are left out. */
	fresh(symbols: readonly string[]): Promise<ReadonlyMap<string, Verdict>>;
	/** Verdicts the exchange just gave, by upper-case symbol. */
	remember(verdicts: ReadonlyMap<string, Verdict>): Promise<void>;
}

/** Knows nothing: every symbol is asked about. */
export const NOTHING_KNOWN: KnownSymbols = {
	fresh: () => Promise.resolve(new Map()),
	remember: () => Promise.resolve()
};

/** What the exchange says of one symbol. */
async function lookUp(rest: SymbolRest, symbol: string, signal: AbortSignal): Promise<Verdict> {
	try {
		const [info] = await rest.exchangeInfo([symbol], signal);
		return info ?? null;
	} catch (error) {
		// Binance answers an unknown symbol with HTTP 400 ("Invalid symbol.", code -1121).
		if (error instanceof RestError && error.status === 400) return null;
		throw error;
	}
}

/** The exchange's verdicts on `symbols` (config case) by upper-case symbol; unanswered ones left out. */
async function ask(
	rest: SymbolRest,
	symbols: readonly string[],
	signal: AbortSignal
): Promise<Map<string, Verdict>> {
	const answers = await Promise.allSettled(symbols.map((symbol) => lookUp(rest, symbol, signal)));
	const verdicts = new Map<string, Verdict>();
	answers.forEach((answer, i) => {
		const symbol = symbols[i];
		if (symbol !== undefined && answer.status === 'fulfilled') {
			verdicts.set(symbol.toUpperCase(), answer.value);
		}
	});
	return verdicts;
}

function refusal(symbol: string, verdict: Verdict | undefined): RefusedSymbol[] {
	const upper = symbol.toUpperCase();
	if (verdict === null) {
		return [{ symbol, reason: `${upper} is not a symbol on this Binance spot host` }];
	}
	if (verdict !== undefined && verdict.status !== 'TRADING') {
		return [{ symbol, reason: `${upper} is not trading (status ${verdict.status})` }];
	}
	return [];
}

/**
 * Returns those of `symbols` the exchange does not trade: unknown, or not in `TRADING` status
 * (`BREAK`, `HALT`, ...). Verdicts `known` trusts are used as they are; the exchange is asked
 * about the others (one request each: Binance refuses a whole list for one unknown name) and its
 * answers are remembered. A symbol whose answer did not come (network, rate limit) is not
 * refused: an unreachable host is told apart, not blamed on the symbol.
 */
export async function refusedSymbols(
	rest: SymbolRest,
	symbols: readonly string[],
	signal: AbortSignal,
	known: KnownSymbols = NOTHING_KNOWN
): Promise<RefusedSymbol[]> {
	const cached = await known.fresh(symbols.map((symbol) => symbol.toUpperCase()));
	const missing = symbols.filter((symbol) => !cached.has(symbol.toUpperCase()));
	const fetched =
		missing.length > 0 ? await ask(rest, missing, signal) : new Map<string, Verdict>();
	if (fetched.size > 0) await known.remember(fetched);
	const verdicts = new Map([...cached, ...fetched]);
	return symbols.flatMap((symbol) => refusal(symbol, verdicts.get(symbol.toUpperCase())));
}
