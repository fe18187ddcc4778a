import { expect, test, type Page } from '@playwright/test';
import { drawnBars } from '../support/app-hook';
import { TEST_SERVER_HTTP, TEST_SERVER_WS } from '../support/server-control';

/**
 * Indicators on the main chart: added from the toolbar, computed by the worker, drawn as series
 * (overlays on the price pane, RSI and MACD in panes below) and still there after a reload.
 */

const APP_URL =
	`/?ws=${TEST_SERVER_WS}&rest=${TEST_SERVER_HTTP}` +
	'&symbols=btcusdt,ethusdt&symbol=btcusdt&interval=1s';

type Scope = { __tickscope?: { indicatorValues(): Record<string, number> } };
const indicatorValues = (page: Page): Promise<Record<string, number>> =>
	page.evaluate(() => (globalThis as Scope).__tickscope?.indicatorValues() ?? {});

async function add(page: Page, kind: string): Promise<void> {
	await page.getByTestId('indicator-kind').selectOption(kind);
	await page.getByTestId('indicator-add').click();
}

async function screenshots(page: Page, name: string): Promise<void> {
	await page.setViewportSize({ width: 1440, height: 900 });
	await page.screenshot({ path: test.info().outputPath(`${name}-desktop.png`) });
	await page.setViewportSize({ width: 375, height: 812 });
	await page.screenshot({ path: test.info().outputPath(`${name}-phone.png`) });
	await page.setViewportSize({ width: 1440, height: 900 });
}

test('an indicator added to the chart is drawn and survives a reload', async ({ page }) => {
	test.setTimeout(120_000);
	await page.setViewportSize({ width: 1440, height: 900 });
	await page.goto(APP_URL);
	await expect.poll(() => drawnBars(page), { timeout: 60_000 }).toBeGreaterThan(30);
	await page.getByTestId('tool-indicators').click();
	await add(page, 'sma');
	await page.getByTestId('indicator-sma1-period').fill('5');
	await page.getByTestId('indicator-sma1-period').press('Enter');
	await add(page, 'bb');
	await add(page, 'vwap');
	await add(page, 'rsi');
	await add(page, 'macd');
	await expect(page.getByTestId('tool-indicators')).toContainText('5');
	await expect
		.poll(async () => Object.values(await indicatorValues(page)).filter((n) => n > 0).length, {
			message: 'every indicator draws values',
			timeout: 60_000
		})
		.toBe(5);
	await screenshots(page, 'indicators-panel');
	await page.getByTestId('tool-indicators').click();
	await screenshots(page, 'indicators-chart');

	await page.reload();
	await expect.poll(() => drawnBars(page), { timeout: 60_000 }).toBeGreaterThan(30);
	await expect
		.poll(async () => Object.keys(await indicatorValues(page)).sort(), { timeout: 30_000 })
		.toEqual(['bb1', 'macd1', 'rsi1', 'sma1', 'vwap1']);
	await expect
		.poll(async () => (await indicatorValues(page)).sma1 ?? 0, { timeout: 60_000 })
		.toBeGreaterThan(20);
	await page.getByTestId('tool-indicators').click();
	await expect(page.getByTestId('indicator-sma1-period')).toHaveValue('5');
	await page.getByTestId('indicator-macd1-remove').click();
	await expect.poll(async () => Object.keys(await indicatorValues(page)).length).toBe(4);
});
