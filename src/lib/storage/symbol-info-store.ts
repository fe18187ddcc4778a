import type { SymbolInfo } from '../core/symbol-info';

/** Primary key of a stored verdict: host namespace (feed/cache/cache-keys.ts), upper-case symbol. */
export type SymbolVerdictKey = [namespace: string, symbol: string];

/** What one exchange host said of one symbol, and when. */
export interface SymbolVerdict {
	/** '' for Binance spot, else `host:port` (cacheNamespace). */
	readonly namespace: string;
	/** Upper-case, `BTCUSDT`. */
	readonly symbol: string;
	/** The exchange's description; null when it answered that it has no such symbol. */
	readonly info: SymbolInfo | null;
	/** Local clock when the answer came, epoch ms. */
	readonly fetchedAt: number;
	/** It came with the exchange's full listing (symbol search), not from a question about this symbol. */
	readonly listed?: boolean;
}

/**
 * The exchange's answers about symbols, per host namespace. Each verdict is a record of its own
 * and a later one simply replaces it, so any tab may write. Methods reject once the store is closed.
 */
export interface SymbolInfoStore {
	/** The stored verdicts of `symbols` (upper-case) in `namespace`; symbols never stored are left out. */
	get(namespace: string, symbols: readonly string[]): Promise<SymbolVerdict[]>;
	/** Every stored verdict of `namespace`, by symbol. */
	all(namespace: string): Promise<SymbolVerdict[]>;
	/** Stores `verdicts` in one write, each replacing the one before it. */
	put(verdicts: readonly SymbolVerdict[]): Promise<void>;
	close(): void;
}

export const verdictKey = (v: { namespace: string; symbol: string }): SymbolVerdictKey => [
	v.namespace,
	v.symbol
];
