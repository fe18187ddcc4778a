import type { TickChunk } from '../core/tick-codec';
import {
	sessionChunkKey,
	type NewSession,
	type SessionStore,
	type StoredSession
} from './session-store';
import { abortQuietly, openTickDb, type TickDatabase } from './tick-db';

/** Imported sessions in the tick database's `sessions` and `sessionChunks` stores. */
export class IdbSessionStore implements SessionStore {
	readonly #db: TickDatabase;
	#closed: string | null = null;

	constructor(db: TickDatabase) {
		this.#db = db;
	}

	/**
	 * One transaction: the session record first (its key is the new id, the one request awaited
	 * inside), then every chunk at once. Any failure aborts it, so no half session is left.
	 */
	async add(session: NewSession, chunks: readonly TickChunk[]): Promise<StoredSession> {
		this.#assertOpen();
		const tx = this.#db.transaction(['sessions', 'sessionChunks'], 'readwrite');
		const requests: Promise<unknown>[] = [];
		try {
			// The store's key generator fills in `id`, the key path.
			const id = await tx.objectStore('sessions').add(session as StoredSession);
			const store = tx.objectStore('sessionChunks');
			for (const chunk of chunks) requests.push(store.put(chunk, sessionChunkKey(id, chunk)));
			await Promise.all([...requests, tx.done]);
			return { ...session, id };
		} catch (error) {
			abortQuietly(tx);
			await Promise.allSettled([...requests, tx.done]);
			throw tx.error ?? error;
		}
	}

	async list(): Promise<StoredSession[]> {
		this.#assertOpen();
		const sessions = await this.#db.getAll('sessions');
		return sessions.reverse();
	}

	async chunks(id: number, fromMs: number, toMs: number): Promise<TickChunk[]> {
		this.#assertOpen();
		const range = IDBKeyRange.bound([id, fromMs], [id, Infinity]);
		const found: TickChunk[] = [];
		const tx = this.#db.transaction('sessionChunks', 'readonly');
		// Keys run by latest tick time: stop at the first chunk that starts after the range.
		for (let c = await tx.store.openCursor(range); c; c = await c.continue()) {
			if (c.value.minTime > toMs) break;
			found.push(c.value);
		}
		await tx.done;
		return found;
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
		if (this.#closed !== null) throw new Error(`the session store is closed (${this.#closed})`);
	}
}

export interface SessionStoreOptions {
	/** Defaults to the global `indexedDB`. */
	readonly factory?: IDBFactory;
	/** Database name, default `tickscope` (the tick cache's database). */
	readonly name?: string;
}

/** Opens the sessions of the tick database on a connection of their own; rejects when IndexedDB is missing, refused or blocked. */
export async function openSessionStore(options: SessionStoreOptions = {}): Promise<SessionStore> {
	const factory = options.factory ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
	if (factory === undefined) throw new Error('this browser has no IndexedDB');
	let store: IdbSessionStore | null = null;
	const db = await openTickDb(factory, options.name ?? 'tickscope', {
		blocking: () => store?.lose('a newer version of the app opened the database'),
		terminated: () => store?.lose('the browser closed the database')
	});
	store = new IdbSessionStore(db);
	return store;
}
