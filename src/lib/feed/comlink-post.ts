import { transfer } from 'comlink';
import type { PostBatch } from './feed-run';

/**
 * Posts through the comlink proxy of the UI's listener, moving the bar columns' buffers instead
 * of copying them. The worker's copies are fresh per batch, so nothing it still uses is detached.
 */
export const postWithTransfer: PostBatch = (listener, batch, buffers) =>
	listener.batch(transfer(batch, buffers));
