/**
 * The first message the feed worker posts, before its main code runs: the page learns that the
 * worker's thread is up (see client/feed-worker.ts, `feedWorkerStarted`). Not a comlink message
 * (no `id`), so comlink on the page ignores it.
 */
export const WORKER_STARTED = 'tickscope:feed-worker-started';

export interface WorkerStartedMessage {
	readonly type: typeof WORKER_STARTED;
}

export function isWorkerStarted(data: unknown): data is WorkerStartedMessage {
	return (
		typeof data === 'object' &&
		data !== null &&
		(data as { type?: unknown }).type === WORKER_STARTED
	);
}
