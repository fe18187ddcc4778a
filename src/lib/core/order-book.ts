import { formatUnits, parseUnits } from './decimal';

/**
 * Figures of a top-N order book (`<s>@depth20@100ms`) as a trader reads them beside the chart.
 * Prices and sizes stay the exchange's decimal strings; spread and mid are exact (scaled
 * integers), cumulative depth and imbalance are ratios for display, so binary floats are fine there.
 */

/** One level: price and quantity as the exchange sent them. */
export type Level = readonly [price: string, qty: string];

export interface LevelView {
	readonly price: string;
	readonly qty: string;
	/** Sum of the sizes from the best level to this one, base asset. */
	readonly cumulative: number;
	/** `cumulative` over the deeper of the two sides' totals: 0..1, the width of the depth bar. */
	readonly depth: number;
}

export interface BookFigures {
	/** Best (highest) bid first. */
	readonly bids: readonly LevelView[];
	/** Best (lowest) ask first. */
	readonly asks: readonly LevelView[];
	/** Best ask minus best bid, exact decimal text; null without both sides. */
	readonly spread: string | null;
	/** Spread over the mid price, basis points; null without both sides. */
	readonly spreadBps: number | null;
	/** (best bid + best ask) / 2, exact decimal text; null without both sides. */
	readonly mid: string | null;
	/**
	 * (bid size - ask size) / (bid size + ask size) over the levels given: -1 (asks only) .. +1 (bids
	 * only); null when both sides are empty.
	 */
	readonly imbalance: number | null;
}

/** Fraction digits as written (`"0.01000000"` has 8): enough scale for exact sums of such text. */
function writtenDecimals(text: string): number {
	const dot = text.indexOf('.');
	return dot < 0 ? 0 : text.length - dot - 1;
}

function cumulate(levels: readonly Level[]): { views: LevelView[]; total: number } {
	let total = 0;
	const views = levels.map(([price, qty]) => {
		total += Number(qty);
		return { price, qty, cumulative: total, depth: 0 };
	});
	return { views, total };
}

function withDepth(views: LevelView[], deepest: number): LevelView[] {
	return deepest > 0 ? views.map((view) => ({ ...view, depth: view.cumulative / deepest })) : views;
}

/** Exact spread and mid of a best bid and ask; null when either is not a plain decimal. */
export function spreadAndMid(
	bid: string,
	ask: string
): { spread: string; mid: string; spreadBps: number } | null {
	// One digit more than either price has, so the half in the mid is exact.
	const decimals = Math.min(16, Math.max(writtenDecimals(bid), writtenDecimals(ask)) + 1);
	const b = parseUnits(bid, decimals);
	const a = parseUnits(ask, decimals);
	if (b === null || a === null) return null;
	const sum = a + b;
	const mid = formatUnits(sum / 2n, decimals, 0);
	const spread = formatUnits(a - b, decimals, 0);
	const spreadBps = sum > 0n ? (Number(a - b) / (Number(sum) / 2)) * 10_000 : 0;
	return { spread, mid, spreadBps };
}

/** The book's figures; `bids` and `asks` best first, as Binance sends them. */
export function bookFigures(bids: readonly Level[], asks: readonly Level[]): BookFigures {
	const bidSide = cumulate(bids);
	const askSide = cumulate(asks);
	const deepest = Math.max(bidSide.total, askSide.total);
	const bestBid = bids[0]?.[0];
	const bestAsk = asks[0]?.[0];
	const inside =
		bestBid !== undefined && bestAsk !== undefined ? spreadAndMid(bestBid, bestAsk) : null;
	const both = bidSide.total + askSide.total;
	return {
		bids: withDepth(bidSide.views, deepest),
		asks: withDepth(askSide.views, deepest),
		spread: inside?.spread ?? null,
		spreadBps: inside?.spreadBps ?? null,
		mid: inside?.mid ?? null,
		imbalance: both > 0 ? (bidSide.total - askSide.total) / both : null
	};
}
