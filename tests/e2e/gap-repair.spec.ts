import { expect, test, type Page } from '@playwright/test';
import { startBinanceServer, type BinanceServer } from '../server/server';
import { appKlines, cachedTicks, cachedTradeIds, csvLines, feedStatus } from '../support/app-hook';
import { cliKlines } from '../support/candles-cli';
import { RECORDINGS, recordingPath } from '../support/fixtures';
import { flapConnection } from '../support/flap';

/**
 * Nothing lost: while the recording streams at 10x, the connection drops again and again (some
 * reconnects refused for 1-3 s) or the page reloads, and the market goes on meanwhile. Afterwards
 * the cached trade ids are contiguous, none lost and none doubled, up to the market's last trade
 * (what the server's REST shows once the recording ended, whether or not a socket was open to
 * stream it), and the candles equal the candles CLI's for the recording. The spec runs its own
 * server: it drops every socket of it.
 */

const BTC = [RECORDINGS.btc20240808, RECORDINGS.btc20240809];
let server: BinanceServer;

test.beforeAll(async () => {
	server = await startBinanceServer({ recordings: BTC, speed: 10 });
});

test.afterAll(async () => {
	await server.close();
});

const appUrl = () =>
	`/?ws=${server.wsUrl}&rest=${server.httpUrl}&symbols=btcusdt&symbol=btcusdt&interval=1s`;

async function live(page: Page): Promise<void> {
	await expect(page.getByTestId('feed-status')).toHaveAttribute('data-state', 'live', {
		timeout: 20_000
	});
}

/** Id of the market's newest trade, as the server's REST shows it. */
async function newestTradeId(): Promise<number> {
	const response = await fetch(`${server.httpUrl}/api/v3/aggTrades?symbol=BTCUSDT&limit=1`);
	const rows = (await response.json()) as { a: number }[];
	const newest = rows[0]?.a;
	if (newest === undefined) throw new Error('the test server shows no trade');
	return newest;
}

/**
 * The recording has played to its end, and the app has repaired and cached everything up to its
 * last trade. The app may be waiting out a backoff when the market ends (refused reconnects turn
 * it to its slow retries), so the wait allows for one.
 */
async function settled(page: Page): Promise<number> {
	await expect.poll(() => server.state().clock.ended, { timeout: 120_000 }).toBe(true);
	const lastId = await newestTradeId();
	expect(lastId).toBeGreaterThanOrEqual(server.state().lastSent.BTCUSDT?.aggTradeId ?? Infinity);
	await expect
		.poll(async () => (await cachedTradeIds(page, 'btcusdt')).at(-1), {
			timeout: 90_000,
			intervals: [1000]
		})
		.toBe(lastId);
	await expect
		.poll(
			async () => {
				const quality = (await feedStatus(page))?.quality?.symbols[0];
				return quality !== undefined && !quality.repairing;
			},
			{ timeout: 60_000 }
		)
		.toBe(true);
	let last = -1;
	await expect
		.poll(
			async () => {
				const now = await cachedTicks(page, 'btcusdt');
				const steady = now > 0 && now === last;
				last = now;
				return steady;
			},
			{ timeout: 30_000, intervals: [500] }
		)
		.toBe(true);
	return lastId;
}

/** Cached ids run from the first one up to `lastId` by exactly 1: none lost, none doubled. */
async function expectContiguous(page: Page, lastId: number): Promise<number> {
	const ids = await cachedTradeIds(page, 'btcusdt');
	expect(ids.length).toBeGreaterThan(1000);
	const breaks = ids.flatMap((id, i) => (i > 0 && id !== (ids[i - 1] as number) + 1 ? [i] : []));
	expect(
		breaks.slice(0, 5).map((i) => `${ids[i - 1]} -> ${ids[i]}`),
		'breaks in the cached ids'
	).toEqual([]);
	expect(ids.at(-1)).toBe(lastId);
	return ids.length;
}

