import { expect, test, type Page } from '@playwright/test';
import { TEST_SERVER_HTTP, TEST_SERVER_WS, control } from '../support/server-control';

/**
 * What a new user sees when the market cannot be shown: a symbol the exchange does not list is
 * refused by name (not an empty chart marked Live), and an exchange that cannot be reached is
 * explained with ways out (Binance.US, the demo market, settings), the empty chart saying why.
 */

type Scope = { __tickscope?: { drawnBars(): number } };
const drawnBars = (page: Page) =>
	page.evaluate(() => (globalThis as Scope).__tickscope?.drawnBars() ?? 0);

async function screenshots(page: Page, name: string): Promise<void> {
	await page.screenshot({ path: test.info().outputPath(`${name}-desktop.png`) });
	const size = page.viewportSize();
	await page.setViewportSize({ width: 375, height: 812 });
	await page.screenshot({ path: test.info().outputPath(`${name}-phone.png`) });
	if (size) await page.setViewportSize(size);
}

test.beforeEach(async () => {
	await control({ reset: true, fault: 'none' });
});

test('a symbol the exchange does not list is refused by name, and can be removed', async ({
	page
}) => {
	await page.goto(
		`/?ws=${TEST_SERVER_WS}&rest=${TEST_SERVER_HTTP}&symbols=btcusdt,xyzusdt&symbol=xyzusdt&interval=1m`
	);
	const banner = page.getByTestId('refused-symbol');
	await expect(banner).toContainText('XYZUSDT is not a symbol on this Binance spot host', {
		timeout: 20_000
	});
	await expect(page.getByTestId('chart-empty')).toContainText('XYZUSDT');
	// Not a quiet market: the refusal, not a spinner.
	await expect(page.getByTestId('chart-loading')).toHaveCount(0);
	await screenshots(page, 'refused-symbol');

	await banner.getByRole('button', { name: 'Remove XYZUSDT' }).click();
	await expect(page.getByTestId('refused-symbol')).toHaveCount(0);
	await expect(page).not.toHaveURL(/xyzusdt/);
	await expect.poll(() => drawnBars(page), { timeout: 20_000 }).toBeGreaterThan(0);
});

test('an unreachable exchange is explained, with Binance.US, the demo market and settings', async ({
	page
}) => {
	// Nothing listens on port 9 of this machine: every connection is refused at once.
	await page.goto('/?ws=ws://127.0.0.1:9&rest=http://127.0.0.1:9&symbols=btcusdt&interval=1m');
	const banner = page.getByTestId('unreachable-banner');
	await expect(banner).toBeVisible({ timeout: 20_000 });
	await expect(banner.getByTestId('unreachable-us')).toBeVisible();
	await expect(banner.getByTestId('unreachable-settings')).toBeVisible();
	await expect(page.getByTestId('chart-empty')).toContainText('127.0.0.1:9 cannot be reached');
	await screenshots(page, 'unreachable');

	await banner.getByTestId('unreachable-demo').click();
	await expect(page.getByTestId('unreachable-banner')).toHaveCount(0);
	await expect(page.getByTestId('chart-empty')).toHaveCount(0);
	// The demo opens with its simulated past: hours of 1m candles at once.
	await expect.poll(() => drawnBars(page), { timeout: 20_000 }).toBeGreaterThan(200);
	await screenshots(page, 'demo-history');
});
