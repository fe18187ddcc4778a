import type { Page } from '@playwright/test';
import type { KlineRow } from '../../src/lib/core/kline';
import { klineToCsvLine } from '../../src/lib/core/kline-csv';
import type { CacheStats, FeedStatus, ReplaySession } from '../../src/lib/protocol/feed-api';

/**
 * Typed reads of the app's test seam (src/lib/client/debug-hook.ts, `window.__tickscope`) from
 * Playwright. Each read answers a neutral value before the hook is installed.
 */
interface DebugHook {
	klines(symbol: string, interval: string): Promise<KlineRow[]>;
	drawnBars(): number;
	readonly status: FeedStatus;
	cacheStats(): Promise<CacheStats>;
	sessions(): Promise<ReplaySession[]>;
	exportTicks(sessionId: string, fromMs: number, toMs: number): Promise<string>;
	renderStats(): { viewRenders: Record<string, number> };
}
type DebugScope = { __tickscope?: DebugHook };

export const drawnBars = (page: Page): Promise<number> =>
	page.evaluate(() => (globalThis as DebugScope).__tickscope?.drawnBars() ?? -1);

export const appKlines = (page: Page, symbol: string, interval: string): Promise<KlineRow[]> =>
	page.evaluate(
		([s, i]) => (globalThis as DebugScope).__tickscope?.klines(s, i) ?? Promise.resolve([]),
		[symbol, interval] as const
	);

/**
 * Renders of each render view (`chart`, `panels`, ...) since the last call of this or of anything
 * else that drains the render figures; empty before the hook is installed.
 */
export const viewRenders = (page: Page): Promise<Record<string, number>> =>
	page.evaluate(() => (globalThis as DebugScope).__tickscope?.renderStats().viewRenders ?? {});

export const feedStatus = (page: Page): Promise<FeedStatus | null> =>
	page.evaluate(() => (globalThis as DebugScope).__tickscope?.status ?? null);

export const cacheStats = (page: Page): Promise<CacheStats | null> =>
	page.evaluate(() => (globalThis as DebugScope).__tickscope?.cacheStats() ?? null);

export const sessions = (page: Page): Promise<ReplaySession[]> =>
	page.evaluate(() => (globalThis as DebugScope).__tickscope?.sessions() ?? Promise.resolve([]));

/** Ticks of `symbol` in the cache now; 0 before the cache answers. */
export async function cachedTicks(page: Page, symbol: string): Promise<number> {
	const stats = await cacheStats(page);
	return stats?.symbols.find((s) => s.symbol === symbol)?.ticks ?? 0;
}

/** Klines as the CLI prints them: Binance kline CSV lines. */
export const csvLines = (rows: readonly KlineRow[]): string[] => rows.map(klineToCsvLine);

/** aggTrade ids of the cached ticks of `symbol` (lower case), in cache order. */
export async function cachedTradeIds(page: Page, symbol: string): Promise<number[]> {
	const csv = await page.evaluate(
		(id) =>
			(globalThis as DebugScope).__tickscope?.exportTicks(id, 0, Number.MAX_SAFE_INTEGER) ??
			Promise.resolve(''),
		`cache:${symbol}`
	);
	return csv
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => Number(line.split(',')[0]));
}
