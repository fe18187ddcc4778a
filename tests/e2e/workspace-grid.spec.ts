import { expect, test, type Page } from '@playwright/test';
import { control } from '../support/server-control';
import { LIVE_QUERY } from '../support/ui-audit';

/**
 * Issue 15: several charts in one workspace, in a link, in dark or light. The grid's cells carry
 * `data-chart="symbol:interval"`; every chart draws from its own worker view (`drawnBars(i)`).
 */

test.use({ viewport: { width: 1440, height: 900 } });

test.beforeEach(async () => {
	await control({ reset: true, fault: 'none' });
});

type Scope = { __tickscope?: { drawnBars(chart?: number): number } };
const drawnBars = (page: Page, chart: number) =>
	page.evaluate((i) => (globalThis as Scope).__tickscope?.drawnBars(i) ?? 0, chart);

const cells = (page: Page) =>
	page.getByTestId('grid-cell').evaluateAll((all) => all.map((c) => c.getAttribute('data-chart')));

async function open(page: Page, query: string): Promise<void> {
	await page.goto(`/${query}`);
	await expect(page.getByTestId('feed-status')).toHaveAttribute('data-state', 'live', {
		timeout: 20_000
	});
}

const WORKSPACE = 'grid=2x2&charts=btcusdt:1m,ethusdt:5m,btcusdt:1s,ethusdt:1m';

test('a workspace link restores its charts, each drawing its own symbol and interval', async ({
	page
}) => {
	// The 2x2 screenshot below is the dark one (the light one is taken in the theme test).
	await page.emulateMedia({ colorScheme: 'dark' });
	await open(page, `${LIVE_QUERY}&${WORKSPACE}`);
	await expect(page.getByTestId('chart-grid')).toHaveAttribute('data-preset', '2x2');
	expect(await cells(page)).toEqual(['btcusdt:1m', 'ethusdt:5m', 'btcusdt:1s', 'ethusdt:1m']);
	for (const chart of [0, 1, 2, 3]) {
		await expect.poll(() => drawnBars(page, chart), { timeout: 30_000 }).toBeGreaterThan(0);
	}
	await expect(page).toHaveURL(/grid=2x2&charts=btcusdt:1m,ethusdt:5m,btcusdt:1s,ethusdt:1m/);
	await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
	await page.screenshot({ path: test.info().outputPath('grid-2x2-dark-desktop.png') });
	// Kept across a reload without the link's grid: storage has it.
	await page.goto(`/?ws=${new URL(page.url()).searchParams.get('ws') ?? ''}`);
	await expect.poll(() => cells(page)).toHaveLength(4);
});

test('the "New chart" shortcut opens the saved workspace with one more chart, once', async ({
	page
}) => {
	await open(page, `${LIVE_QUERY}&view=new-chart`);
	await expect.poll(() => cells(page)).toEqual(['btcusdt:1m', 'ethusdt:1m']);
	await expect(page).not.toHaveURL(/view=new-chart/);
	await page.reload();
	await expect(page.getByTestId('feed-status')).toHaveAttribute('data-state', 'live', {
		timeout: 20_000
	});
	expect(await cells(page)).toEqual(['btcusdt:1m', 'ethusdt:1m']);
});

test('add, duplicate and remove charts; the link follows', async ({ page }) => {
	await open(page, LIVE_QUERY);
	expect(await cells(page)).toEqual(['btcusdt:1m']);
	await page.getByTestId('grid-add').click();
	expect(await cells(page)).toEqual(['btcusdt:1m', 'ethusdt:1m']);
	await expect(page.getByTestId('chart-grid')).toHaveAttribute('data-preset', '2');
	await page.getByTestId('grid-duplicate').nth(1).click();
	expect(await cells(page)).toEqual(['btcusdt:1m', 'ethusdt:1m', 'ethusdt:1m']);
	await expect(page.getByTestId('chart-grid')).toHaveAttribute('data-preset', '2x2');
	await page.getByTestId('grid-interval').nth(2).selectOption('5m');
	await expect.poll(() => cells(page)).toEqual(['btcusdt:1m', 'ethusdt:1m', 'ethusdt:5m']);
	await expect.poll(() => drawnBars(page, 2), { timeout: 30_000 }).toBeGreaterThan(0);
	await page.getByTestId('grid-remove').nth(0).click();
	await expect.poll(() => cells(page)).toEqual(['ethusdt:1m', 'ethusdt:5m']);
	await expect(page).toHaveURL(/symbol=ethusdt&interval=1m.*charts=ethusdt:1m,ethusdt:5m/);
});

test('an old symbol/interval link opens one chart', async ({ page }) => {
	await open(page, `${LIVE_QUERY}&${WORKSPACE}`);
	await expect.poll(() => cells(page)).toHaveLength(4);
	await open(page, LIVE_QUERY.replace('interval=1m', 'interval=5m'));
	expect(await cells(page)).toEqual(['btcusdt:5m']);
	await expect(page.getByTestId('grid-cell-bar')).toHaveCount(0);
});

test('refuses bad grid parts naming them', async ({ page }) => {
	await open(page, `${LIVE_QUERY}&grid=4x4&charts=btcusdt:7m`);
	await expect(page.getByText('charts: "btcusdt:7m": "7m" is not an interval')).toBeVisible();
	await expect(page.getByText('grid: "4x4" is not a grid')).toBeVisible();
});

