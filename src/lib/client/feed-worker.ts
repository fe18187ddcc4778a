import { feedWorkerName, type FeedHint } from '../protocol/feed-hint';
import { FEED_PORT, type FeedPortMessage } from '../protocol/feed-port';
import { isWorkerStarted } from '../protocol/worker-started';
import type { FeedEndpoint } from './feed-client';
import { browserStorage } from './settings/browser-storage';
import { readQuery, resolveSettings } from './settings/settings';
import { loadStoredSettings } from './settings/settings-storage';

/** The worker is created here so the bundler sees the `new URL(..., import.meta.url)` pattern. */
function newFeedWorker(hint: FeedHint | null): Worker {
	return new Worker(new URL('../feed/feed.worker.ts', import.meta.url), {
		type: 'module',
		name: feedWorkerName(hint)
	});
}

/**
 * The feed this page is about to start, read as the page will read it (the URL's parameters over
 * the stored settings); null where that cannot be read.
 */
function pageHint(): FeedHint | null {
	try {
		const stored = loadStoredSettings(browserStorage());
		const { settings } = resolveSettings(readQuery(location.search), stored);
		return { wsBase: settings.wsBase, symbols: settings.symbols, source: settings.source };
	} catch {
		return null;
	}
}

/**
 * The feed worker as the client talks to it: calls and answers over a MessagePort sent to the
 * worker first (protocol/feed-port.ts says why), the worker's own `error` events (a script that
 * fails to load), and `terminate`.
 */
export class FeedWorkerEndpoint implements FeedEndpoint {
	readonly #worker: Worker;
	readonly #port: MessagePort;

	constructor(worker: Worker) {
		const channel = new MessageChannel();
		const message: FeedPortMessage = { type: FEED_PORT, port: channel.port2 };
		worker.postMessage(message, [channel.port2]);
		this.#worker = worker;
		this.#port = channel.port1;
	}

	postMessage(message: unknown, transfer?: Transferable[]): void {
		this.#port.postMessage(message, transfer ?? []);
	}

	addEventListener(
		type: string,
		listener: EventListenerOrEventListenerObject,
		options?: AddEventListenerOptions
	): void {
		this.#target(type).addEventListener(type, listener, options);
	}

	removeEventListener(
		type: string,
		listener: EventListenerOrEventListenerObject,
		options?: EventListenerOptions
	): void {
		this.#target(type).removeEventListener(type, listener, options);
	}

	start(): void {
		this.#port.start();
	}

	terminate(): void {
		this.#port.close();
		this.#worker.terminate();
	}

	#target(type: string): EventTarget {
		return type === 'message' || type === 'messageerror' ? this.#port : this.#worker;
	}
}

let early: FeedWorkerEndpoint | null = null;
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
	// The worker reads the newest cached ticks of the page's symbols as it starts (feed-hint.ts).
	const worker = newFeedWorker(pageHint());
	started = whenRunning(worker);
	early = new FeedWorkerEndpoint(worker);
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
export function createFeedWorker(): FeedEndpoint {
	const worker = early ?? new FeedWorkerEndpoint(newFeedWorker(null));
	early = null;
	return worker;
}
