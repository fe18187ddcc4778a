import { expect, type Page } from '@playwright/test';
import type { BinanceServer } from '../server/server';
import { appKlines, cachedTicks, cachedTradeIds, csvLines, feedStatus } from './app-hook';

/**
 * Nothing lost, nothing doubled: checks of a page's cached trades and candles against what the
 * test server streamed and what the candles CLI makes of the recording.
 */

/** The recording has streamed to its end, and the app has repaired and cached everything; the last id sent. */
export async function settled(server: BinanceServer, page: Page, symbol: string): Promise<number> {
	const upper = symbol.toUpperCase();
	await expect.poll(() => server.state().clock.ended, { timeout: 120_000 }).toBe(true);
	const lastId = server.state().lastSent[upper]?.aggTradeId ?? null;
	expect(lastId).not.toBeNull();
	await expect
		.poll(
			async () => {
				const quality = (await feedStatus(page))?.quality?.symbols.find((s) => s.symbol === symbol);
				return quality !== undefined && !quality.repairing;
			},
			{ timeout: 60_000 }
		)
		.toBe(true);
	let last = -1;
	await expect
		.poll(
			async () => {
				const now = await cachedTicks(page, symbol);
				const steady = now > 0 && now === last;
				last = now;
				return steady;
			},
			{ timeout: 30_000, intervals: [500] }
		)
		.toBe(true);
	return lastId as number;
}

/** Cached ids run from the first one up to `lastId` by exactly 1; the number of cached trades. */
export async function expectContiguous(
	page: Page,
	symbol: string,
	lastId: number
): Promise<number> {
	const ids = await cachedTradeIds(page, symbol);
	expect(ids.length).toBeGreaterThan(1000);
	const breaks = ids.flatMap((id, i) => (i > 0 && id !== (ids[i - 1] as number) + 1 ? [i] : []));
	expect(
		breaks.slice(0, 5).map((i) => `${ids[i - 1]} -> ${ids[i]}`),
		'breaks in the cached ids'
	).toEqual([]);
	expect(ids.at(-1)).toBe(lastId);
	return ids.length;
}

/** Every full 1 s candle the page holds equals the CLI's, and no second is missing. */
export async function expectCliCandles(
	page: Page,
	symbol: string,
	cli: Promise<string[]>
): Promise<void> {
	const app = csvLines(await appKlines(page, symbol, '1s'));
	const expected = new Map((await cli).map((line) => [line.split(',')[0], line]));
	// The first candle may have begun before the app joined: skip it.
	const full = app.slice(1);
	expect(full.length).toBeGreaterThan(300);
	const wrong = full.filter((line) => expected.get(line.split(',')[0]) !== line);
	expect(wrong.slice(0, 3), `${wrong.length} candles differ from the CLI`).toEqual([]);
	const first = Number(full[0]?.split(',')[0]);
	const last = Number(full.at(-1)?.split(',')[0]);
	const seconds = [...expected.keys()].map(Number).filter((t) => t >= first && t <= last);
	expect(full.map((line) => Number(line.split(',')[0]))).toEqual(seconds);
}
