import { expect, test, type Page } from '@playwright/test';
import { startBinanceServer, type BinanceServer } from '../server/server';
import { appKlines, cachedTicks, csvLines, drawnBars, feedStatus } from '../support/app-hook';
import { cliKlines } from '../support/candles-cli';
import { RECORDINGS, recordingPath } from '../support/fixtures';

/**
 * The tick cache across a reload: the chart shows the cached history at once, and live trades
 * continue it with no trade missing or doubled at the join. This spec runs its own Binance test
 * server (BTCUSDT 2024-08-08/09 at 10x) because it holds the replay clock still around the reload.
 */

const BTC = [RECORDINGS.btc20240808, RECORDINGS.btc20240809];
/** A replay speed that holds the clock: a second of real time is a nanosecond of market time. */
const HOLD = 1e-9;
let server: BinanceServer;

test.beforeAll(async () => {
	server = await startBinanceServer({ recordings: BTC, speed: 10 });
});

test.afterAll(async () => {
	await server.close();
});

const appUrl = () =>
	`/?ws=${server.wsUrl}&rest=${server.httpUrl}&symbols=btcusdt&symbol=btcusdt&interval=1s`;

/** Waits until the cache holds every tick received: the count stops changing while the market holds. */
async function cacheSettled(page: Page): Promise<number> {
	let last = -1;
	await expect
		.poll(
			async () => {
				const now = await cachedTicks(page, 'btcusdt');
				const settled = now > 0 && now === last;
				last = now;
				return settled;
			},
			{ timeout: 15_000, intervals: [500] }
		)
		.toBe(true);
	return last;
}

test('a reload shows the cached history at once, and live continues it without a seam', async ({
	page
}) => {
	const cli = cliKlines(BTC.map(recordingPath), '1s', 'btcusdt');
	server.control({ reset: true, fault: 'none', speed: 10 });
	await page.goto(appUrl());
	const status = page.getByTestId('feed-status');
	await expect(status).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
	await expect.poll(() => drawnBars(page), { timeout: 20_000 }).toBeGreaterThan(20);

	// Hold the market: nothing trades while the page reloads, so a gap could only be the app's.
	server.control({ speed: HOLD });
	const ticks = await cacheSettled(page);
	const before = csvLines(await appKlines(page, 'btcusdt', '1s'));
	expect(before.length).toBeGreaterThan(20);

	const reloaded = Date.now();
	await page.reload();
	// Drawn from the cache: the market still holds, so no live trade can have come in.
	await expect.poll(() => drawnBars(page), { timeout: 5000 }).toBe(before.length);
	test.info().annotations.push({
		type: 'restore',
		description: `${before.length} bars drawn ${Date.now() - reloaded} ms after the reload began`
	});
	expect(csvLines(await appKlines(page, 'btcusdt', '1s'))).toEqual(before);
	expect(await cachedTicks(page, 'btcusdt')).toBe(ticks);
	expect((await feedStatus(page))?.cache?.mode).toBe('indexeddb');

	// Live again from where the market held: the restored candles go on, trade for trade.
	server.control({ speed: 10 });
	await expect(status).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
	await expect.poll(() => drawnBars(page), { timeout: 20_000 }).toBeGreaterThan(before.length + 20);
	server.control({ speed: HOLD });
	await page.waitForTimeout(500);
	const after = csvLines(await appKlines(page, 'btcusdt', '1s'));
	const expected = new Map((await cli).map((line) => [line.split(',')[0], line]));
	// Every full second: the first candle may have started before the app joined, the last is open.
	const full = after.slice(1, -1);
	expect(full.length).toBeGreaterThan(before.length + 15);
	for (const line of full) {
		const openTime = line.split(',')[0];
		expect(line, `the candle opening at ${openTime}`).toBe(expected.get(openTime));
	}
	// And none missing in between: the seconds with trades are the CLI's, one for one.
	const first = Number(full[0]?.split(',')[0]);
	const last = Number(full.at(-1)?.split(',')[0]);
	const cliSeconds = [...expected.keys()].map(Number).filter((t) => t >= first && t <= last);
	expect(full.map((line) => Number(line.split(',')[0]))).toEqual(cliSeconds);
});

test('the cache panel shows what is cached and edits the retention', async ({ page }) => {
	server.control({ reset: true, fault: 'none', speed: 10 });
	await page.goto(appUrl());
	await expect(page.getByTestId('feed-status')).toHaveAttribute('data-state', 'live', {
		timeout: 20_000
	});
	await expect.poll(() => cachedTicks(page, 'btcusdt'), { timeout: 15_000 }).toBeGreaterThan(0);
	await page.getByTestId('cache-button').click();
	const panel = page.getByTestId('cache-panel');
	await expect(panel).toBeVisible();
	await expect(panel.getByTestId('cache-mode')).toHaveAttribute('data-mode', 'indexeddb');
	await expect(panel.getByTestId('cache-row-btcusdt')).toContainText('BTCUSDT');
	await expect(panel.getByTestId('cache-usage')).toContainText(/ of \d/);

	await panel.getByTestId('cache-retention').fill('500');
	await panel.getByTestId('cache-retention-apply').click();
	await expect(panel.getByTestId('cache-retention-error')).toHaveText(
		'retention: "500" is not a retention (whole minutes, 1 to 120)'
	);
	await panel.getByTestId('cache-retention').fill('30');
	await panel.getByTestId('cache-retention-apply').click();
	await expect(panel.getByTestId('cache-retention-error')).toHaveCount(0);
	await expect(page).toHaveURL(/[?&]retention=30(&|$)/);
	await expect.poll(async () => (await feedStatus(page))?.cache?.retentionMinutes).toBe(30);
	await page.screenshot({ path: test.info().outputPath('cache-panel.png') });
});
