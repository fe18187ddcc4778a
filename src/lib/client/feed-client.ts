import { proxy, releaseProxy, wrap, type Endpoint, type Remote } from 'comlink';
import type { Interval } from '../core/interval';
import type { FeedApi, FeedBatch, FeedConfig, KlineRow } from '../protocol/feed-api';
import { BatchCoalescer, type Frame } from './batch-coalescer';
import { FrameScheduler, type FrameClock } from './frame-scheduler';

/** A worker, or in tests one end of a MessageChannel. */
export type FeedEndpoint = Endpoint & { terminate?(): void };

export interface FeedClientOptions {
	readonly endpoint: FeedEndpoint;
	readonly clock: FrameClock;
	/** Called at most once per animation frame with every batch since the previous frame. */
	readonly onFrame: (frame: Frame) => void;
	/** A call to the worker failed, or the worker itself did: words for the user. */
	readonly onError: (message: string) => void;
}

/** The worker is created here so the bundler sees the `new URL(..., import.meta.url)` pattern. */
export function createFeedWorker(): Worker {
	return new Worker(new URL('../feed/feed.worker.ts', import.meta.url), {
		type: 'module',
		name: 'tickscope-feed'
	});
}

const describe = (error: unknown): string =>
	error instanceof Error ? error.message : String(error);

/**
 * The main thread's side of the feed worker. Calls go out in the order they were made (each waits for
 * the previous one), so a `watch` can never overtake the `start` it depends on. Batches are folded
 * and applied once per animation frame.
 */
export class FeedClient {
	readonly #endpoint: FeedEndpoint;
	readonly #api: Remote<FeedApi>;
	readonly #scheduler: FrameScheduler<FeedBatch, Frame>;
	readonly #onError: (message: string) => void;
	#queue: Promise<unknown> = Promise.resolve();
	#closed = false;
	// One listener for every start: comlink gives each transfer its own port, the object stays one.
	readonly #listener = proxy({ batch: (batch: FeedBatch) => this.#scheduler.push(batch) });

	constructor(options: FeedClientOptions) {
		this.#endpoint = options.endpoint;
		this.#api = wrap<FeedApi>(options.endpoint);
		this.#onError = options.onError;
		this.#scheduler = new FrameScheduler(options.clock, new BatchCoalescer(), options.onFrame);
		// A worker that fails to load or throws at top level reports here, not through a call.
		options.endpoint.addEventListener('error', (event: Event) => {
			const message = 'message' in event && typeof event.message === 'string' ? event.message : '';
			if (!this.#closed) this.#onError(`The feed worker failed${message ? `: ${message}` : ''}`);
		});
	}

	/** Milliseconds the last frame took to apply. */
	get lastApplyMs(): number {
		return this.#scheduler.lastApplyMs;
	}

	#call<T>(what: string, call: (api: Remote<FeedApi>) => Promise<T>): Promise<T> {
		const result = this.#queue.then(() => call(this.#api));
		// A failed call must not block later ones; it is reported once, here.
		this.#queue = result.catch((error: unknown) => {
			if (!this.#closed) this.#onError(`${what} failed: ${describe(error)}`);
		});
		return result;
	}

	/** (Re)starts the feed; batches flow to `onFrame` from then on. */
	start(config: FeedConfig): Promise<void> {
		return this.#call('Starting the feed', (api) => api.start(config, this.#listener));
	}

	watch(viewId: string, symbol: string, interval: Interval): Promise<void> {
		return this.#call(`Watching ${symbol} ${interval}`, (api) =>
			api.watch(viewId, symbol, interval)
		);
	}

	unwatch(viewId: string): Promise<void> {
		return this.#call('Unwatching', (api) => api.unwatch(viewId));
	}

	/** Every held candle, exact; for checks and exports. */
	klines(symbol: string, interval: Interval): Promise<KlineRow[]> {
		return this.#call(`Reading ${symbol} ${interval} candles`, (api) =>
			api.klines(symbol, interval)
		);
	}

	/** Stops the feed and the worker; the client is unusable afterwards. */
	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		this.#scheduler.dispose();
		try {
			await Promise.race([this.#api.stop(), new Promise((resolve) => setTimeout(resolve, 500))]);
		} catch {
			// The worker is going away either way.
		}
		this.#api[releaseProxy]();
		this.#endpoint.terminate?.();
	}
}