/** Every full 1 s candle the app holds equals the CLI's, and no second is missing. */
async function expectCliCandles(page: Page, cli: Promise<string[]>): Promise<void> {
	const app = csvLines(await appKlines(page, 'btcusdt', '1s'));
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

test('20 drops in 60 s, some reconnects refused: no trade lost or doubled, candles exact', async ({
	page
}) => {
	test.setTimeout(240_000);
	const cli = cliKlines(BTC.map(recordingPath), '1s', 'btcusdt');
	server.control({ reset: true, fault: 'none', speed: 10 });
	await page.goto(appUrl());
	await live(page);
	const flaps = await flapConnection(server, { drops: 20, spanMs: 55_000 });
	const refused = flaps.filter((f) => f.refusedMs > 0);
	test.info().annotations.push({
		type: 'faults',
		description: `${flaps.length} drops, ${refused.length} followed by refused reconnects (${refused.map((f) => f.refusedMs).join(', ')} ms)`
	});
	const lastId = await settled(page);
	const count = await expectContiguous(page, lastId);
	await expectCliCandles(page, cli);
	const quality = (await feedStatus(page))?.quality;
	const symbol = quality?.symbols[0];
	test.info().annotations.push({
		type: 'repair',
		description: `${count} trades cached; ${symbol?.gaps} gaps, ${symbol?.repaired} repaired, ${symbol?.unrecoverable} unrecoverable`
	});
	expect(symbol?.gaps).toBeGreaterThanOrEqual(10);
	expect(symbol?.repaired).toBeGreaterThan(0);
	expect(symbol?.unrecoverable).toBe(0);
	expect(symbol?.open).toEqual([]);
	expect(quality?.events.filter((e) => e.kind === 'drop').length).toBeGreaterThanOrEqual(20);
});

test('a reload mid-stream: the trades of the reload are repaired, none lost or doubled', async ({
	page
}) => {
	test.setTimeout(240_000);
	const cli = cliKlines(BTC.map(recordingPath), '1s', 'btcusdt');
	server.control({ reset: true, fault: 'none', speed: 10 });
	await page.goto(appUrl());
	await live(page);
	await expect.poll(() => cachedTicks(page, 'btcusdt'), { timeout: 20_000 }).toBeGreaterThan(500);
	await page.reload();
	await live(page);
	const lastId = await settled(page);
	await expectContiguous(page, lastId);
	await expectCliCandles(page, cli);
	const symbol = (await feedStatus(page))?.quality?.symbols[0];
	expect(symbol?.gaps).toBeGreaterThanOrEqual(1);
	expect(symbol?.repaired).toBeGreaterThan(0);
});

test('a replay mid-stream, then back to live: live went on meanwhile, none lost or doubled', async ({
	page
}) => {
	test.setTimeout(240_000);
	const cli = cliKlines(BTC.map(recordingPath), '1s', 'btcusdt');
	server.control({ reset: true, fault: 'none', speed: 10 });
	await page.goto(appUrl());
	await live(page);
	await expect.poll(() => cachedTicks(page, 'btcusdt'), { timeout: 20_000 }).toBeGreaterThan(500);
	await page.getByTestId('replay-button').click();
	await page.getByTestId('replay-session-cache:btcusdt').click({ timeout: 15_000 });
	await page.getByTestId('replay-speed-max').click();
	await page.getByTestId('replay-play').click();
	const status = page.getByTestId('feed-status');
	await expect(status).toHaveAttribute('data-state', 'replay');
	// The market goes on while the user replays: its trades reach the tick cache meanwhile.
	const atStart = await cachedTicks(page, 'btcusdt');
	await expect
		.poll(() => cachedTicks(page, 'btcusdt'), { timeout: 30_000 })
		.toBeGreaterThan(atStart + 1000);
	await expect(status).toHaveAttribute('data-state', 'replay');
	await page.getByTestId('replay-stop').click();
	await live(page);
	const lastId = await settled(page);
	await expectContiguous(page, lastId);
	await expectCliCandles(page, cli);
	// Nothing to repair: the socket never closed for the replay.
	const symbol = (await feedStatus(page))?.quality?.symbols[0];
	expect(symbol?.gaps).toBe(0);
});
