import { mergeNewestFirst, TAPE_ROWS } from '../../core/trade-tape';
import type {
	DepthView,
	FlowNews,
	MarketNews,
	MiniTicker,
	SymbolInfo,
	TapeNews
} from '../../protocol/feed-api';

/** The market news of the batches in one frame. */
export interface FrameMarket {
	/** The newest book; null when none came. */
	readonly depth: DepthView | null;
	/** The tape news merged: newest first, at most TAPE_ROWS; null when none came. */
	readonly tape: TapeNews | null;
	/** Newest ticker per symbol. */
	readonly tickers: readonly MiniTicker[];
	readonly infos: readonly SymbolInfo[];
	/** The newest flows of the volume panel; null when none came. */
	readonly flows: FlowNews | null;
}

export const NO_MARKET: FrameMarket = {
	depth: null,
	tape: null,
	tickers: [],
	infos: [],
	flows: null
};

/**
 * Folds the market news of several batches, bounded like the rest of a frame: one book, the
 * newest TAPE_ROWS trades, one ticker per symbol.
 */
export class MarketMerge {
	#depth: DepthView | null = null;
	#tape: TapeNews | null = null;
	#tickers = new Map<string, MiniTicker>();
	#infos: SymbolInfo[] = [];
	#flows: FlowNews | null = null;

	add(news: MarketNews): void {
		if (news.flows) this.#flows = news.flows;
		if (news.depth) this.#depth = news.depth;
		if (news.tape) this.#tape = mergeTape(this.#tape, news.tape);
		for (const ticker of news.tickers ?? []) this.#tickers.set(ticker.symbol, ticker);
		if (news.infos) this.#infos = this.#infos.concat(news.infos);
	}

	take(): FrameMarket {
		if (
			this.#depth === null &&
			this.#tape === null &&
			this.#tickers.size === 0 &&
			this.#infos.length === 0 &&
			this.#flows === null
		) {
			return NO_MARKET;
		}
		const frame = {
			depth: this.#depth,
			tape: this.#tape,
			tickers: [...this.#tickers.values()],
			infos: this.#infos,
			flows: this.#flows
		};
		this.#flows = null;
		this.#depth = null;
		this.#tape = null;
		this.#tickers = new Map();
		this.#infos = [];
		return frame;
	}
}

/** A later tape news on top of an earlier one: a reset or another symbol replaces it. */
export function mergeTape(older: TapeNews | null, newer: TapeNews): TapeNews {
	if (older === null || newer.reset || older.symbol !== newer.symbol) return newer;
	const oldest = older.oldestReceivedAt ?? newer.oldestReceivedAt;
	return {
		symbol: newer.symbol,
		reset: older.reset,
		trades: mergeNewestFirst(newer.trades, older.trades, TAPE_ROWS),
		oldestReceivedAt: oldest,
		medianQty: newer.medianQty ?? older.medianQty
	};
}
