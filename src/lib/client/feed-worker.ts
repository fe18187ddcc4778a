/** The worker is created here so the bundler sees the `new URL(..., import.meta.url)` pattern. */
function newFeedWorker(): Worker {
	return new Worker(new URL('../feed/feed.worker.ts', import.meta.url), {
		type: 'module',
		name: 'tickscope-feed'
	});
}

let early: Worker | null = null;

/**
 * Starts the feed worker before the page needs it: the root layout calls this as soon as its
 * module runs, so the worker's script loads and compiles, and it opens the tick cache, while the
 * page's own (larger) code is still loading. A reload then draws the cached candles that much
 * sooner. `createFeedWorker` hands this worker over.
 */
export function startFeedWorkerEarly(): void {
	if (typeof Worker === 'function') early ??= newFeedWorker();
}

/** The worker started early if it was not taken yet, otherwise a new one. */
export function createFeedWorker(): Worker {
	const worker = early ?? newFeedWorker();
	early = null;
	return worker;
}
