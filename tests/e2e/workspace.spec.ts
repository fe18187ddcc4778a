import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { drawnBars } from '../support/app-hook';
import { TEST_SERVER_HTTP, TEST_SERVER_WS } from '../support/server-control';

/**
 * The workspace file round-trips: what one browser profile set up (symbols, chart symbol and
 * interval, indicators with their parameters, alerts) is exported as JSON, imported into a fresh
 * profile with nothing stored, and comes back the same, also after a reload. A file that is not a
 * workspace is refused with words saying why, and changes nothing.
 */

const HOSTS = `ws=${TEST_SERVER_WS}&rest=${TEST_SERVER_HTTP}`;
const SET_UP_URL = `/?${HOSTS}&symbols=ethusdt,btcusdt&symbol=ethusdt&interval=1m`;

async function add(page: Page, kind: string): Promise<void> {
	await page.getByTestId('indicator-kind').selectOption(kind);
	await page.getByTestId('indicator-add').click();
}

/** What the page shows of the workspace: symbol tabs, interval, indicators, alerts. */
async function shown(page: Page): Promise<Record<string, unknown>> {
	await page.getByTestId('tool-indicators').click();
	const indicators = await page
		.getByTestId('indicators')
		.locator('li[data-testid^="indicator-"]')
		.evaluateAll((items) => items.map((item) => item.getAttribute('data-testid')));
	const smaPeriod = await page.getByTestId('indicator-sma1-period').inputValue();
	await page.getByTestId('tool-alerts').click();
	const alerts = await page
		.getByTestId('alerts')
		.locator('li[data-testid^="alert-"]')
		.evaluateAll((items) => items.map((item) => item.textContent?.replace(/\s+/g, ' ').trim()));
	await page.getByTestId('tool-alerts').click();
	const tabs = await page
		.locator('[data-testid^="symbol-tab-"]')
		.evaluateAll((items) => items.map((item) => item.getAttribute('data-testid')));
	return {
		tabs,
		chart: await page
			.locator('[data-testid^="symbol-tab-"][aria-pressed="true"]')
			.getAttribute('data-testid'),
		interval: await page
			.locator('[data-testid^="interval-"][aria-pressed="true"]')
			.getAttribute('data-testid'),
		indicators,
		smaPeriod,
		alerts
	};
}

async function screenshots(page: Page, name: string): Promise<void> {
	await page.setViewportSize({ width: 1440, height: 900 });
	await page.screenshot({ path: test.info().outputPath(`${name}-desktop.png`) });
	await page.setViewportSize({ width: 375, height: 812 });
	await page.screenshot({ path: test.info().outputPath(`${name}-phone.png`) });
	await page.setViewportSize({ width: 1440, height: 900 });
}

test('the workspace exports, imports into a fresh profile, and refuses a bad file', async ({
	browser
}) => {
	test.setTimeout(240_000);
	// One profile sets up a workspace and exports it.
	const first = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	const page = await first.newPage();
	await page.goto(SET_UP_URL);
	await expect.poll(() => drawnBars(page), { timeout: 60_000 }).toBeGreaterThan(2);
	await page.getByTestId('tool-indicators').click();
	await add(page, 'sma');
	await page.getByTestId('indicator-sma1-period').fill('7');
	await page.getByTestId('indicator-sma1-period').press('Enter');
	await add(page, 'rsi');
	await page.getByTestId('tool-indicators').click();
	await page.getByTestId('tool-alerts').click();
	await page.getByTestId('alert-level').fill('12345.5');
	await page.getByTestId('alert-create').click();
	await page.getByTestId('alert-kind').selectOption('size');
	await page.getByTestId('alert-create').click();
	await expect(page.getByTestId('alerts').locator('li[data-testid^="alert-"]')).toHaveCount(2);
	await page.getByTestId('tool-alerts').click();
	const before = await shown(page);
	expect(before).toMatchObject({
		tabs: ['symbol-tab-ethusdt', 'symbol-tab-btcusdt'],
		chart: 'symbol-tab-ethusdt',
		interval: 'interval-1m',
		indicators: ['indicator-sma1', 'indicator-rsi1'],
		smaPeriod: '7'
	});
	expect(before.alerts).toEqual([
		expect.stringContaining('price crosses 12345.5'),
		expect.stringContaining('trade ≥')
	]);

	await page.getByTestId('tool-workspace').click();
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('workspace-export').click()
	]);
	expect(download.suggestedFilename()).toBe('tickscope-workspace.json');
	const text = await readFile(await download.path(), 'utf8');
	const file = JSON.parse(text) as Record<string, unknown>;
	expect(file).toMatchObject({ format: 'tickscope-workspace', version: 1 });
	expect(file.alerts).toHaveLength(2);
	await first.close();

	// A fresh profile: nothing stored, the default symbols, no indicator, no alert.
	const second = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	const fresh = await second.newPage();
	await fresh.goto(`/?${HOSTS}`);
	await expect(fresh.getByTestId('symbol-tab-bnbusdt')).toBeVisible();
	await fresh.getByTestId('tool-alerts').click();
	await expect(fresh.getByTestId('alerts').locator('li[data-testid^="alert-"]')).toHaveCount(0);
	await fresh.getByTestId('tool-alerts').click();
	await fresh.getByTestId('tool-workspace').click();

	// A file that is not a workspace is refused, saying why, and changes nothing.
	await fresh.getByTestId('workspace-import').setInputFiles({
		name: 'notes.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify({ format: 'something-else', version: 1 }))
	});
	await expect(fresh.getByTestId('workspace-message')).toHaveText(
		'notes.json: Not a workspace file: "format" must be "tickscope-workspace"'
	);
	const broken = { ...file, alerts: [{ ...(file.alerts as object[])[0], level: -1 }] };
	await fresh.getByTestId('workspace-import').setInputFiles({
		name: 'broken.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify(broken))
	});
	await expect(fresh.getByTestId('workspace-message')).toHaveText(
		'broken.json: Workspace alerts: alert 1: price alert level must be a price above 0'
	);
	await expect(fresh.getByTestId('symbol-tab-bnbusdt')).toBeVisible();
	await screenshots(fresh, 'workspace-refused');

	// The exported file brings everything back.
	await fresh.getByTestId('workspace-import').setInputFiles({
		name: 'tickscope-workspace.json',
		mimeType: 'application/json',
		buffer: Buffer.from(text)
	});
	await expect(fresh.getByTestId('workspace-message')).toHaveText(
		'Workspace tickscope-workspace.json loaded'
	);
	await fresh.getByTestId('tool-workspace').click();
	await expect(fresh.getByTestId('symbol-tab-bnbusdt')).toHaveCount(0);
	expect(await shown(fresh)).toEqual(before);
	await expect.poll(() => drawnBars(fresh), { timeout: 60_000 }).toBeGreaterThan(2);
	await screenshots(fresh, 'workspace-imported');

	// Imported, then stored: a reload keeps it.
	await fresh.reload();
	await expect(fresh.getByTestId('symbol-tab-ethusdt')).toBeVisible();
	expect(await shown(fresh)).toEqual(before);
	await second.close();
});
