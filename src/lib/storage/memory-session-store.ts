import type { TickChunk } from '../core/tick-codec';
import type { NewSession, SessionStore, StoredSession } from './session-store';
import { openSessionStore, type SessionStoreOptions } from './idb-session-store';

/** Imported sessions for the life of the worker, where IndexedDB is unavailable. */
export class MemorySessionStore implements SessionStore {
	readonly #sessions: { session: StoredSession; chunks: readonly TickChunk[] }[] = [];
	#closed = false;

	add(session: NewSession, chunks: readonly TickChunk[]): Promise<StoredSession> {
		return this.#run(() => {
			const stored = { ...session, id: this.#sessions.length + 1 };
			this.#sessions.push({ session: stored, chunks: [...chunks] });
			return stored;
		});
	}

	list(): Promise<StoredSession[]> {
		return this.#run(() => this.#sessions.map((s) => s.session).reverse());
	}

	chunks(id: number, fromMs: number, toMs: number): Promise<TickChunk[]> {
		return this.#run(() =>
			(this.#sessions[id - 1]?.chunks ?? []).filter(
				(chunk) => chunk.maxTime >= fromMs && chunk.minTime <= toMs
			)
		);
	}

	close(): void {
		this.#closed = true;
		this.#sessions.length = 0;
	}

	#run<T>(work: () => T): Promise<T> {
		if (this.#closed) return Promise.reject(new Error('the session store is closed (closed)'));
		return Promise.resolve(work());
	}
}

export type OpenedSessionStore =
	| { readonly store: SessionStore; readonly mode: 'indexeddb' }
	| { readonly store: SessionStore; readonly mode: 'memory'; readonly reason: string };

/** The IndexedDB session store, or a memory one (imports then last until the tab closes). */
export async function openSessionStoreOrMemory(
	options: SessionStoreOptions = {}
): Promise<OpenedSessionStore> {
	try {
		return { store: await openSessionStore(options), mode: 'indexeddb' };
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		return {
			store: new MemorySessionStore(),
			mode: 'memory',
			reason: `Imported files are kept in memory only: ${detail}`
		};
	}
}
