import { proxy, releaseProxy, transfer, wrap, type Endpoint, type Remote } from 'comlink';
import type { FeedApi, FeedBatch, FeedConfig } from '../protocol/feed-api';

/** A worker, or in tests one end of a MessageChannel. */
export type FeedEndpoint = Endpoint & { terminate?(): void };

/** The worker's API as the page calls it: all of it but the lifecycle, which `FeedClient` owns. */
export type FeedCalls = Omit<FeedApi, 'start' | 'stop'>;

type Method = keyof FeedCalls;
type AnyCall = (...args: unknown[]) => Promise<unknown>;

/** Calls that do not wait their turn: a large import takes seconds, the chart's calls must not wait. */
const UNQUEUED: ReadonlySet<Method> = new Set<Method>(['importFile']);

/**
 * Calls the worker carries out whole as it receives them (FeedService: inside `settle`, no
 * await): messages reach it in the order they were posted, so a later call cannot overtake one
 * of these, and it need not wait for its answer. Any other call holds later ones until it has
 * settled (a replay plans before it begins: a control sent meanwhile would find no replay).
 */
const IN_ORDER: ReadonlySet<Method | 'start'> = new Set<Method | 'start'>([
	'start',
	'watch',
	'unwatch',
	'focus',
	'setIndicators',
	'setAlerts'
]);

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

const describe = (error: unknown): string =>
	error instanceof Error ? error.message : String(error);

/**
 * `FeedCalls` whose every method is `send(method, args)`: no method is written out here, so a new
 * one in `FeedApi` needs nothing in the client.
 */
function callsThrough(send: (method: Method, args: unknown[]) => Promise<unknown>): FeedCalls {
	return new Proxy({} as FeedCalls, {
		// `then` is looked up by anything that checks for a promise: this object is not one.
		get: (_, name) =>
			typeof name === 'string' && name !== 'then'
				? (...args: unknown[]) => send(name as Method, args)
				: undefined
	});
}

/** The protocol's marshalling rule: buffers move to the worker, listeners stay and are called back. */
function marshal(arg: unknown): unknown {
	if (arg instanceof ArrayBuffer) return transfer(arg, [arg]);
	const listener =
		typeof arg === 'object' &&
		arg !== null &&
		Object.values(arg).some((value) => typeof value === 'function');
	return listener ? proxy(arg) : arg;
}

/** `call()` made at once; a synchronous throw becomes a rejection, as it would in a `then`. */
function sendNow<T>(call: () => Promise<T>): Promise<T> {
	try {
		return call();
	} catch (error) {
		return Promise.reject(error instanceof Error ? error : new Error(String(error)));
	}
}

/**
 * The main thread's side of the feed worker. Calls go out in the order they were made (each waits for
 * the previous one), so a `watch` can never overtake the `start` it depends on. Batches go to
 * `onBatch`; comlink answers the worker's post when it returned, which is the worker's go-ahead
 * for the next batch (backpressure: a busy page gets fewer, fuller batches, never a queue).
 */
export class FeedClient {
	/**
	 * The worker's API, in call order (`UNQUEUED` calls excepted). A failure rejects the call and is
	 * the caller's to show; `report` it when no panel does.
	 */
	readonly api: FeedCalls;
	readonly #endpoint: FeedEndpoint;
	readonly #remote: Remote<FeedApi>;
	readonly #onBatch: (batch: FeedBatch) => void;
	readonly #onError: (message: string) => void;
	/** What the next call waits for: the calls that later ones must not overtake. */
	#queue: Promise<unknown> = Promise.resolve();
	/** Calls in `#queue` not settled yet; none: a call goes out at once. */
	#blocking = 0;
	#closed = false;
	// One listener for every start: comlink gives each transfer its own port, the object stays one.
	readonly #listener = proxy({
		batch: (batch: FeedBatch) => {
			if (!this.#closed) this.#onBatch(batch);
		}
	});

	constructor(options: FeedClientOptions) {
		this.#endpoint = options.endpoint;
		this.#remote = wrap<FeedApi>(options.endpoint);
		this.#onError = options.onError;
		this.#onBatch = options.onBatch;
		this.api = callsThrough((method, args) => this.#send(method, args));
		// A worker that fails to load or throws at top level reports here, not through a call.
		options.endpoint.addEventListener('error', (event: Event) => {
			const message = 'message' in event && typeof event.message === 'string' ? event.message : '';
			if (!this.#closed) this.#onError(`The feed worker failed${message ? `: ${message}` : ''}`);
		});
	}

	/** (Re)starts the feed; batches flow to `onBatch` from then on. A failure is reported too. */
	start(config: FeedConfig): Promise<void> {
		const started = this.#queued('start', () => this.#remote.start(config, this.#listener));
		this.report('Starting the feed', started);
		return started;
	}

	/**
	 * For a call the page makes on its own, with no panel to show its failure: a failure goes to
	 * `onError` as "<what> failed: <reason>", once.
	 */
	report(what: string, call: Promise<unknown>): void {
		call.catch((error: unknown) => {
			if (!this.#closed) this.#onError(`${what} failed: ${describe(error)}`);
		});
	}

	#send(method: Method, args: unknown[]): Promise<unknown> {
		const marshalled = args.map(marshal);
		const call = () => (this.#remote[method] as AnyCall)(...marshalled);
		return UNQUEUED.has(method) ? call() : this.#queued(method, call);
	}

	#queued<T>(method: Method | 'start', call: () => Promise<T>): Promise<T> {
		// Nothing ahead to wait for: the call goes out now, not a microtask later (the first
		// `start` and watches are made as the page's script runs; a microtask would hold them until
		// the whole first mount is done, while the worker, which restores the cache, sits idle).
		const now = this.#blocking === 0;
		const result = now ? sendNow(call) : this.#queue.then(call);
		if (!now || !IN_ORDER.has(method)) {
			this.#blocking++;
			// A failed call must not block later ones.
			this.#queue = result.catch(() => {}).finally(() => this.#blocking--);
		}
		return result;
	}

	/** Stops the feed and the worker; the client is unusable afterwards. */
	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		try {
			await Promise.race([this.#remote.stop(), new Promise((resolve) => setTimeout(resolve, 500))]);
		} catch {
			// The worker is going away either way.
		}
		this.#remote[releaseProxy]();
		this.#endpoint.terminate?.();
	}
}

/**
 * The calls of whichever client is open now, looked up at each call: the panels are made once, a
 * client each time the app opens. With none open a call is refused in words, like a refused call.
 */
export function openClientCalls(client: () => FeedClient | null): FeedCalls {
	return callsThrough((method, args) => {
		const api = client()?.api;
		if (api === undefined) return Promise.reject(new Error('The feed is not running'));
		return (api[method] as AnyCall)(...args);
	});
}
