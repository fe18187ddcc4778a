import { verdictKey, type SymbolInfoStore, type SymbolVerdict } from './symbol-info-store';
import { abortQuietly, openTickDb, type TickDatabase } from './tick-db';

/** Verdicts in the tick database's `symbolInfo` store. */
export class IdbSymbolInfoStore implements SymbolInfoStore {
	readonly #db: TickDatabase;
	#closed: string | null = null;

	constructor(db: TickDatabase) {
		this.#db = db;
	}

	async get(namespace: string, symbols: readonly string[]): Promise<SymbolVerdict[]> {
		this.#assertOpen();
		const tx = this.#db.transaction('symbolInfo', 'readonly');
		const found = await Promise.all(symbols.map((symbol) => tx.store.get([namespace, symbol])));
		await tx.done;
		return found.filter((verdict) => verdict !== undefined);
	}

	async put(verdicts: readonly SymbolVerdict[]): Promise<void> {
		this.#assertOpen();
		const tx = this.#db.transaction('symbolInfo', 'readwrite');
		const requests = verdicts.map((verdict) => tx.store.put(verdict, verdictKey(verdict)));
		try {
			await Promise.all([...requests, tx.done]);
		} catch (error) {
			abortQuietly(tx);
			await Promise.allSettled([...requests, tx.done]);
			throw tx.error ?? error;
		}
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
		if (this.#closed !== null) throw new Error(`the symbol store is closed (${this.#closed})`);
	}
}

export interface SymbolInfoStoreOptions {
	/** Defaults to the global `indexedDB`. */
	readonly factory?: IDBFactory;
	/** Database name, default `tickscope` (the tick cache's database). */
	readonly name?: string;
	/** The connection went away (another tab upgrades, or the browser closed it): the store is closed. */
	readonly onLost?: (reason: string) => void;
}

/** Opens the verdicts of the tick database on a connection of their own; rejects when IndexedDB is missing, refused or blocked. */
export async function openSymbolInfoStore(
	options: SymbolInfoStoreOptions = {}
): Promise<SymbolInfoStore> {
	const factory = options.factory ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
	if (factory === undefined) throw new Error('this browser has no IndexedDB');
	let store: IdbSymbolInfoStore | null = null;
	const lose = (reason: string) => {
		store?.lose(reason);
		options.onLost?.(reason);
	};
	const db = await openTickDb(factory, options.name ?? 'tickscope', {
		blocking: () => lose('a newer version of the app opened the database'),
		terminated: () => lose('the browser closed the database')
	});
	store = new IdbSymbolInfoStore(db);
	return store;
}
