import type { Interval } from '../../core/interval';
import type {
	Arrivals,
	BarColumns,
	BookTop,
	FeedBatch,
	FeedStatus,
	ViewUpdate
} from '../../protocol/feed-api';
import { MarketMerge, type FrameMarket } from './market-merge';

export type { FrameMarket };

/**
 * One view's changes over every batch since the last frame, in a batch's own shape: `bars` are
 * the merged changes, ascending, no time twice (or the whole history after a reset).
 */
export type ViewFrame = ViewUpdate;

/** Everything to apply in one animation frame. */
export interface Frame {
	/** `seq` of the newest batch in the frame. */
	readonly seq: number;
	/** How many batches were folded into this frame. */
	readonly batches: number;
	readonly status: FeedStatus;
	readonly views: readonly ViewFrame[];
	/** Newest book top per symbol. */
	readonly books: readonly BookTop[];
	/** Worker clock when the oldest news behind `views` arrived (FeedBatch.oldestReceivedAt), null when unknown. */
	readonly oldestReceivedAt: number | null;
	/** When the trades behind `views` arrived (FeedBatch.arrivals), one entry per batch. */
	readonly arrivals: readonly Arrivals[];
	/** Book, tape and tickers of every batch in the frame, merged. */
	readonly market: FrameMarket;
}

export const BAR_KEYS = [
	'time',
	'open',
	'high',
	'low',
	'close',
	'volume',
	'buyVolume',
	'count'
] as const satisfies readonly (keyof BarColumns)[];

/** A prefix of a batch's columns: trimming only lowers `length`, nothing is copied until a frame is taken. */
interface Chunk {
	readonly bars: BarColumns;
	length: number;
}

interface PendingView {
	readonly viewId: string;
	readonly symbol: string;
	readonly interval: Interval;
	readonly reset: boolean;
	/** The reset's provisional bar (ViewUpdate.provisional), if any. */
	readonly provisional: number | undefined;
	readonly chunks: Chunk[];
	lastPrice: string | null;
}

/** Index of the first time >= `time` in the first `length` entries of ascending `times`. */
function lowerBound(times: Float64Array, length: number, time: number): number {
	let lo = 0;
	let hi = length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if ((times[mid] ?? Infinity) < time) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Drops queued bars at or after `time`: a later batch carries their newer version. */
function trimFrom(chunks: Chunk[], time: number): void {
	for (let last = chunks.at(-1); last !== undefined; last = chunks.at(-1)) {
		last.length = lowerBound(last.bars.time, last.length, time);
		if (last.length > 0) return;
		chunks.pop();
	}
}

export function emptyBars(): BarColumns {
	const empty = new Float64Array(0);
	return {
		time: empty,
		open: empty,
		high: empty,
		low: empty,
		close: empty,
		volume: empty,
		buyVolume: empty,
		count: empty
	};
}

function concat(chunks: readonly Chunk[]): BarColumns {
	const only = chunks[0];
	if (chunks.length === 1 && only !== undefined && only.length === only.bars.time.length) {
		return only.bars;
	}
	if (chunks.length === 0) return emptyBars();
	const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
	const out = Object.fromEntries(BAR_KEYS.map((key) => [key, new Float64Array(total)])) as Record<
		(typeof BAR_KEYS)[number],
		Float64Array
	>;
	let at = 0;
	for (const chunk of chunks) {
		for (const key of BAR_KEYS) out[key].set(chunk.bars[key].subarray(0, chunk.length), at);
		at += chunk.length;
	}
	return out;
}

/** A pending view as its frame's update; `provisional` only when the reset has one. */
function frameOf(view: PendingView): ViewFrame {
	const { viewId, symbol, interval, reset, provisional, lastPrice } = view;
	const frame = { viewId, symbol, interval, reset, bars: concat(view.chunks), lastPrice };
	return provisional === undefined ? frame : { ...frame, provisional };
}

/**
 * Folds worker batches into one frame. Memory stays bounded while frames are not taken (a hidden tab
 * runs no animation frames): the status and each book keep only their newest value, and a view keeps
 * one version of each bar, because every delta starts at or after the previous delta's last bar.
 * `accepts` picks the worker views kept (a chart needs only its own); the others are not held.
 */
export class BatchCoalescer {
	#views = new Map<string, PendingView>();
	#books = new Map<string, BookTop>();
	#status: FeedStatus | null = null;
	#seq = 0;
	#batches = 0;
	#oldest: number | null = null;
	#arrivals: Arrivals[] = [];
	readonly #market = new MarketMerge();
	readonly #accepts: (viewId: string) => boolean;

	constructor(accepts: (viewId: string) => boolean = () => true) {
		this.#accepts = accepts;
	}

	/** A batch came since the last take. */
	get pending(): boolean {
		return this.#status !== null;
	}

	/** An accepted view changed since the last take. */
	get hasViews(): boolean {
		return this.#views.size > 0;
	}

	/** Changed bars waiting, over every view that is not a reset (a reset is drawn in one call). */
	get pendingBars(): number {
		let bars = 0;
		for (const view of this.#views.values()) {
			if (!view.reset) for (const chunk of view.chunks) bars += chunk.length;
		}
		return bars;
	}

	add(batch: FeedBatch): void {
		this.#status = batch.status;
		this.#seq = batch.seq;
		this.#batches += 1;
		for (const book of batch.books) this.#books.set(book.symbol, book);
		if (batch.market) this.#market.add(batch.market);
		let accepted = false;
		for (const update of batch.views) {
			if (!this.#accepts(update.viewId)) continue;
			this.#addView(update);
			accepted = true;
		}
		const oldest = batch.oldestReceivedAt;
		if (accepted && oldest !== undefined) this.#oldest = Math.min(this.#oldest ?? oldest, oldest);
		if (accepted && batch.arrivals !== undefined) this.#arrivals.push(batch.arrivals);
	}

	#addView(update: FeedBatch['views'][number]): void {
		const pending = this.#views.get(update.viewId);
		const fresh: Chunk = { bars: update.bars, length: update.bars.time.length };
		const sameView =
			pending !== undefined &&
			pending.symbol === update.symbol &&
			pending.interval === update.interval;
		if (update.reset || !sameView) {
			// A reset replaces history; a delta for another symbol or interval means the view was re-pointed.
			this.#views.set(update.viewId, {
				viewId: update.viewId,
				symbol: update.symbol,
				interval: update.interval,
				reset: update.reset,
				provisional: update.provisional,
				chunks: fresh.length > 0 ? [fresh] : [],
				lastPrice: update.lastPrice
			});
			return;
		}
		const first = update.bars.time[0];
		if (first !== undefined) {
			trimFrom(pending.chunks, first);
			pending.chunks.push(fresh);
		}
		pending.lastPrice = update.lastPrice ?? pending.lastPrice;
	}

	/** The frame of everything added since the last take, or null when nothing was. */
	take(): Frame | null {
		const status = this.#status;
		if (status === null) return null;
		const frame: Frame = {
			seq: this.#seq,
			batches: this.#batches,
			status,
			views: [...this.#views.values()].map(frameOf),
			books: [...this.#books.values()],
			oldestReceivedAt: this.#oldest,
			arrivals: this.#arrivals,
			market: this.#market.take()
		};
		this.#arrivals = [];
		this.#views.clear();
		this.#books.clear();
		this.#status = null;
		this.#batches = 0;
		this.#oldest = null;
		return frame;
	}
}
