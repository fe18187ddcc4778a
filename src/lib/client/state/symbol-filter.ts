import type { SymbolInfo } from '../../protocol/feed-api';

/**
 * Symbols matching what a user typed, best first: `btc` finds BTCUSDT (base asset), `usdt` every
 * USDT market (quote asset), `btc usdt` or `btcusdt` the pair. Ranked: exact base asset, base
 * prefix, quote asset, then symbol contains; alphabetical within a rank. At most `limit`.
 */
export function filterSymbols(
	symbols: readonly SymbolInfo[],
	query: string,
	limit: number
): SymbolInfo[] {
	const words = query
		.toUpperCase()
		.split(/[\s/]+/)
		.filter((word) => word !== '');
	if (words.length === 0) return symbols.slice(0, limit);
	const ranked: { info: SymbolInfo; rank: number }[] = [];
	for (const info of symbols) {
		const rank = rankOf(info, words);
		if (rank !== null) ranked.push({ info, rank });
	}
	ranked.sort((a, b) => a.rank - b.rank || (a.info.symbol < b.info.symbol ? -1 : 1));
	return ranked.slice(0, limit).map((entry) => entry.info);
}

function rankOf(info: SymbolInfo, words: readonly string[]): number | null {
	const [first = '', second] = words;
	if (second !== undefined) {
		// Two words: base then quote, each a prefix.
		return info.baseAsset.startsWith(first) && info.quoteAsset.startsWith(second) ? 0 : null;
	}
	if (info.baseAsset === first) return 0;
	if (info.baseAsset.startsWith(first)) return 1;
	if (info.quoteAsset.startsWith(first)) return 2;
	return info.symbol.includes(first) ? 3 : null;
}
