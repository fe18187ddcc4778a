import type { Interval } from '../core/interval';
import type { KlineRow } from '../core/kline';
import { newestStored, type CandleStore } from './candle-store';
import { openTickDb, type TickDatabase } from './tick-db';

/** Candle series in the tick database's `candles` store, one record per series. */
export class IdbCandleStore implements CandleStore {
	readonly #db: TickDatabase;
	#closed: string | null = null;

	constructor(db: TickDatabase) {
		this.#db = db;
	}

	async load(key: string, interval: Interval): Promise<KlineRow[]> {
		this.#assertOpen();
		return [...((await this.#db.get('candles', [key, interval])) ?? [])];
	}

	/** One record per series: a load is one read, and a write never leaves half a series. */
	async save(key: string, interval: Interval, rows: readonly KlineRow[]): Promise<void> {
		this.#assertOpen();
		await this.#db.put('candles', newestStored(rows), [key, interval]);
	}

	close(): void {
		this.lose('closed');
	}

	/** Closes the connection for `reason`; later calls reject. */
	lose(reason: string): void {
		if (this.#closed !== null) return;
		this.#closed = reason;
		this.#db.close();
	}

	#assertOpen(): void {
		if (this.#closed !== null) throw new Error(`the candle store is closed (${this.#closed})`);
	}
}

export interface CandleStoreOptions {
	/** Defaults to the global `indexedDB`. */
	readonly factory?: IDBFactory;
	/** Database name, default `tickscope` (the tick cache's database). */
	readonly name?: string;
	/** The connection went away (another tab upgrades, or the browser closed it): the store is closed. */
	readonly onLost?: (reason: string) => void;
}

/** Opens the candles of the tick database on a connection of their own; rejects when IndexedDB is missing, refused or blocked. */
export async function openCandleStore(options: CandleStoreOptions = {}): Promise<CandleStore> {
	const factory = options.factory ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
	if (factory === undefined) throw new Error('this browser has no IndexedDB');
	let store: IdbCandleStore | null = null;
	const lose = (reason: string) => {
		store?.lose(reason);
		options.onLost?.(reason);
	};
	const db = await openTickDb(factory, options.name ?? 'tickscope', {
		blocking: () => lose('a newer version of the app opened the database'),
		terminated: () => lose('the browser closed the database')
	});
	store = new IdbCandleStore(db);
	return store;
}
