import type { CacheStats } from '../../protocol/feed-api';
import { cacheKey, symbolOfKey } from './cache-keys';
import type { StorageLike } from '../live/feed-run';
import type { TickCache } from './tick-cache';
import { appendAggTradesLines, linesToText } from './tick-export';

/** Replay and export name the cached ticks of a symbol `cache:<symbol>` (`cache:btcusdt`). */
export const CACHE_SESSION_PREFIX = 'cache:';

/** The config symbol of a `cache:<symbol>` session id; null for other ids. */
export function cacheSessionSymbol(sessionId: string): string | null {
	return sessionId.startsWith(CACHE_SESSION_PREFIX)
		? sessionId.slice(CACHE_SESSION_PREFIX.length)
		: null;
}

/** `navigator.storage` figures; nulls where the browser gives none or refuses. */
async function storageFigures(storage: StorageLike | null) {
	const [estimate, persisted] = await Promise.all([
		storage?.estimate().catch(() => null) ?? null,
		storage?.persisted?.().catch(() => null) ?? null
	]);
	return {
		usageBytes: estimate?.usage ?? null,
		quotaBytes: estimate?.quota ?? null,
		persisted
	};
}

/**
 * The cache panel's figures: per symbol of the feed's namespace, the configured symbols always
 * and other stored ones while they hold ticks, sorted by symbol; plus the origin's storage.
 */
export async function cacheStats(
	cache: TickCache,
	storage: StorageLike | null,
	namespace: string,
	configured: readonly string[]
): Promise<CacheStats> {
	const [stored, figures] = await Promise.all([cache.symbols(), storageFigures(storage)]);
	const bySymbol = new Map<string, CacheStats['symbols'][number]>();
	for (const symbol of configured) {
		bySymbol.set(symbol, { symbol, ticks: 0, fromMs: null, toMs: null, bytes: 0 });
	}
	for (const stats of stored) {
		const symbol = symbolOfKey(namespace, stats.symbol);
		if (symbol === null || (stats.ticks === 0 && !bySymbol.has(symbol))) continue;
		const { ticks, bytes, firstTime: fromMs, lastTime: toMs } = stats;
		bySymbol.set(symbol, { symbol, ticks, fromMs, toMs, bytes });
	}
	return {
		mode: cache.mode ?? 'memory',
		retentionMinutes: cache.retentionMinutes,
		symbols: [...bySymbol.values()].sort((a, b) => (a.symbol < b.symbol ? -1 : 1)),
		...figures
	};
}

/** Cached ticks of a config symbol with `fromMs <= time <= toMs` as a Binance aggTrades CSV. */
export async function exportCachedTicks(
	cache: TickCache,
	namespace: string,
	symbol: string,
	fromMs: number,
	toMs: number
): Promise<string> {
	const lines: string[] = [];
	await cache.scan(cacheKey(namespace, symbol), fromMs, toMs, (columns) =>
		appendAggTradesLines(columns, lines)
	);
	return linesToText(lines);
}
