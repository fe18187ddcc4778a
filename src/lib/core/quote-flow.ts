/** The windows the volume panel compares, in minutes, shortest first. */
export const FLOW_MINUTES = [1, 5, 15] as const;
export type FlowMinutes = (typeof FLOW_MINUTES)[number];

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Taker buy and taker sell quote volume over one window, as floats (for display). */
export interface QuoteFlow {
	readonly buy: number;
	readonly sell: number;
}

/** One symbol's flows, one per window of `FLOW_MINUTES`, in that order. */
export interface SymbolFlow {
	/** Lower case, as the page names symbols. */
	readonly symbol: string;
	readonly flows: readonly QuoteFlow[];
}

/** Every watched symbol's flows over windows that end with the second `toMs` opens. */
export interface FlowNews {
	readonly toMs: number;
	readonly symbols: readonly SymbolFlow[];
}

/** What flows are read from: a symbol's exact 1 s candles (the aggregator). */
export interface FlowSource {
	readonly symbol: string;
	/** Open time of the newest 1 s candle, ms; null before the first trade. */
	readonly newestSecond: number | null;
	/** Buy and sell quote volume of the 1 s candles opening at or after `fromMs`. */
	quoteFlow(fromMs: number): QuoteFlow;
}

/**
 * Buy and sell quote volume of each source over the last 1, 5 and 15 minutes. The windows end at
 * the newest second any source traded in (the market's clock, so a replay or a skewed device
 * clock reads the same), each holding that second and the ones before it: a symbol that has not
 * traded for a while shows less, not an older window. Null when no source has traded.
 */
export function quoteFlows(sources: Iterable<FlowSource>): FlowNews | null {
	const all = [...sources];
	let toMs = -Infinity;
	for (const source of all) toMs = Math.max(toMs, source.newestSecond ?? -Infinity);
	if (toMs === -Infinity) return null;
	return {
		toMs,
		symbols: all.map((source) => ({
			symbol: source.symbol.toLowerCase(),
			flows: FLOW_MINUTES.map((minutes) => source.quoteFlow(toMs - minutes * MINUTE + SECOND))
		}))
	};
}

/** Buy share of a flow's total, 0..1; null when nothing traded. */
export function buyShare(flow: QuoteFlow): number | null {
	const total = flow.buy + flow.sell;
	return total > 0 ? flow.buy / total : null;
}
