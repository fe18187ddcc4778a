import { expect, test, type Page } from '@playwright/test';
import { startBinanceServer, type BinanceServer } from '../server/server';
import { feedStatus } from '../support/app-hook';
import { RECORDINGS } from '../support/fixtures';

/**
 * The data-quality panel, opened from the status: gaps found and repaired per symbol, latency,
 * clock offset and the log of connection events. While the feed is not live, prices are visibly
 * stale. The spec runs its own server: it drops and refuses its sockets.
 */

let server: BinanceServer;

test.beforeAll(async () => {
	server = await startBinanceServer({
		recordings: [RECORDINGS.btc20240808, RECORDINGS.btc20240809],
		speed: 10
	});
});

test.afterAll(async () => {
	await server.close();
});

const appUrl = () =>
	`/?ws=${server.wsUrl}&rest=${server.httpUrl}&symbols=btcusdt&symbol=btcusdt&interval=1s`;

async function screenshots(page: Page, name: string): Promise<void> {
	await page.setViewportSize({ width: 1440, height: 900 });
	await page.screenshot({ path: test.info().outputPath(`${name}-1440x900.png`) });
	await page.setViewportSize({ width: 375, height: 812 });
	await page.screenshot({ path: test.info().outputPath(`${name}-375x812.png`) });
	await page.setViewportSize({ width: 1440, height: 900 });
}

test('not live: prices say how old they are; the panel shows the repair and the log', async ({
	page
}) => {
	test.setTimeout(120_000);
	server.control({ reset: true, fault: 'none', speed: 10 });
	await page.setViewportSize({ width: 1440, height: 900 });
	await page.goto(appUrl());
	const status = page.getByTestId('feed-status');
	await expect(status).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
	await expect(page.getByTestId('feed-stale')).toHaveCount(0);

	// The server refuses reconnects: the last price grows old, and the page says so.
	server.control({ fault: 'drop' });
	server.control({ fault: 'refuse' });
	await expect(status).toHaveAttribute('data-state', /reconnecting|error/, { timeout: 10_000 });
	await expect(page.getByTestId('feed-stale')).toHaveText(/^last trade [3-9] s ago$/, {
		timeout: 15_000
	});
	await expect(page.getByTestId('price-stale')).toHaveText(/^last trade \d+ s ago$/);
	await screenshots(page, 'stale');

	// Back: the missed trades are fetched by id, and the panel tells the story. After 5 refused
	// attempts the app retries at its slowest pace (up to 30 s): wait for that.
	server.control({ fault: 'none' });
	await expect(status).toHaveAttribute('data-state', 'live', { timeout: 45_000 });
	await expect(page.getByTestId('feed-stale')).toHaveCount(0);
	await expect
		.poll(async () => (await feedStatus(page))?.quality?.symbols[0]?.repaired ?? 0, {
			timeout: 20_000
		})
		.toBeGreaterThan(0);
	await page.getByTestId('quality-button').click();
	const panel = page.getByTestId('quality-panel');
	await expect(panel).toBeVisible();
	const row = panel.getByTestId('quality-row-btcusdt');
	// One gap or more: a tail fetch made while the socket was still refused fills part of it,
	// and the first live trade after the refusals shows the rest as a second one.
	await expect(row.locator('td').nth(1)).toHaveText(/^[1-9]\d*$/);
	await expect(row.locator('td').nth(2)).not.toHaveText('0');
	await expect(row.locator('td').nth(3)).toHaveText('0');
	// The test server's clock is the recording's (2024), and it runs 10 times faster than this
	// one: the offset measured at the start soon gives latencies below zero, which are impossible,
	// so latency is unknown rather than wrong.
	await expect(panel.getByTestId('quality-offset')).toContainText(/[+−][\d,]+ ms/);
	await expect(panel.getByTestId('quality-latency')).toContainText(/^unknown \/\s+unknown/);
	const log = panel.getByTestId('quality-log');
	for (const kind of ['drop', 'connect', 'live', 'repair', 'repaired']) {
		await expect(log.locator('li b', { hasText: new RegExp(`^${kind}$`) }).first()).toBeVisible();
	}
	await expect(log).toContainText(/Connection closed \(code 1006\); retrying in/);
	await expect(log).toContainText(/BTCUSDT: \d+ trades repaired/);
	await screenshots(page, 'quality-panel');
	await panel.getByRole('button', { name: 'Close' }).click();
	await expect(panel).toBeHidden();
});
