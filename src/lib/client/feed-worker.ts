import { isWorkerStarted } from '../protocol/worker-started';

/** The worker is created here so the bundler sees the `new URL(..., import.meta.url)` pattern. */
function newFeedWorker(): Worker {
	return new Worker(new URL('../feed/feed.worker.ts', import.meta.url), {
		type: 'module',
		name: 'tickscope-feed'
	});
}

let early: Worker | null = null;
let started: Promise<void> = Promise.resolve();

/** Resolves when `worker` posts that it runs (protocol/worker-started.ts) or fails to load. */
export function whenRunning(worker: EventTarget): Promise<void> {
	return new Promise((resolve) => {
		const done = () => {
			worker.removeEventListener('message', onMessage);
			worker.removeEventListener('error', done);
			resolve();
		};
		const onMessage = (event: Event) => {
			if (event instanceof MessageEvent && isWorkerStarted(event.data)) done();
		};
		worker.addEventListener('message', onMessage);
		worker.addEventListener('error', done);
	});
}

/**
 * Starts the feed worker before the page needs it: src/hooks.client.ts calls this as SvelteKit's
 * entry loads, so the worker's script loads and compiles, and it opens the tick cache, while the
 * page's own code is still loading. A reload then draws the cached candles that much sooner.
 * `createFeedWorker` hands this worker over.
 */
export function startFeedWorkerEarly(): void {
	if (typeof Worker !== 'function' || early !== null) return;
	early = newFeedWorker();
	started = whenRunning(early);
}

/**
 * Resolves once the early worker runs its first line, or after `capMs`, whichever is first
 * (at once when none was started). Chromium starts a dedicated worker's thread only when the
 * page's main thread handles the browser's "script loaded" message: a page that goes straight on
 * to its first mount (tens of ms of script in one task) holds the worker back until it is done.
 * Waiting for the worker first costs the page a few ms of idle time; the worker then restores
 * the cache while the page mounts. The cap bounds the wait on a slow network (the worker's
 * script not cached yet).
 */
export function feedWorkerStarted(capMs: number): Promise<void> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const cap = new Promise<void>((resolve) => (timer = setTimeout(resolve, capMs)));
	return Promise.race([started, cap]).finally(() => clearTimeout(timer));
}

/** The worker started early if it was not taken yet, otherwise a new one. */
export function createFeedWorker(): Worker {
	const worker = early ?? newFeedWorker();
	early = null;
	return worker;
}
