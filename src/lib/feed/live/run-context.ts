import type { Timers } from '../../core/timers';
import type { ConnectionTuning } from '../../binance/connection';
import type { OnlineSignal, SocketConstructor } from '../../binance/connection-runtime';
import type { FetchLike } from '../../binance/rest';
import type { LockManagerLike } from '../cache/cache-lock';
import type { ChannelFactory } from './tabs/tab-messages';
import type { CacheTuning, TickCache } from '../cache/tick-cache';
import type { CandleCache } from '../cache/candle-cache';
import type { RestorePrefetch } from '../cache/restore-prefetch';
import type { SymbolInfoCache } from '../market/symbol-info-cache';
import type { BatchContext, PostBatch } from './batch-post';
import type { PaperDesk } from '../paper/paper-desk';
import type { AlertEngine } from '../../core/alerts/alert-engine';

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
	/** Batches go out this long after the first news; default DEFAULT_CADENCE_MS (flush-scheduler.ts). */
	readonly flushMs?: number;
	/** A status-only batch goes out this often when nothing else did; default 1000 ms. */
	readonly statusMs?: number;
	/** IndexedDB for the tick cache; absent or null: ticks are kept in memory only. */
	readonly indexedDB?: IDBFactory | null;
	/**
	 * `navigator.locks`: one tab writes the tick cache, one holds the socket; absent or null: this
	 * one assumes it is alone.
	 */
	readonly locks?: LockManagerLike | null;
	/** Opens a BroadcastChannel, over which tabs share one socket; absent or null: a socket per tab. */
	readonly channel?: ChannelFactory | null;
	/** `navigator.storage`, for the cache panel's usage, quota and persistence. */
	readonly storage?: StorageLike | null;
	/** Tick cache database name, write cadence and batch size (tests, benchmarks). */
	readonly cache?: Partial<CacheTuning>;
	/** Seed of the demo source's simulated market; default `DEMO_SEED`. */
	readonly demoSeed?: number;
}

/** The part of `navigator.storage` the cache panel reads. */
export interface StorageLike {
	estimate(): Promise<{ readonly usage?: number; readonly quota?: number }>;
	persisted?(): Promise<boolean>;
}

/** What a run shares with the service that outlives it; `fault` logs once per service. */
export interface RunContext extends BatchContext {
	readonly deps: FeedDeps;
	/** The worker's tick cache: it outlives runs. */
	readonly cache: TickCache;
	/** The exchange's candles kept beside the ticks, under the same keys: it outlives runs. */
	readonly candles: CandleCache;
	/** The exchange's verdicts on symbols, per host: it outlives runs. */
	readonly symbols: SymbolInfoCache;
	/** Paper trading: sees every live and replayed trade; it outlives runs. */
	readonly paper: PaperDesk;
	/** The user's alerts, evaluated on every live trade: they outlive runs. */
	readonly alerts?: AlertEngine;
	/** The newest cached ticks read before the first start (each part is taken once). */
	readonly prefetch?: RestorePrefetch;
}
