import { transfer } from 'comlink';
import type { PostBatch } from './batch-post';

/**
 * Posts through the comlink proxy of the UI's listener, moving the bar columns' buffers instead
 * of copying them. The worker's copies are fresh per batch, so nothing it still uses is detached.
 * Through comlink the call returns a promise of the page's answer, sent once its listener returned:
 * the flush scheduler posts nothing else until then (backpressure).
 */
export const postWithTransfer: PostBatch = (listener, batch, buffers) =>
	listener.batch(transfer(batch, buffers));
