import type { FeedBatch, FeedListener } from '../../protocol/feed-api';
import type { PaperView } from '../../protocol/paper-api';
import { TEST_SEAMS } from '../../core/test-seams';
import type { BarSource, ViewTracker } from './views';

/** Hands a batch to the UI; the worker wraps it in comlink's `transfer(batch, transfer)`. */
export type PostBatch = (
	listener: FeedListener,
	batch: FeedBatch,
	transfer: ArrayBuffer[]
) => unknown;

/** What posting takes from a run's context (`RunContext` fits). */
export interface BatchContext {
	readonly deps: { readonly now: () => number; readonly post: PostBatch };
	readonly views: ViewTracker;
	nextSeq(): number;
	fault(where: string, error: unknown): void;
	/** The paper desk's news for the batch, if any. */
	readonly paper?: { news(): PaperView | undefined };
}

/** A batch's news besides the views: what the live run or the replay has to say. */
export type BatchNews = Omit<FeedBatch, 'seq' | 'sentAt' | 'views' | 'books'> &
	Partial<Pick<FeedBatch, 'books'>>;

/**
 * Builds and posts one batch: the watched views' updates from `sourceOf` (a symbol without one
 * gets nothing this time), with `news`. The bar columns and the arrivals' counts are transferred.
 * A rejected post (the page went away) is a fault, logged once; a throw is left to the caller.
 * Returns the page's answer (comlink's promise): the flush scheduler waits for it (backpressure).
 */
export function postBatch(
	context: BatchContext,
	listener: FeedListener,
	sourceOf: (symbol: string) => BarSource | undefined,
	news: BatchNews
): unknown {
	const { views, buffers, indicators } = context.views.collect(sourceOf);
	// Only the test build records arrivals (core/test-seams.ts): the production bundle drops this.
	if (TEST_SEAMS && news.arrivals) buffers.push(news.arrivals.counts.buffer);
	const paper = context.paper?.news();
	const batch: FeedBatch = {
		...news,
		...(paper === undefined ? {} : { paper }),
		seq: context.nextSeq(),
		sentAt: context.deps.now(),
		views,
		books: news.books ?? [],
		...(indicators.length > 0 ? { indicators } : {})
	};
	const posted = context.deps.post(listener, batch, buffers);
	if (posted instanceof Promise) {
		posted.catch((error: unknown) => context.fault('posting a batch', error));
	}
	return posted;
}