test('the theme follows prefers-color-scheme until chosen', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'light' });
	await open(page, LIVE_QUERY);
	const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
	await expect.poll(theme).toBe('light');
	await page.screenshot({ path: test.info().outputPath('one-chart-light-desktop.png') });
	await page.emulateMedia({ colorScheme: 'dark' });
	await expect.poll(theme).toBe('dark');
	await page.getByTestId('theme-choice').selectOption('light');
	await page.emulateMedia({ colorScheme: 'dark' });
	await expect.poll(theme).toBe('light');
	await page.reload();
	await expect.poll(theme).toBe('light');
	await open(page, `${LIVE_QUERY}&${WORKSPACE}`);
	await expect.poll(() => drawnBars(page, 3), { timeout: 30_000 }).toBeGreaterThan(0);
	await page.screenshot({ path: test.info().outputPath('grid-2x2-light-desktop.png') });
	await page.getByTestId('theme-choice').selectOption('dark');
	await open(page, LIVE_QUERY);
	await page.screenshot({ path: test.info().outputPath('one-chart-dark-desktop.png') });
	await page.setViewportSize({ width: 375, height: 812 });
	await open(page, `${LIVE_QUERY}&${WORKSPACE}`);
	await expect(page.getByTestId('chart-position')).toHaveText('Chart 1 of 4');
	await page.screenshot({ path: test.info().outputPath('grid-phone.png') });
});

test('the split between two charts moves by pointer and by keys, and is kept', async ({ page }) => {
	await open(page, `${LIVE_QUERY}&grid=2&charts=btcusdt:1m,ethusdt:5m`);
	const splitter = page.getByTestId('grid-splitter').first();
	await expect(splitter).toHaveAttribute('aria-valuenow', '50');
	const width = async (i: number) =>
		(await page.getByTestId('grid-cell').nth(i).boundingBox())?.width ?? 0;
	const [left, right] = [await width(0), await width(1)];

	// Dragged 150 px to the left: the left chart narrower, the right one wider by as much.
	const box = await splitter.boundingBox();
	if (box === null) throw new Error('no splitter on screen');
	const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
	await page.mouse.move(x, y);
	await page.mouse.down();
	await page.mouse.move(x - 150, y, { steps: 6 });
	await page.mouse.up();
	await expect.poll(() => width(0)).toBeLessThan(left - 100);
	expect(Math.abs(left + right - (await width(0)) - (await width(1)))).toBeLessThan(2);
	const dragged = Number(await splitter.getAttribute('aria-valuenow'));
	expect(dragged).toBeLessThan(50);

	// Arrow keys move it by 2 % of the grid, 10 % with Shift.
	await splitter.focus();
	await page.keyboard.press('ArrowRight');
	await expect(splitter).toHaveAttribute('aria-valuenow', String(dragged + 2));
	await page.keyboard.press('Shift+ArrowRight');
	await expect(splitter).toHaveAttribute('aria-valuenow', String(dragged + 12));

	// Kept across a reload.
	await page.reload();
	await expect(page.getByTestId('grid-splitter').first()).toHaveAttribute(
		'aria-valuenow',
		String(dragged + 12)
	);
});

test('indicators go with their chart when a chart before it is removed or duplicated', async ({
	page
}) => {
	await open(page, `${LIVE_QUERY}&grid=2x2&charts=btcusdt:1m,ethusdt:5m,btcusdt:5m`);
	const indicatorsOf = async (chart: number): Promise<string[]> => {
		await page.getByTestId('grid-cell').nth(chart).dispatchEvent('pointerdown');
		await page.getByTestId('tool-indicators').click();
		const panel = page.getByTestId('indicators');
		await expect(panel).toBeVisible();
		const ids = await panel
			.locator('li[data-testid^="indicator-"]')
			.evaluateAll((all) => all.map((li) => li.getAttribute('data-testid')));
		await page.getByTestId('tool-indicators').click();
		return ids.map((id) => id?.replace('indicator-', '') ?? '');
	};
	// The third chart (BTCUSDT 5m) gets an RSI.
	await page.getByTestId('grid-cell').nth(2).dispatchEvent('pointerdown');
	await page.getByTestId('tool-indicators').click();
	await expect(page.getByTestId('indicators-chart')).toHaveText('BTCUSDT · 5m');
	await page.getByTestId('indicator-kind').selectOption('rsi');
	await page.getByTestId('indicator-add').click();
	await page.getByTestId('indicators').screenshot({
		path: test.info().outputPath('grid-indicator-panel.png')
	});
	await page.getByTestId('tool-indicators').click();
	await page.screenshot({ path: test.info().outputPath('grid-indicator-desktop.png') });
	expect(await indicatorsOf(2)).toEqual(['rsi1']);
	expect(await indicatorsOf(1)).toEqual([]);

	// The second chart goes: the BTCUSDT 5m chart moves up a place, its RSI with it.
	await page.getByTestId('grid-remove').nth(1).click();
	await expect.poll(() => cells(page)).toEqual(['btcusdt:1m', 'btcusdt:5m']);
	expect(await indicatorsOf(1)).toEqual(['rsi1']);
	// Duplicated, the copy has it too; a chart added after has none.
	await page.getByTestId('grid-duplicate').nth(1).click();
	await expect.poll(() => cells(page)).toEqual(['btcusdt:1m', 'btcusdt:5m', 'btcusdt:5m']);
	expect(await indicatorsOf(2)).toEqual(['rsi1']);
	await page.getByTestId('grid-remove').nth(2).click();
	await page.getByTestId('grid-add').click();
	await expect.poll(() => cells(page)).toHaveLength(3);
	expect(await indicatorsOf(2)).toEqual([]);
	expect(await indicatorsOf(0)).toEqual([]);
});
