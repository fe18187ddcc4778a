import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import type { PaperSessionRecord } from '../core/paper/paper-types';
import { newestFirst, PAPER_DB_NAME, type PaperStore } from './paper-store';

interface PaperSchema extends DBSchema {
	sessions: { key: string; value: PaperSessionRecord };
}

/** Sessions in the `tickscope-paper` database, one record per session, keyed by its id. */
export class IdbPaperStore implements PaperStore {
	readonly #db: IDBPDatabase<PaperSchema>;
	#closed: string | null = null;

	constructor(db: IDBPDatabase<PaperSchema>) {
		this.#db = db;
	}

	async list(): Promise<PaperSessionRecord[]> {
		const records = await this.#open().getAll('sessions');
		return records.sort(newestFirst);
	}

	async put(record: PaperSessionRecord): Promise<void> {
		await this.#open().put('sessions', record);
	}

	close(): void {
		this.lose('closed');
	}

	lose(reason: string): void {
		if (this.#closed !== null) return;
		this.#closed = reason;
		this.#db.close();
	}

	#open(): IDBPDatabase<PaperSchema> {
		if (this.#closed !== null) throw new Error(`the paper store is closed (${this.#closed})`);
		return this.#db;
	}
}

export interface PaperStoreOptions {
	readonly factory?: IDBFactory;
	readonly name?: string;
}

/** Opens the paper database (creating it at version 1); rejects when IndexedDB is missing, refused or blocked. */
export function openPaperStore(options: PaperStoreOptions = {}): Promise<PaperStore> {
	const factory = options.factory ?? globalThis.indexedDB;
	if (!factory) return Promise.reject(new Error('IndexedDB is not available here'));
	return new Promise((resolve, reject) => {
		const request = factory.open(options.name ?? PAPER_DB_NAME, 1);
		request.onupgradeneeded = () => {
			request.result.createObjectStore('sessions', { keyPath: 'id' });
		};
		request.onblocked = () => reject(new Error('another tab holds an older paper database open'));
		request.onerror = () => reject(request.error ?? new Error('the paper database did not open'));
		request.onsuccess = () => {
			const raw = request.result;
			// idb types `wrap` without a schema; this database has PaperSchema by construction.
			const store = new IdbPaperStore(wrap(raw) as unknown as IDBPDatabase<PaperSchema>);
			raw.onversionchange = () => store.lose('another tab upgrades the database');
			raw.onclose = () => store.lose('the browser closed the database');
			resolve(store);
		};
	});
}
