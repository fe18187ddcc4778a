import { TimerSlot, type Timers } from '../../core/timers';
import { clampRetention, DEFAULT_RETENTION_MINUTES } from '../../core/retention';
import type { TickColumns } from '../../core/tick-codec';
import type { EpochMs } from '../../core/time';
import type { Trade } from '../../core/trade';
import { openTickStore } from '../../storage/idb-tick-store';
import { MemoryTickStore } from '../../storage/memory-tick-store';
import { openTickStoreOrMemory } from '../../storage/open-tick-store';
import type {
	AppendResult,
	SymbolStats,
	TickStore,
	TickStoreLoss,
	TickStoreOptions
} from '../../storage/tick-store';
import type { CacheStatus } from '../../protocol/feed-api';
import { WriterLock, type LockManagerLike } from './cache-lock';
import { LOST_NOTICE, NO_INDEXEDDB_NOTICE, quotaNotice } from './cache-notices';
import { TickBatcher, type BatcherTuning } from './tick-batcher';

export type CacheMode = CacheStatus['mode'];

const MINUTE_MS = 60_000;
/** Idle symbols are pruned this often (appends prune the symbols they write on their own). */
const PRUNE_MS = 60_000;
/** A tab that does not write keeps this much of its newest trades, to hand over if it takes over. */
const HANDOVER_MS = 60_000;

export interface CacheTuning extends BatcherTuning {
	/** Database name; default `tickscope`. */
	readonly name: string;
}

/** What the tick cache takes from the worker's host. */
export interface CacheDeps {
	/** The browser's IndexedDB; absent or null: memory only. */
	readonly indexedDB?: IDBFactory | null;
	/** `navigator.locks`; absent or null: this worker is the only writer. */
	readonly locks?: LockManagerLike | null;
	/** Local clock, epoch ms: paces pruning only; retention counts back from trade times. */
	readonly now: () => number;
	readonly timers: Timers;
	readonly log?: (message: string, error: unknown) => void;
	readonly tuning?: Partial<CacheTuning>;
}

/**
 * The worker's tick cache: every received trade goes to the tick store in batches, one writer per
 * origin. The tab whose worker holds the writer lock writes (`indexeddb`); the others read what it
 * wrote (`reader`) and take over when it goes away, handing over their newest trades so nothing
 * is lost in between; without IndexedDB (or when it fails) ticks stay in memory (`memory`).
 */
export class TickCache {
	readonly #deps: CacheDeps;
	readonly #lock: WriterLock;
	readonly #batcher: TickBatcher;
	readonly #pruneTimer: TimerSlot;
	#opening: Promise<void> | null = null;
	#store: TickStore | null = null;
	#mode: CacheMode | null = null;
	#fixedNotice = '';
	#retention = DEFAULT_RETENTION_MINUTES;
	/** Trades not (yet) for writing: before the store opened, or while another tab writes. */
	#held: Trade[] = [];
	#closed = false;
	#failing = false;
	/** Prunes run on a timer only while a feed runs. */
	#active = false;

