import { copyFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { TEST_SERVER_HTTP, TEST_SERVER_WS, control } from '../support/server-control';

/**
 * The manifest's store screenshots (static/screenshots/wide.png and narrow.png, listed in
 * vite.config.ts), taken from the test build streaming the real recordings: live, with minutes
 * of history drawn, the book and trades filled. Every run checks that state and saves the
 * pictures in its output folder; to replace the manifest's files, run
 *
 *   npm run build:test
 *   UPDATE_STORE_SCREENSHOTS=1 TICKSCOPE_PORT_OFFSET=0 npx playwright test store-screenshots.spec.ts
 */

type Scope = { __tickscope?: { drawnBars(): number } };
const drawnBars = (page: Page) =>
	page.evaluate(() => (globalThis as Scope).__tickscope?.drawnBars() ?? 0);

/** 8 minutes of recorded trades before the clock start: a chart full of 1 s candles. */
const HISTORY_MS = 8 * 60_000;
const STATIC_SCREENSHOTS = fileURLToPath(new URL('../../static/screenshots/', import.meta.url));

test.beforeEach(async () => {
	await control({ reset: true, historyMs: HISTORY_MS, loop: false, fault: 'none' });
});

test.afterEach(async () => {
	await control({ reset: true, historyMs: 0, loop: false });
});

/** Opens the app on live BTCUSDT 1 s candles and waits until it shows a real streaming state. */
async function streaming(page: Page): Promise<void> {
	await page.goto(
		`/?ws=${TEST_SERVER_WS}&rest=${TEST_SERVER_HTTP}&symbols=btcusdt,ethusdt&symbol=btcusdt&interval=1s`
	);
	await expect(page.getByTestId('feed-status')).toHaveAttribute('data-state', 'live', {
		timeout: 20_000
	});
	await expect.poll(() => drawnBars(page), { timeout: 30_000 }).toBeGreaterThan(300);
	await expect(page.getByTestId('chart-loading')).toHaveCount(0);
	await expect(page.getByTestId('last-price')).toHaveText(/^\d[\d,]*\.\d+$/);
	// A few seconds of live trades on top of the history: the tape and the book fill.
	await page.waitForTimeout(4_000);
}

async function save(page: Page, name: 'wide' | 'narrow'): Promise<void> {
	const path = test.info().outputPath(`${name}.png`);
	await page.screenshot({ path });
	if (process.env.UPDATE_STORE_SCREENSHOTS === '1') {
		await copyFile(path, `${STATIC_SCREENSHOTS}${name}.png`);
	}
}

test.describe('wide', () => {
	test.use({ viewport: { width: 1440, height: 900 } });

	test('store screenshot at 1440x900: live candles, book and trades', async ({ page }) => {
		test.setTimeout(90_000);
		await streaming(page);
		await expect(page.getByTestId('book-bid').first()).toBeVisible();
		await save(page, 'wide');
	});
});

test.describe('narrow', () => {
	test.use({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });

	test('store screenshot at 375x812: the chart on a phone', async ({ page }) => {
		test.setTimeout(90_000);
		await streaming(page);
		await expect(page.getByTestId('phone-nav')).toBeVisible();
		await save(page, 'narrow');
	});
});
