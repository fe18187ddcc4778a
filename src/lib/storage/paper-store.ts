import type { PaperSessionRecord } from '../core/paper/paper-types';

/**
 * Paper-trading sessions, each a record of its own (settings, fills, orders, record). They live
 * in a database of their own, `tickscope-paper`: trading history is the user's work, and clearing
 * or upgrading the tick cache must never touch it. Methods reject once the store is closed.
 */
export interface PaperStore {
	/** Every session, newest first. */
	list(): Promise<PaperSessionRecord[]>;
	/** Stores `record`, replacing the one with its id. */
	put(record: PaperSessionRecord): Promise<void>;
	close(): void;
}

export const PAPER_DB_NAME = 'tickscope-paper';

export const newestFirst = (a: PaperSessionRecord, b: PaperSessionRecord): number =>
	b.createdAtMs - a.createdAtMs;

/** Sessions for the life of the worker, where IndexedDB is unavailable. */
export class MemoryPaperStore implements PaperStore {
	readonly #records = new Map<string, PaperSessionRecord>();
	#closed = false;

	list(): Promise<PaperSessionRecord[]> {
		return this.#run(() => [...this.#records.values()].sort(newestFirst));
	}

	put(record: PaperSessionRecord): Promise<void> {
		return this.#run(() => void this.#records.set(record.id, record));
	}

	close(): void {
		this.#closed = true;
	}

	#run<T>(work: () => T): Promise<T> {
		if (this.#closed) return Promise.reject(new Error('the paper store is closed'));
		return Promise.resolve(work());
	}
}
