import type { SymbolAggregator } from '../core/aggregator';
import { Connection, type ConnectionTuning } from '../binance/connection';
import type { OnlineSignal, SocketConstructor, Timers } from '../binance/connection-runtime';
import { BinanceRest, type FetchLike } from '../binance/rest';
import { combinedStreamUrl } from '../binance/streams';
import type { FeedBatch, FeedConfig, FeedListener, FeedStatus } from '../protocol/feed-api';
import { FlushScheduler } from './flush-scheduler';
import { Ingest } from './ingest';
import { StatusCounters } from './status';
import type { ViewTracker } from './views';

/** Hands a batch to the UI; the worker wraps it in comlink's `transfer(batch, transfer)`. */
export type PostBatch = (
	listener: FeedListener,
	batch: FeedBatch,
	transfer: ArrayBuffer[]
) => unknown;

/** Everything the feed takes from its host, injected so node tests run it without a Worker. */
export interface FeedDeps {
	readonly Socket: SocketConstructor;
	readonly fetch: FetchLike;
	/** Epoch milliseconds. */
	readonly now: () => number;
	readonly timers: Timers;
	readonly online: OnlineSignal;
	readonly post: PostBatch;
	readonly random?: () => number;
	readonly log?: (message: string, error: unknown) => void;
	readonly tuning?: Partial<ConnectionTuning>;
	/** Batches go out this long after the first news; default 50 ms. */
	readonly flushMs?: number;
	/** A status-only batch goes out this often when nothing else did; default 1000 ms. */
	readonly statusMs?: number;
}

/** What a run shares with the service that outlives it. */
export interface RunContext {
	readonly deps: FeedDeps;
	readonly views: ViewTracker;
	nextSeq(): number;
	/** An unexpected exception: logged once per service. */
	fault(where: string, error: unknown): void;
}

/** One `start`: its socket, aggregators, counters and flush timers, torn down by `stop`. */
export class FeedRun {
	readonly ingest: Ingest;
	readonly #counters = new StatusCounters();
	readonly #connection: Connection;
	readonly #flusher: FlushScheduler;
	readonly #rest: BinanceRest;
	readonly #abort = new AbortController();
	#offsetMs = 0;
	#stopped = false;

	constructor(
		readonly config: FeedConfig,
		private readonly listener: FeedListener,
		private readonly context: RunContext,
		keep?: ReadonlyMap<string, SymbolAggregator>
	) {
		const { deps } = context;
		this.#flusher = new FlushScheduler(
			deps.timers,
			() => this.#flush(),
			deps.flushMs,
			deps.statusMs
		);
		const news = () => this.#flusher.news();
		this.ingest = new Ingest(
			config.symbols,
			this.#counters,
			{ changed: news, shutdown: () => this.#connection.handover() },
			keep
		);
		this.#connection = new Connection(
			{
				url: combinedStreamUrl(config.wsBase, config.symbols),
				Socket: deps.Socket,
				now: deps.now,
				timers: deps.timers,
				online: deps.online,
				random: deps.random,
				tuning: deps.tuning
			},
			{ frame: (text, at) => this.#frame(text, at), binary: () => this.#binary(), state: news }
		);
		this.#rest = new BinanceRest({ base: config.restBase, fetch: deps.fetch, now: deps.now });
	}

	start(): void {
		this.#connection.start();
		this.#flusher.start();
		this.#flusher.now();
		void this.#measureClockOffset();
	}

	stop(): void {
		this.#stopped = true;
		this.#abort.abort();
		this.#connection.stop();
		this.#flusher.stop();
	}

	/** Posts a batch now (a freshly watched chart should not wait for the cadence). */
	flushNow(): void {
		this.#flusher.now();
	}

	status(): FeedStatus {
		const connection = this.#connection;
		return this.#counters.snapshot(
			this.context.deps.now(),
			{
				state: connection.state,
				detail: connection.detail,
				reconnects: Math.max(0, connection.attempts - 1)
			},
			this.#offsetMs
		);
	}

	/** Never throws into the socket: an unexpected exception is counted as `internal` and skipped. */
	#frame(text: string, receivedAt: number): boolean {
		this.#counters.frame(receivedAt);
		try {
			return this.ingest.frame(text, receivedAt);
		} catch (error) {
			this.#counters.reject('internal');
			this.context.fault('handling a frame', error);
			return false;
		}
	}

	#binary(): void {
		this.#counters.frame(this.context.deps.now());
		this.#counters.reject('binary-frame');
	}

	#flush(): void {
		if (this.#stopped) return;
		try {
			const { views: tracker, deps } = this.context;
			const { views, buffers } = tracker.collect((symbol) => this.ingest.aggregator(symbol));
			const batch: FeedBatch = {
				seq: this.context.nextSeq(),
				sentAt: deps.now(),
				status: this.status(),
				views,
				books: this.ingest.bookTops(tracker.symbols())
			};
			const posted = deps.post(this.listener, batch, buffers);
			if (posted instanceof Promise) {
				posted.catch((error: unknown) => this.context.fault('posting a batch', error));
			}
		} catch (error) {
			this.#counters.reject('internal');
			this.context.fault('building a batch', error);
		}
	}

	/** Latency needs the server clock; streaming never waits for it, and without it latency is uncorrected. */
	async #measureClockOffset(): Promise<void> {
		try {
			const { offsetMs } = await this.#rest.time(this.#abort.signal);
			if (!this.#stopped) this.#offsetMs = offsetMs;
		} catch (error) {
			if (!this.#stopped) {
				this.context.deps.log?.('Server clock unavailable; latency is not corrected', error);
			}
		}
	}
}
