import type { BookTop, FeedBatch, FeedListener, FeedStatus } from '../../protocol/feed-api';
import type { RunContext } from './feed-run';
import type { BarSource } from './views';

/**
 * Posts one batch: the watched views' updates from `sourceOf`, with `status` and `books`. A
 * rejected post (the page went away) is a fault, logged once; a throw is left to the caller.
 * Returns the page's answer (comlink's promise): the flush scheduler waits for it (backpressure).
 */
export function postBatch(
	context: RunContext,
	listener: FeedListener,
	status: FeedStatus,
	sourceOf: (symbol: string) => BarSource | undefined,
	books: readonly BookTop[] = []
): unknown {
	const { views, buffers } = context.views.collect(sourceOf);
	const batch: FeedBatch = {
		seq: context.nextSeq(),
		sentAt: context.deps.now(),
		status,
		views,
		books
	};
	const posted = context.deps.post(listener, batch, buffers);
	if (posted instanceof Promise) {
		posted.catch((error: unknown) => context.fault('posting a batch', error));
	}
	return posted;
}
