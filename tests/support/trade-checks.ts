import { expect, type Page } from '@playwright/test';
import type { BinanceServer } from '../server/server';
import { appKlines, cachedTicks, cachedTradeIds, csvLines, feedStatus } from './app-hook';

/**
 * Nothing lost, nothing doubled: checks of a page's cached trades and candles against what the
 * test server streamed and what the candles CLI makes of the recording.
 */

/** Id of the market's newest trade of `symbol`, as the server's REST shows it. */
async function newestTradeId(server: BinanceServer, symbol: string): Promise<number> {
	const url = `${server.httpUrl}/api/v3/aggTrades?symbol=${symbol.toUpperCase()}&limit=1`;
	const rows = (await (await fetch(url)).json()) as { a: number }[];
	const newest = rows[0]?.a;
	if (newest === undefined) throw new Error('the test server shows no trade');
	return newest;
}

/**
 * The recording has played to its end, and the app has repaired and cached everything up to the
 * market's last trade (not only the last one a socket was sent: trades traded while the socket
 * was down count too). The app may be waiting out a backoff when the market ends (refused
 * reconnects turn it to its slow retries), so the wait allows for one. Returns that last id.
 */
export async function settled(server: BinanceServer, page: Page, symbol: string): Promise<number> {
	const upper = symbol.toUpperCase();
	await expect.poll(() => server.state().clock.ended, { timeout: 120_000 }).toBe(true);
	const lastId = await newestTradeId(server, symbol);
	expect(lastId).toBeGreaterThanOrEqual(server.state().lastSent[upper]?.aggTradeId ?? Infinity);
	await expect
		.poll(async () => (await cachedTradeIds(page, symbol)).at(-1), {
			timeout: 90_000,
			intervals: [1000]
		})
		.toBe(lastId);
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
	return lastId;
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

/**
 * After a gap longer than the ticks kept: the cached ids from the cut on run by exactly 1 up to
 * `lastId`, and the `skipped` ids of the candles-only span are missing in one piece (unless the
 * ticks before it were pruned with them). Returns the number of breaks: 0 or 1.
 */
export async function expectCutCached(
	page: Page,
	symbol: string,
	lastId: number,
	skipped: number
): Promise<number> {
	const ids = await cachedTradeIds(page, symbol);
	const breaks = ids.flatMap((id, i) => (i > 0 && id !== (ids[i - 1] as number) + 1 ? [i] : []));
	expect(breaks.length).toBeLessThanOrEqual(1);
	for (const i of breaks) expect((ids[i] as number) - (ids[i - 1] as number) - 1).toBe(skipped);
	expect(ids.at(-1)).toBe(lastId);
	return breaks.length;
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
	// And none missing: the app's seconds are the CLI's, one for one (quiet ones included, flat).
	const seconds = [...expected.keys()].map(Number).filter((t) => t >= first && t <= last);
	expect(full.map((line) => Number(line.split(',')[0]))).toEqual(seconds);
}
