import { bookFigures, type BookFigures } from '../../core/order-book';
import { BIG_TRADE_MEDIANS, mergeNewestFirst, TAPE_ROWS } from '../../core/trade-tape';
import type { DepthView, TapeTrade } from '../../protocol/feed-api';
import type { FrameMarket } from '../render/batch-coalescer';

/** A book older than this (no depth update arrived) is shown as stale. */
export const BOOK_STALE_MS = 1000;

/** The panels beside the chart: the focused symbol's order book and trade tape. */
export class PanelsState {
	depth = $state.raw<DepthView | null>(null);
	readonly book: BookFigures | null = $derived(
		this.depth ? bookFigures(this.depth.bids, this.depth.asks) : null
	);
	/** Newest first, at most TAPE_ROWS. */
	tape = $state.raw<readonly TapeTrade[]>([]);
	tapeSymbol = $state('');
	/** Median trade size of the last minute, base asset; null before a trade. */
	medianQty = $state<number | null>(null);
	/** The user's big-trade size, base asset; null: BIG_TRADE_MEDIANS times the median. */
	bigQty = $state<number | null>(null);
	readonly threshold: number | null = $derived(
		this.bigQty ?? (this.medianQty === null ? null : this.medianQty * BIG_TRADE_MEDIANS)
	);

	/**
	 * Takes a frame's book and tape; returns the worker receive time of the oldest trade it put on
	 * the tape (for the tape's lag figure), null when none.
	 */
	apply(market: FrameMarket): number | null {
		if (market.depth) this.depth = market.depth;
		const news = market.tape;
		if (news === null) return null;
		const fresh = news.reset || news.symbol !== this.tapeSymbol;
		this.tape = fresh ? news.trades : mergeNewestFirst(news.trades, this.tape, TAPE_ROWS);
		this.tapeSymbol = news.symbol;
		if (news.medianQty !== null || fresh) this.medianQty = news.medianQty;
		return news.trades.length > 0 ? news.oldestReceivedAt : null;
	}

	/** Whether the book is older than BOOK_STALE_MS at `now` (epoch ms, the worker's clock scale). */
	stale(now: number): boolean {
		const depth = this.depth;
		return depth === null || now - depth.receivedAt > BOOK_STALE_MS;
	}

	/** Forget book and tape (another symbol, a restart, a replay). */
	clear(): void {
		this.depth = null;
		this.tape = [];
		this.tapeSymbol = '';
		this.medianQty = null;
	}
}
