import type { TickColumns } from '../core/tick-codec';
import { epochMs, type EpochMs } from '../core/time';
import type { Trade } from '../core/trade';
import type { ChunkHead } from './tick-writer';

export interface AppendResult {
	/** Trades stored by this call. */
	readonly written: number;
	/** Trades dropped because their id was at or below the symbol's last stored id. */
	readonly skipped: number;
	/**
	 * Set when storage was full: retention was halved (not below 1 minute), old ticks pruned and
	 * the write retried once. The UI should tell the user the new retention.
	 */
	readonly quota: { readonly retentionMinutes: number } | null;
}

export interface SymbolStats {
	readonly symbol: string;
	readonly ticks: number;
	readonly chunks: number;
	/** Payload bytes of the stored chunks (record overhead not included). */
	readonly bytes: number;
	/** Earliest and latest stored trade time; null when every tick was pruned. */
	readonly firstTime: EpochMs | null;
	readonly lastTime: EpochMs | null;
	/** Last stored trade id: later appends skip ids at or below it. */
	readonly lastId: number;
}

/**
 * Recent ticks per symbol, kept by `TickRetention` (tick-retention.ts): the last `retentionMinutes`
 * before each symbol's newest stored trade. One writer per database (the feed worker). Methods
 * reject once the store is closed.
 */
export interface TickStore {
	/** Stores new trades (any symbols, ascending id within a symbol) in one write. */
	append(trades: readonly Trade[]): Promise<AppendResult>;
	/** Ticks of `symbol` with `fromMs <= time <= toMs`, as chunks in time order. */
	load(symbol: string, fromMs: number, toMs: number): Promise<TickColumns[]>;
	/**
	 * The same ticks as `load`, handed to `visit` one decoded chunk at a time, in time order, so a
	 * large range never sits decoded in memory at once. Resolves to the ticks visited.
	 */
	scan(
		symbol: string,
		fromMs: number,
		toMs: number,
		visit: (columns: TickColumns) => void
	): Promise<number>;
	/** Per stored symbol, sorted by symbol. */
	symbols(): Promise<SymbolStats[]>;
	/** Time of the newest stored tick of `symbol` (ms); null when it has none. */
	newest(symbol: string): Promise<EpochMs | null>;
	readonly retentionMinutes: number;
	/** Clamped by `clampRetention` (core/retention.ts); old ticks go at the next prune. */
	setRetention(minutes: number): void;
	/** Deletes the chunks `TickRetention` lets go; resolves to the ticks removed. */
	prune(): Promise<number>;
	close(): void;
}

export interface TickStoreOptions {
	/** Defaults to the global `indexedDB`; must come from the same implementation as the global IDB classes. */
	readonly factory?: IDBFactory;
	/** Database name, default `tickscope`. */
	readonly name?: string;
	readonly retentionMinutes?: number;
	/**
	 * Another tab writes this database: read only. Nothing is pruned at open; `append` and `prune`
	 * reject. `symbols` and reads see the other tab's writes.
	 */
	readonly readOnly?: boolean;
	/**
	 * Local clock, ms since the epoch: it only paces how often appends prune. What is pruned counts
	 * back from trade times, so a wrong clock never deletes the ticks it should keep.
	 */
	readonly now: () => number;
	/**
	 * The open database went away: `blocking` (a newer version of the app opened it in another tab,
	 * so this connection closed to let it upgrade) or `terminated` (the browser closed it, e.g. the
	 * user cleared site data). The store is closed; reopen or fall back to memory.
	 */
	readonly onLost?: (reason: TickStoreLoss) => void;
}

export type TickStoreLoss = 'blocking' | 'terminated';

/** QuotaExceededError, or an AbortError whose message or cause says quota (Chromium near quota). */
export function isQuotaError(error: unknown): boolean {
	if (typeof error !== 'object' || error === null) return false;
	const { name, message, cause } = error as { name?: unknown; message?: unknown; cause?: unknown };
	if (name === 'QuotaExceededError') return true;
	if (name !== 'AbortError') return false;
	return (typeof message === 'string' && /quota/i.test(message)) || isQuotaError(cause);
}

/** Stats per symbol from chunk heads and last ids. */
export function summarize(
	heads: readonly ChunkHead[],
	lastIds: Iterable<readonly [string, number]>
): SymbolStats[] {
	const stats = new Map<string, SymbolStats>();
	for (const [symbol, lastId] of lastIds) {
		stats.set(symbol, {
			symbol,
			ticks: 0,
			chunks: 0,
			bytes: 0,
			firstTime: null,
			lastTime: null,
			lastId
		});
	}
	for (const h of heads) {
		const s = stats.get(h.symbol);
		if (!s) continue;
		stats.set(h.symbol, {
			...s,
			ticks: s.ticks + h.ticks,
			chunks: s.chunks + 1,
			bytes: s.bytes + h.bytes,
			firstTime: epochMs(Math.min(s.firstTime ?? Infinity, h.minTime)),
			lastTime: epochMs(Math.max(s.lastTime ?? -Infinity, h.maxTime))
		});
	}
	return [...stats.values()].sort((a, b) =>
		a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0
	);
}
