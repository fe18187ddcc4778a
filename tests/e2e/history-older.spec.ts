import { expect, test, type Page } from '@playwright/test';
import { TEST_SERVER_HTTP, TEST_SERVER_WS, control } from '../support/server-control';

/**
 * Scrolling a chart back to its oldest candle loads the page of history before it: with 25
 * minutes of 1 s history on the server, the chart opens with the latest 1,000 and, dragged to
 * the left edge, takes in the rest without losing its place.
 */

type Scope = { __tickscope?: { drawnBars(chart?: number): number } };
const drawnBars = (page: Page, chart = 0) =>
	page.evaluate((chart) => (globalThis as Scope).__tickscope?.drawnBars(chart) ?? 0, chart);

/** Drags chart `testId` a chart's width into the past at a time until it holds more than `bars`. */
async function dragUntilMore(page: Page, testId: string, chart: number, bars: number, ms: number) {
	const box = await page.getByTestId(testId).boundingBox();
	if (box === null) throw new Error(`no ${testId} on screen`);
	const y = box.y + box.height / 3;
	await expect
		.poll(
			async () => {
				await page.mouse.move(box.x + 60, y);
				await page.mouse.down();
				await page.mouse.move(box.x + box.width - 60, y, { steps: 8 });
				await page.mouse.up();
				return drawnBars(page, chart);
			},
			{ timeout: ms, intervals: [500] }
		)
		.toBeGreaterThan(bars);
}

/** Past the recordings' 11 minutes the replay loops; 25 minutes of 1 s klines are 1,500 candles. */
const HISTORY_MS = 25 * 60_000;

test.afterEach(async () => {
	await control({ reset: true, historyMs: 0, loop: false });
});

test('dragging to the oldest candle loads older history', async ({ page }) => {
	test.setTimeout(90_000);
	await control({ reset: true, loop: true, historyMs: HISTORY_MS, fault: 'none' });
	await page.goto(
		`/?ws=${TEST_SERVER_WS}&rest=${TEST_SERVER_HTTP}&symbols=btcusdt&symbol=btcusdt&interval=1s`
	);
	await expect.poll(() => drawnBars(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(999);
	const opened = await drawnBars(page);
	expect(opened).toBeLessThan(1400);

	// Each drag pulls the view a chart's width into the past, until the oldest candle shows.
	await dragUntilMore(page, 'chart', 0, opened + 400, 45_000);
	await page.screenshot({ path: test.info().outputPath('history-older.png') });
});

test('a grid chart dragged to its oldest candle loads older history too', async ({ page }) => {
	test.setTimeout(150_000);
	await control({ reset: true, loop: true, historyMs: HISTORY_MS, fault: 'none' });
	await page.goto(
		`/?ws=${TEST_SERVER_WS}&rest=${TEST_SERVER_HTTP}&symbols=btcusdt,ethusdt` +
			'&grid=2&charts=ethusdt:1m,btcusdt:1s'
	);
	await expect.poll(() => drawnBars(page, 1), { timeout: 30_000 }).toBeGreaterThanOrEqual(999);
	// The market stops (at 10x a 1 s chart gains ten bars a second by itself): what the chart
	// gains from here on is older history only.
	await control({ paused: true });
	let last = -1;
	await expect
		.poll(
			async () => {
				const now = await drawnBars(page, 1);
				const steady = now === last;
				last = now;
				return steady;
			},
			{ timeout: 20_000, intervals: [1000] }
		)
		.toBe(true);
	const opened = await drawnBars(page, 1);
	expect(opened).toBeLessThan(1400);
	await dragUntilMore(page, 'chart-1', 1, opened + 400, 100_000);
	await page.screenshot({ path: test.info().outputPath('history-older-grid.png') });
});