	constructor(deps: CacheDeps) {
		this.#deps = deps;
		this.#lock = new WriterLock(deps.locks ?? null);
		this.#pruneTimer = new TimerSlot(deps.timers);
		this.#batcher = new TickBatcher(
			deps.timers,
			{
				append: (trades) => this.#append(trades),
				written: (result) => this.#written(result),
				failed: (error) => this.#failed(error)
			},
			deps.tuning
		);
	}

	/** True when there is an IndexedDB that may hold ticks from before this worker started. */
	get restorable(): boolean {
		return (this.#deps.indexedDB ?? null) !== null;
	}

	get mode(): CacheMode | null {
		return this.#mode;
	}

	/** Opens the store once (later calls share the first); never rejects. */
	open(): Promise<void> {
		this.#opening ??= this.#open();
		return this.#opening;
	}

	/** For `FeedStatus.cache`; undefined until the cache opened. */
	status(): CacheStatus | undefined {
		const store = this.#store;
		if (this.#mode === null || store === null) return undefined;
		return {
			mode: this.#mode,
			retentionMinutes: store.retentionMinutes,
			notice: this.#notice(store)
		};
	}

	/** The configured retention (minutes, clamped by `clampRetention`). A quota cut stands until it changes. */
	setRetention(minutes: number): void {
		const clamped = clampRetention(minutes);
		if (clamped === this.#retention) return;
		this.#retention = clamped;
		this.#store?.setRetention(clamped);
	}

	/** A trade to cache under `key` (its symbol's store key, see cache-keys.ts). */
	record(trade: Trade, key: string): void {
		if (this.#closed) return;
		const keyed = trade.symbol === key ? trade : { ...trade, symbol: key };
		if (this.#mode === 'indexeddb' || this.#mode === 'memory') this.#batcher.push(keyed);
		else this.#hold(keyed);
	}

	/** Ticks of `key` with `fromMs <= time <= toMs`, one decoded chunk at a time (see TickStore.scan). */
	async scan(
		key: string,
		fromMs: number,
		toMs: number,
		visit: (columns: TickColumns) => void
	): Promise<number> {
		await this.open();
		return this.#storeOrThrow().scan(key, fromMs, toMs, visit);
	}

	/** Per stored key, sorted. */
	async symbols(): Promise<SymbolStats[]> {
		await this.open();
		return this.#storeOrThrow().symbols();
	}

	/** Time of the newest stored tick of `key` (exchange time, ms); null when it has none. */
	async newest(key: string): Promise<EpochMs | null> {
		await this.open();
		return this.#storeOrThrow().newest(key);
	}

	/** The configured or quota-cut retention now, minutes. */
	get retentionMinutes(): number {
		return this.#store?.retentionMinutes ?? this.#retention;
	}

	/** A feed runs: prune idle symbols on a cadence. */
	resume(): void {
		this.#active = true;
		if (this.#mode !== null && this.#mode !== 'reader') this.#armPrune();
	}

	/** The feed stopped: write what is pending and stop the prune cadence. */
	pause(): void {
		this.#active = false;
		this.#pruneTimer.clear();
		if (this.#mode !== null && this.#mode !== 'reader') this.#batcher.flush();
	}

	/** Writes what is pending now (tests and benchmarks wait for the cache with it). */
	async drain(): Promise<void> {
		await this.open();
		await this.#batcher.drain();
	}

	close(): void {
		this.#closed = true;
		this.#active = false;
		this.#batcher.clear();
		this.#pruneTimer.clear();
		this.#lock.release();
		this.#store?.close();
	}

	async #open(): Promise<void> {
		const factory = this.#deps.indexedDB ?? null;
		if (factory === null) return this.#useMemory(NO_INDEXEDDB_NOTICE);
		const writer = await this.#lock.tryAcquire();
		const opened = await openTickStoreOrMemory(this.#options(factory, !writer));
		if (this.#closed) return opened.store.close();
		if (opened.mode === 'memory') {
			this.#lock.release();
			this.#deps.log?.('Tick cache: IndexedDB did not open', opened.reason);
			return this.#useMemory(NO_INDEXEDDB_NOTICE, opened.store);
		}
		this.#use(opened.store, writer ? 'indexeddb' : 'reader');
		if (!writer) this.#lock.wait(() => void this.#takeOver(factory));
	}

	#options(factory: IDBFactory, readOnly: boolean): TickStoreOptions {
		return {
			factory,
			name: this.#deps.tuning?.name,
			now: this.#deps.now,
			retentionMinutes: this.#retention,
			readOnly,
			onLost: (reason) => this.#lost(reason)
		};
	}

	/** The writer tab went away and the lock is ours: write from now on, starting with the held trades. */
	async #takeOver(factory: IDBFactory): Promise<void> {
		try {
			const store = await openTickStore(this.#options(factory, false));
			if (this.#closed) return store.close();
			const reader = this.#store;
			this.#use(store, 'indexeddb');
			reader?.close();
		} catch (error) {
			this.#deps.log?.('Tick cache: could not take over writing', error);
			this.#useMemory(NO_INDEXEDDB_NOTICE);
		}
	}

	#use(store: TickStore, mode: CacheMode): void {
		this.#store = store;
		this.#mode = mode;
		if (mode === 'reader') return;
		for (const trade of this.#held) this.#batcher.push(trade);
		this.#held = [];
		this.#batcher.flush();
		if (this.#active) this.#armPrune();
	}

	#useMemory(notice: string, store?: TickStore): void {
		this.#fixedNotice = notice;
		const memory =
			store ?? new MemoryTickStore({ now: this.#deps.now, retentionMinutes: this.#retention });
		this.#use(memory, 'memory');
	}

	/** The database closed under us: keep caching in memory and say why. */
	#lost(reason: TickStoreLoss): void {
		if (this.#closed) return;
		this.#lock.release();
		this.#useMemory(LOST_NOTICE[reason]);
	}

	#notice(store: TickStore): string {
		if (this.#fixedNotice !== '') return this.#fixedNotice;
		return quotaNotice(store.retentionMinutes, this.#retention);
	}

	#hold(trade: Trade): void {
		const held = this.#held;
		held.push(trade);
		// Trimmed in steps, not per trade: only the last minute is worth handing over.
		const first = held[0];
		if (first !== undefined && trade.time - first.time > 2 * HANDOVER_MS) {
			this.#held = held.filter((t) => t.time >= trade.time - HANDOVER_MS);
		}
	}

	#append(trades: readonly Trade[]): Promise<AppendResult> {
		return this.#storeOrThrow().append(trades);
	}

	#written(result: AppendResult): void {
		this.#failing = false;
		if (result.quota !== null) {
			this.#deps.log?.('Tick cache: storage is full, retention cut', result.quota);
		}
	}

	/** Keeps the batch for the next try (not past retention), and logs once per run of failures. */
	#failed(error: unknown): void {
		this.#batcher.trim(this.retentionMinutes * MINUTE_MS);
		if (!this.#failing) this.#deps.log?.('Tick cache: a write failed; retrying', error);
		this.#failing = true;
	}

	#armPrune(): void {
		this.#pruneTimer.arm(PRUNE_MS, () => {
			const store = this.#store;
			if (!this.#active || store === null || this.#mode === 'reader') return;
			void store
				.prune()
				.catch((error: unknown) => this.#deps.log?.('Tick cache: pruning failed', error))
				.finally(() => {
					if (this.#active) this.#armPrune();
				});
		});
	}

	#storeOrThrow(): TickStore {
		if (this.#store === null) throw new Error('the tick cache is closed');
		return this.#store;
	}
}
