/**
 * One symbol as the exchange describes it (`/api/v3/exchangeInfo`), with the precision filters
 * that matter for display and search.
 */
export interface SymbolInfo {
	/** Upper-case, `BTCUSDT`. */
	readonly symbol: string;
	/** `TRADING`, `BREAK`, `HALT`, ... */
	readonly status: string;
	readonly baseAsset: string;
	readonly quoteAsset: string;
	/** `PRICE_FILTER.tickSize`, a decimal string; null when the filter is absent. */
	readonly tickSize: string | null;
	/** `LOT_SIZE.stepSize`, a decimal string; null when the filter is absent. */
	readonly stepSize: string | null;
}
