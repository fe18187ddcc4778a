import type { Interval } from '../core/interval';
import type {
	CacheStats,
	ImportProgress,
	ReplayRequest,
	ReplaySession
} from '../protocol/feed-api';
import type { CachePort } from './state/cache.svelte';
import type { ExportPort } from './state/export.svelte';
import type { FeedClient, ReplayCommand } from './feed-client';
import type { ImportPort } from './state/import.svelte';
import type { ReplayPort } from './state/replay.svelte';

/**
 * The panels' calls, passed to whichever feed client runs now. Before the app opens (or after it
 * closed) a call is refused in words, like a call the worker refused.
 */
export class WorkerPort implements ReplayPort, ImportPort, ExportPort, CachePort {
	readonly #client: () => FeedClient | null;

	constructor(client: () => FeedClient | null) {
		this.#client = client;
	}

	#with<T>(call: (client: FeedClient) => Promise<T>): Promise<T> {
		const client = this.#client();
		return client === null ? Promise.reject(new Error('The feed is not running')) : call(client);
	}

	sessions(): Promise<ReplaySession[]> {
		return this.#with((c) => c.sessions());
	}

	replay(request: ReplayRequest): Promise<void> {
		return this.#with((c) => c.replay(request));
	}

	replayControl(command: ReplayCommand): Promise<void> {
		return this.#with((c) => c.replayControl(command));
	}

	stopReplay(): Promise<void> {
		return this.#with((c) => c.stopReplay());
	}

	importFile(
		name: string,
		data: ArrayBuffer,
		onProgress: (progress: ImportProgress) => void,
		symbol?: string
	): Promise<ReplaySession> {
		return this.#with((c) => c.importFile(name, data, onProgress, symbol));
	}

	exportTicks(sessionId: string, fromMs: number, toMs: number): Promise<string> {
		return this.#with((c) => c.exportTicks(sessionId, fromMs, toMs));
	}

	exportKlines(symbol: string, interval: Interval): Promise<string> {
		return this.#with((c) => c.exportKlines(symbol, interval));
	}

	cacheStats(): Promise<CacheStats> {
		return this.#with((c) => c.cacheStats());
	}
}
