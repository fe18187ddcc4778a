import type { PaperSession } from '../../core/paper/paper-session';
import type { PaperSessionRecord } from '../../core/paper/paper-types';
import type { PaperStore } from '../../storage/paper-store';

/** While only the price moves, a session is written at most this often. */
export const MARK_SAVE_MS = 5000;

export interface PaperSaverDeps {
	readonly openStore: () => Promise<PaperStore>;
	readonly memoryStore: () => PaperStore;
	readonly log?: (message: string, error: unknown) => void;
}

/**
 * Writes sessions to the paper store one at a time, in order. Without IndexedDB the sessions
 * live in this worker only, and a write that fails (a full disk) is reported, never thrown at the
 * trade that caused it: `notice` says so in words for the panel.
 */
export class PaperSaver {
	readonly #store: Promise<PaperStore>;
	readonly #deps: PaperSaverDeps;
	readonly #savedAt = new Map<string, number>();
	#chain: Promise<void> = Promise.resolve();
	notice = '';

	constructor(deps: PaperSaverDeps) {
		this.#deps = deps;
		this.#store = deps.openStore().catch((error: unknown) => {
			this.notice = `Paper sessions are kept in this tab only: ${reason(error)}.`;
			return deps.memoryStore();
		});
	}

	async list(): Promise<PaperSessionRecord[]> {
		return (await this.#store).list();
	}

	/** Queues a write of `session` (ended at `now` when `ended`). */
	saveNow(session: PaperSession, now: number, ended = false): void {
		this.#savedAt.set(session.id, now);
		const record = session.toRecord(ended ? now : null);
		this.#chain = this.#chain
			.then(async () => (await this.#store).put(record))
			.catch((error: unknown) => {
				this.notice = `The paper session could not be saved: ${reason(error)}.`;
				(this.#deps.log ?? console.error)('Paper: saving a session failed', error);
			});
	}

	/** Writes `session` when it was last written at least MARK_SAVE_MS ago. */
	saveSoon(session: PaperSession | null, now: number): void {
		if (session === null) return;
		if (now - (this.#savedAt.get(session.id) ?? -Infinity) >= MARK_SAVE_MS) {
			this.saveNow(session, now);
		}
	}

	/** Resolves once every queued write is done (tests, and before closing). */
	settled(): Promise<void> {
		return this.#chain;
	}

	close(): void {
		void this.#chain.then(async () => (await this.#store).close());
	}
}

function reason(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return text.replace(/\.$/, '');
}
