import type { Interval } from '../../core/interval';
import type { KlineRow } from '../../core/kline';
import type { CandleStore } from '../../storage/candle-store';
import type { HistoryStore } from '../history/history-store';
import { openCandleStore } from '../../storage/idb-candle-store';
import { MemoryCandleStore } from '../../storage/memory-candle-store';
import type { CacheMode } from './tick-cache';

/** What the candle cache asks the tick cache (TickCache fits): which tab writes. */
export interface WriterTab {
	open(): Promise<void>;
	readonly mode: CacheMode | null;
}

export interface CandleCacheDeps {
	/** The browser's IndexedDB; absent or null: candles are kept in memory for the worker's life. */
	readonly indexedDB?: IDBFactory | null;
	/** Database name; default `tickscope`. */
	readonly name?: string;
	/** The tick cache: its writer tab writes candles too, so two tabs never race on a series. */
	readonly ticks: WriterTab;
	readonly log?: (message: string, error: unknown) => void;
}

/**
 * The exchange's candles kept beside the tick cache, under the same store keys (cache-keys.ts),
 * so a reload, offline too, opens with the history the last run showed. The tick cache's writer
 * tab writes, readers only read; without IndexedDB (or once it is lost) candles stay in memory.
 * Failures are logged, never thrown: a missing stored history only means REST has to fill it.
 */
export class CandleCache {
	readonly #deps: CandleCacheDeps;
	#opening: Promise<void> | null = null;
	#store: CandleStore | null = null;
	#memory = false;
	#closed = false;

	constructor(deps: CandleCacheDeps) {
		this.#deps = deps;
	}

	/** The stored rows of `key` at `interval`, oldest first; empty when none or unreadable. */
	async load(key: string, interval: Interval): Promise<KlineRow[]> {
		try {
			return await (await this.#open()).load(key, interval);
		} catch (error) {
			this.#deps.log?.('Candle cache: could not read stored candles', error);
			return [];
		}
	}

	/** Keeps `rows` (oldest first) as the series of `key` at `interval`, in the writer tab only. */
	async save(key: string, interval: Interval, rows: readonly KlineRow[]): Promise<void> {
		try {
			const store = await this.#open();
			await this.#deps.ticks.open();
			if (!this.#memory && this.#deps.ticks.mode !== 'indexeddb') return;
			await store.save(key, interval, rows);
		} catch (error) {
			this.#deps.log?.('Candle cache: could not store candles', error);
		}
	}

	/** The series of store key `key`, for one symbol's history. */
	of(key: string): HistoryStore {
		return {
			load: (interval) => this.load(key, interval),
			save: (interval, rows) => this.save(key, interval, rows)
		};
	}

	close(): void {
		this.#closed = true;
		this.#store?.close();
	}

	async #open(): Promise<CandleStore> {
		this.#opening ??= this.#connect();
		await this.#opening;
		if (this.#closed || this.#store === null) throw new Error('the candle cache is closed');
		return this.#store;
	}

	async #connect(): Promise<void> {
		const factory = this.#deps.indexedDB ?? null;
		if (factory === null) return this.#useMemory();
		try {
			const store = await openCandleStore({
				factory,
				name: this.#deps.name,
				onLost: () => this.#useMemory()
			});
			if (this.#closed) return store.close();
			this.#store = store;
		} catch (error) {
			this.#deps.log?.('Candle cache: IndexedDB did not open; keeping candles in memory', error);
			this.#useMemory();
		}
	}

	/** Like the tick cache, a lost database leaves the rest of the worker's life in memory. */
	#useMemory(): void {
		if (this.#closed) return;
		this.#memory = true;
		this.#store = new MemoryCandleStore();
	}
}
