import { proxy, releaseProxy, transfer, wrap, type Endpoint, type Remote } from 'comlink';
import type { Interval } from '../core/interval';
import type {
	CacheStats,
	FeedApi,
	FeedBatch,
	FeedConfig,
	ImportProgress,
	KlineRow,
	ReplayRequest,
	ReplaySession
} from '../protocol/feed-api';

/** Play, pause, speed or seek: the argument of `FeedApi.replayControl`. */
export type ReplayCommand = Parameters<FeedApi['replayControl']>[0];

/** A worker, or in tests one end of a MessageChannel. */
export type FeedEndpoint = Endpoint & { terminate?(): void };

export interface FeedClientOptions {
	readonly endpoint: FeedEndpoint;
	/**
	 * Every worker batch, in order, as it arrives (the render scheduler merges and draws them). The
	 * worker posts its next batch only once this returned, so it must hand off, never draw or wait.
	 */
	readonly onBatch: (batch: FeedBatch) => void;
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
 * the previous one), so a `watch` can never overtake the `start` it depends on. Batches go to
 * `onBatch`; comlink answers the worker's post when it returned, which is the worker's go-ahead
 * for the next batch (backpressure: a busy page gets fewer, fuller batches, never a queue).
 */
export class FeedClient {
	readonly #endpoint: FeedEndpoint;
	readonly #api: Remote<FeedApi>;
	readonly #onBatch: (batch: FeedBatch) => void;
	readonly #onError: (message: string) => void;
	#queue: Promise<unknown> = Promise.resolve();
	#closed = false;
	// One listener for every start: comlink gives each transfer its own port, the object stays one.
	readonly #listener = proxy({
		batch: (batch: FeedBatch) => {
			if (!this.#closed) this.#onBatch(batch);
		}
	});

	constructor(options: FeedClientOptions) {
		this.#endpoint = options.endpoint;
		this.#api = wrap<FeedApi>(options.endpoint);
		this.#onError = options.onError;
		this.#onBatch = options.onBatch;
		// A worker that fails to load or throws at top level reports here, not through a call.
		options.endpoint.addEventListener('error', (event: Event) => {
			const message = 'message' in event && typeof event.message === 'string' ? event.message : '';
			if (!this.#closed) this.#onError(`The feed worker failed${message ? `: ${message}` : ''}`);
		});
	}

	#call<T>(what: string, call: (api: Remote<FeedApi>) => Promise<T>): Promise<T> {
		const result = this.#queue.then(() => call(this.#api));
		// A failed call must not block later ones; it is reported once, here.
		this.#queue = result.catch((error: unknown) => {
			if (!this.#closed) this.#onError(`${what} failed: ${describe(error)}`);
		});
		return result;
	}

	/** In call order like `#call`, but a failure is only the caller's: the panel that asked shows it. */
	#ask<T>(call: (api: Remote<FeedApi>) => Promise<T>): Promise<T> {
		const result = this.#queue.then(() => call(this.#api));
		this.#queue = result.catch(() => {});
		return result;
	}

	/** (Re)starts the feed; batches flow to `onBatch` from then on. */
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

	cacheStats(): Promise<CacheStats> {
		return this.#ask((api) => api.cacheStats());
	}

	sessions(): Promise<ReplaySession[]> {
		return this.#ask((api) => api.sessions());
	}

	/** A session's ticks of `[fromMs, toMs]` as Binance aggTrades CSV lines. */
	exportTicks(sessionId: string, fromMs: number, toMs: number): Promise<string> {
		return this.#ask((api) => api.exportTicks(sessionId, fromMs, toMs));
	}

	exportKlines(symbol: string, interval: Interval): Promise<string> {
		return this.#ask((api) => api.exportKlines(symbol, interval));
	}

	/**
	 * Hands a file to the worker. Not queued: a large file takes seconds, and the chart's calls must
	 * not wait for it. `data` is transferred, not copied: it is detached here afterwards.
	 */
	importFile(
		name: string,
		data: ArrayBuffer,
		onProgress: (progress: ImportProgress) => void,
		symbol?: string
	): Promise<ReplaySession> {
		const listener = proxy({ progress: onProgress });
		return this.#api.importFile(name, transfer(data, [data]), listener, symbol);
	}

	/** Leaves live for a replay; failures go to the caller (the replay panel), not the status bar. */
	replay(request: ReplayRequest): Promise<void> {
		return this.#ask((api) => api.replay(request));
	}

	replayControl(command: ReplayCommand): Promise<void> {
		return this.#ask((api) => api.replayControl(command));
	}

	stopReplay(): Promise<void> {
		return this.#ask((api) => api.stopReplay());
	}

	/** Stops the feed and the worker; the client is unusable afterwards. */
	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		try {
			await Promise.race([this.#api.stop(), new Promise((resolve) => setTimeout(resolve, 500))]);
		} catch {
			// The worker is going away either way.
		}
		this.#api[releaseProxy]();
		this.#endpoint.terminate?.();
	}
}
