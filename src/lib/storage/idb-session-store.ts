import type { TickChunk } from '../core/tick-codec';
import {
	sessionChunkKey,
	type NewSession,
	type SessionStore,
	type StoredSession
} from './session-store';
import { openOwnConnection, OwnConnection, type OwnConnectionOptions } from './own-connection';
import { abortQuietly } from './tick-db';

/** Imported sessions in the tick database's `sessions` and `sessionChunks` stores. */
export class IdbSessionStore implements SessionStore {
	readonly #connection: OwnConnection;

	constructor(connection: OwnConnection) {
		this.#connection = connection;
	}

	/**
	 * One transaction: the session record first (its key is the new id, the one request awaited
	 * inside), then every chunk at once. Any failure aborts it, so no half session is left.
	 */
	async add(session: NewSession, chunks: readonly TickChunk[]): Promise<StoredSession> {
		const tx = this.#connection.db.transaction(['sessions', 'sessionChunks'], 'readwrite');
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
		const sessions = await this.#connection.db.getAll('sessions');
		return sessions.reverse();
	}

	async chunks(id: number, fromMs: number, toMs: number): Promise<TickChunk[]> {
		const range = IDBKeyRange.bound([id, fromMs], [id, Infinity]);
		const found: TickChunk[] = [];
		const tx = this.#connection.db.transaction('sessionChunks', 'readonly');
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
		this.#connection.lose(reason);
	}
}

export type SessionStoreOptions = OwnConnectionOptions;

/** Opens the sessions of the tick database on a connection of their own; rejects when IndexedDB is missing, refused or blocked. */
export async function openSessionStore(options: SessionStoreOptions = {}): Promise<SessionStore> {
	return openOwnConnection(
		options,
		'session store',
		(connection) => new IdbSessionStore(connection)
	);
}
