import { rmSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { startBinanceServer } from '../server/server';
import { appKlines, cachedTicks, csvLines, drawnBars, feedStatus } from '../support/app-hook';
import { RECORDINGS } from '../support/fixtures';
import { copyBuild, serveApp, waitForServiceWorker } from '../support/offline';

/**
 * Offline replay: with the network off and both servers gone, a reload still opens the app (service
 * worker), it says offline and offers replay, and replaying the cached ticks plays, pauses, seeks
 * and changes speed, drawing the same candles the live feed drew. The app and the Binance test
 * server are this test's own, so stopping them touches nothing shared.
 */

const replayStatus = async (page: Page) => (await feedStatus(page))?.replay ?? null;

test('offline, a reload works and the cached ticks replay', async ({ page, context }) => {
	test.setTimeout(120_000);
	const market = await startBinanceServer({
		recordings: [RECORDINGS.btc20240808, RECORDINGS.btc20240809],
		speed: 10
	});
	const dir = copyBuild('test');
	const app = await serveApp(dir);
	try {
		const feed = `?ws=${market.wsUrl}&rest=${market.httpUrl}&symbols=btcusdt&symbol=btcusdt&interval=1s`;
		await page.goto(`${app.url}${feed}`);
		await waitForServiceWorker(page);
		const status = page.getByTestId('feed-status');
		await expect(status).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
		await expect.poll(() => drawnBars(page), { timeout: 20_000 }).toBeGreaterThan(30);
		await expect.poll(() => cachedTicks(page, 'btcusdt'), { timeout: 15_000 }).toBeGreaterThan(300);
		// The last candle is still open: trades keep arriving (and being cached) until offline.
		const live = new Map(
			csvLines(await appKlines(page, 'btcusdt', '1s'))
				.slice(0, -1)
				.map((l) => [l.split(',')[0], l])
		);

		// No network, no servers: the reload must come from the service worker's cache.
		await context.setOffline(true);
		await expect(status).toHaveAttribute('data-state', 'offline');
		await app.stop();
		await market.close();
		const response = await page.reload();
		expect(response?.fromServiceWorker()).toBe(true);
		await expect(status).toHaveAttribute('data-state', 'offline', { timeout: 15_000 });

		await expect(page.getByTestId('offline-banner')).toBeVisible();
		await page.getByTestId('offline-replay').click();
		const panel = page.getByTestId('replay-panel');
		await expect(panel).toBeVisible();
		const cached = panel.getByTestId('replay-session-cache:btcusdt');
		await expect(cached, 'the cached BTCUSDT ticks are listed').toBeVisible({ timeout: 15_000 });
		await cached.click();
		// Real time: the cached range (tens of seconds) outlasts the pause and seek checks below.
		await page.getByTestId('replay-speed-1').click();
		await page.getByTestId('replay-play').click();
		await expect(status).toHaveAttribute('data-state', 'replay');
		await expect(page.getByTestId('feed-state-label')).toHaveText('Replay');
		await expect(page.getByTestId('source-badge')).toHaveAttribute('data-source', 'replay');
		await expect.poll(() => drawnBars(page), { timeout: 15_000 }).toBeGreaterThan(0);

		// Pause holds the position.
		await page.getByTestId('replay-play').click();
		await expect.poll(async () => (await replayStatus(page))?.playing).toBe(false);
		const paused = (await replayStatus(page))?.positionMs;
		await page.waitForTimeout(600);
		expect((await replayStatus(page))?.positionMs).toBe(paused);
		await page.screenshot({ path: test.info().outputPath('offline-replay-paused.png') });

		// The scrubber seeks: near the end of the range, then back near its start.
		const range = await replayStatus(page);
		if (range === null || paused === undefined) throw new Error('no replay status');
		const late = Math.round(range.fromMs + (range.toMs - range.fromMs) * 0.9);
		await page.getByTestId('replay-seek').fill(String(late));
		await expect
			.poll(async () => (await replayStatus(page))?.positionMs ?? 0)
			.toBeGreaterThan(Math.max(paused, range.fromMs + (range.toMs - range.fromMs) * 0.8));
		const early = Math.round(range.fromMs + (range.toMs - range.fromMs) * 0.1);
		await page.getByTestId('replay-seek').fill(String(early));
		await expect
			.poll(async () => (await replayStatus(page))?.positionMs ?? 0)
			.toBeLessThanOrEqual(early);

		// As fast as possible to the end: the replayed candles are the live ones.
		await page.getByTestId('replay-speed-max').click();
		await expect.poll(async () => (await replayStatus(page))?.speed).toBe('max');
		await page.getByTestId('replay-play').click();
		await expect
			.poll(async () => (await replayStatus(page))?.ended, { timeout: 30_000 })
			.toBe(true);
		const replayed = csvLines(await appKlines(page, 'btcusdt', '1s'));
		// The cache's first second may hold only the tail of that second's trades.
		const full = replayed.slice(1);
		expect(full.length).toBeGreaterThan(10);
		for (const line of full) {
			const openTime = line.split(',')[0] ?? '';
			if (live.has(openTime)) expect(line, `the candle at ${openTime}`).toBe(live.get(openTime));
		}
		expect(full.filter((line) => live.has(line.split(',')[0] ?? '')).length).toBeGreaterThan(10);

		await page.getByTestId('replay-stop').click();
		await expect(status).toHaveAttribute('data-state', 'offline');
	} finally {
		await context.setOffline(false).catch(() => {});
		await app.stop();
		await market.close().catch(() => {});
		rmSync(dir, { recursive: true, force: true });
	}
});

test('offline with nothing cached, the demo market is offered and clearly labelled', async ({
	page,
	context
}) => {
	await page.goto('/?ws=ws://127.0.0.1:9&rest=http://127.0.0.1:9&symbols=btcusdt&symbol=btcusdt');
	const status = page.getByTestId('feed-status');
	// The worker is loaded and trying its (closed) host before the network goes away.
	await expect(status).toHaveAttribute('data-state', 'reconnecting', { timeout: 15_000 });
	await context.setOffline(true);
	try {
		await expect(status).toHaveAttribute('data-state', 'offline', { timeout: 15_000 });
		await expect(page.getByTestId('source-badge')).toHaveCount(0);
		await page.getByTestId('offline-demo').click();
		await expect(page.getByTestId('source-badge')).toHaveText('DEMO · simulated market');
		await expect(page).toHaveURL(/[?&]source=demo(&|$)/);
		await expect(status).toHaveAttribute('data-state', 'live', { timeout: 15_000 });
		await expect(page.getByTestId('offline-banner')).toHaveCount(0);
		await expect.poll(() => drawnBars(page), { timeout: 15_000 }).toBeGreaterThan(0);
	} finally {
		await context.setOffline(false);
	}
});
