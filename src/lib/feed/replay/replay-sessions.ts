import { chunkBytes, clipColumns, decodeChunk, type TickColumns } from '../../core/tick-codec';
import type {
	ImportListener,
	ReplayRequest,
	ReplaySession,
	ReplaySpeed
} from '../../protocol/feed-api';
import type { SessionStore, StoredSession } from '../../storage/session-store';
import { isQuotaError } from '../../storage/tick-store';
import { ImportError, readImport, type ImportHost } from '../import/import-file';
import type { ReplayPlan } from './replay-run';
import { ticksToAggTradesCsv } from '../cache/tick-export';

/** The part of the live tick cache a replay reads. */
export interface CachedTicks {
	/** Per store key: ticks and the time span, ms (null when every tick was pruned). */
	symbols(): Promise<
		readonly {
			readonly symbol: string;
			readonly ticks: number;
			readonly firstTime: number | null;
			readonly lastTime: number | null;
		}[]
	>;
	scan(
		key: string,
		fromMs: number,
		toMs: number,
		visit: (columns: TickColumns) => void
	): Promise<number>;
}

/** How the feed now names its symbols in the cache (cache-keys.ts). */
export interface CacheNaming {
	/** Store key of a config symbol (`btcusdt`). */
	key(symbol: string): string;
	/** Config symbol of a store key; null for keys of another feed. */
	symbolOf(key: string): string | null;
}

export interface ReplaySessionsDeps {
	/** The live tick cache, or null while there is none. */
	readonly cache: () => CachedTicks | null;
	readonly naming: () => CacheNaming;
	/** Opens the imported sessions' store (called once, on first use). */
	readonly openSessions: () => Promise<SessionStore>;
	readonly host: ImportHost;
}

export const REPLAY_SPEEDS: readonly ReplaySpeed[] = [1, 10, 100, 'max'];

const CACHE_ID = /^cache:([a-z0-9]{2,30})$/;
const IMPORT_ID = /^import:(\d+)$/;

const importSession = (s: StoredSession): ReplaySession => ({
	id: `import:${s.id}`,
	kind: 'import',
	label: s.label,
	symbol: s.symbol.toLowerCase(),
	ticks: s.ticks,
	fromMs: s.fromMs,
	toMs: s.toMs
});

/** Something the caller can act on, in words: a bad replay request. */
function refuse(message: string): never {
	throw new RangeError(message);
}

/**
 * What can be replayed: the live cache's symbols and imported files. Imports are read, checked
 * and stored here; a replay request becomes a `ReplayPlan` over the chosen ticks.
 */
export class ReplaySessions {
	#store: Promise<SessionStore> | null = null;
	readonly #deps: ReplaySessionsDeps;

	constructor(deps: ReplaySessionsDeps) {
		this.#deps = deps;
	}

	/** Cached symbols (by symbol), then imports, newest first. */
	async list(): Promise<ReplaySession[]> {
		const [cached, imported] = await Promise.all([
			this.#cached(),
			this.#sessions().then((s) => s.list())
		]);
		return [...cached, ...imported.map(importSession)];
	}

	async importFile(
		name: string,
		data: ArrayBuffer,
		listener?: ImportListener,
		symbol?: string
	): Promise<ReplaySession> {
		const progress =
			listener &&
			((p: Parameters<ImportListener['progress']>[0]) => {
				const sent: unknown = listener.progress(p);
				// Through comlink this is a promise; a closed page must not fail the import.
				if (sent instanceof Promise) sent.catch(() => undefined);
			});
		const parsed = await readImport({ name, data, symbol, progress }, this.#deps.host);
		const store = await this.#sessions();
		const bytes = parsed.chunks.reduce((n, chunk) => n + chunkBytes(chunk), 0);
		const { ticks, fromMs, toMs } = parsed;
		const session = { label: name, symbol: parsed.symbol, ticks, fromMs, toMs, bytes };
		try {
			return importSession(
				await store.add({ ...session, importedAt: this.#deps.host.now() }, parsed.chunks)
			);
		} catch (error) {
			if (!isQuotaError(error)) throw error;
			throw new ImportError(
				`not enough storage to keep ${name} (${ticks} ticks): free some space or import a smaller file`
			);
		}
	}

	/** The ticks a request asks for, checked; rejects in words when there are none. */
	async plan(request: ReplayRequest): Promise<ReplayPlan> {
		const { sessionId, fromMs, toMs, speed } = request;
		if (!REPLAY_SPEEDS.includes(speed))
			refuse(`replay speed must be 1, 10, 100 or 'max', got ${String(speed)}`);
		if (!(Number.isFinite(fromMs) && Number.isFinite(toMs) && fromMs <= toMs)) {
			refuse(`replay range must be two times in ms with from <= to, got ${fromMs}..${toMs}`);
		}
		const session = (await this.list()).find((s) => s.id === sessionId);
		if (!session) return refuse(`no replay session "${sessionId}" (it may have been pruned)`);
		const from = Math.max(fromMs, session.fromMs);
		const to = Math.min(toMs, session.toMs);
		if (from > to) refuse(`${session.label} holds no ticks between ${fromMs} and ${toMs}`);
		const sources = await this.#sources(session, from, to);
		if (sources.length === 0) refuse(`${session.label} holds no ticks between ${from} and ${to}`);
		return { sessionId, symbol: session.symbol, fromMs: from, toMs: to, sources };
	}

	/** Ticks of an imported session within the range, as a Binance aggTrades CSV (no header). */
	async exportTicks(sessionId: string, fromMs: number, toMs: number): Promise<string> {
		const id = Number(IMPORT_ID.exec(sessionId)?.[1] ?? NaN);
		const store = await this.#sessions();
		if (!(await store.list()).some((s) => s.id === id))
			refuse(`no imported session "${sessionId}"`);
		const chunks = await store.chunks(id, fromMs, toMs);
		return ticksToAggTradesCsv(
			chunks.map((chunk) => clipColumns(decodeChunk(chunk), fromMs, toMs))
		);
	}

	async #sources(session: ReplaySession, from: number, to: number): Promise<(() => TickColumns)[]> {
		const imported = IMPORT_ID.exec(session.id);
		if (imported) {
			const chunks = await (await this.#sessions()).chunks(Number(imported[1]), from, to);
			return chunks.map((chunk) => () => clipColumns(decodeChunk(chunk), from, to));
		}
		const cache = this.#deps.cache();
		const symbol = CACHE_ID.exec(session.id)?.[1];
		if (!cache || symbol === undefined) return [];
		const decoded: TickColumns[] = [];
		await cache.scan(this.#deps.naming().key(symbol), from, to, (columns) => decoded.push(columns));
		return decoded.map((columns) => () => columns);
	}

	async #cached(): Promise<ReplaySession[]> {
		const cache = this.#deps.cache();
		if (!cache) return [];
		const naming = this.#deps.naming();
		const sessions: ReplaySession[] = [];
		// A cache that failed must not hide the imports; it is reported where it failed.
		const all = await cache.symbols().catch(() => []);
		for (const stats of all) {
			const symbol = naming.symbolOf(stats.symbol);
			if (symbol === null || stats.firstTime === null || stats.lastTime === null) continue;
			if (stats.ticks === 0) continue;
			sessions.push({
				id: `cache:${symbol}`,
				kind: 'cache',
				label: `${symbol.toUpperCase()} cache`,
				symbol,
				ticks: stats.ticks,
				fromMs: stats.firstTime,
				toMs: stats.lastTime
			});
		}
		return sessions;
	}

	#sessions(): Promise<SessionStore> {
		this.#store ??= this.#deps.openSessions();
		return this.#store;
	}
}
