import { expect, test, type CDPSession, type Page } from '@playwright/test';
import { TEST_SERVER_HTTP, TEST_SERVER_WS, control } from '../support/server-control';
import { horizontalOverflow } from '../support/ui-audit';

/**
 * The chart on a phone, by finger: it takes most of the screen, one finger pans it, two pinch
 * to zoom, a long press shows the crosshair and the legend follows the bar under it. Real touch
 * input (Chrome DevTools Protocol `Input.dispatchTouchEvent`), not mouse events dressed up, so a
 * `touch-action`, an overlay or a library option that swallowed the gesture would fail here.
 */

type Range = { from: number; to: number };
type Scope = { __tickscope?: { drawnBars(): number; visibleRange(): Range | null } };

const drawnBars = (page: Page) =>
	page.evaluate(() => (globalThis as Scope).__tickscope?.drawnBars() ?? 0);
const visibleRange = (page: Page) =>
	page.evaluate(() => (globalThis as Scope).__tickscope?.visibleRange() ?? null);

/** 8 minutes of recorded trades before the clock start: hundreds of 1 s candles to pan through. */
const HISTORY_MS = 8 * 60_000;

/** One finger or two, moved together in steps, as a finger moves: touchStart, moves, touchEnd. */
async function gesture(
	cdp: CDPSession,
	from: readonly { x: number; y: number }[],
	to: readonly { x: number; y: number }[],
	steps = 12
): Promise<void> {
	const points = (t: number) =>
		from.map((start, id) => ({
			x: start.x + ((to[id]?.x ?? start.x) - start.x) * t,
			y: start.y + ((to[id]?.y ?? start.y) - start.y) * t,
			id
		}));
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: points(0) });
	for (let step = 1; step <= steps; step++) {
		await cdp.send('Input.dispatchTouchEvent', {
			type: 'touchMove',
			touchPoints: points(step / steps)
		});
	}
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

/** The chart's box, and a check that a finger at its middle lands on the chart itself. */
async function chartBox(page: Page) {
	const box = await page.getByTestId('chart').boundingBox();
	if (box === null) throw new Error('no chart on screen');
	const x = box.x + box.width * 0.45;
	const y = box.y + box.height * 0.4;
	const onChart = await page.evaluate(
		([px, py]) => document.elementFromPoint(px, py)?.closest('[data-testid="chart"]') != null,
		[x, y] as const
	);
	expect(onChart, 'nothing may cover the middle of the chart').toBe(true);
	return { ...box, x, y };
}

test.beforeEach(async () => {
	await control({ reset: true, historyMs: HISTORY_MS, loop: true, fault: 'none' });
});

test.afterEach(async () => {
	await control({ reset: true, historyMs: 0, loop: false, paused: false });
});

for (const size of [
	{ name: 'portrait', width: 375, height: 812, chartShare: 0.6 },
	{ name: 'landscape', width: 812, height: 375, chartShare: 0.7 }
]) {
	test.describe(`phone ${size.name} ${size.width}x${size.height}`, () => {
		test.use({
			viewport: { width: size.width, height: size.height },
			hasTouch: true,
			isMobile: true
		});

		test('the chart fills the screen and pans, pinches and long-presses by touch', async ({
			page
		}) => {
			test.setTimeout(90_000);
			await page.goto(
				`/?ws=${TEST_SERVER_WS}&rest=${TEST_SERVER_HTTP}&symbols=btcusdt,ethusdt&symbol=btcusdt&interval=1s`
			);
			await expect(page.getByTestId('feed-status')).toHaveAttribute('data-state', 'live', {
				timeout: 20_000
			});
			await expect.poll(() => drawnBars(page), { timeout: 30_000 }).toBeGreaterThan(300);
			// Held still, so the only thing moving the view is the finger.
			await control({ paused: true });

			const chart = await chartBox(page);
			expect(chart.height / size.height, 'share of the height the chart gets').toBeGreaterThan(
				size.chartShare
			);
			expect(chart.width / size.width, 'share of the width the chart gets').toBeGreaterThan(0.85);
			expect(await horizontalOverflow(page)).toBe(0);
			await page.screenshot({ path: test.info().outputPath(`touch-${size.name}-live.png`) });

			const cdp = await page.context().newCDPSession(page);
			const before = await visibleRange(page);
			if (before === null) throw new Error('the chart has no visible range');

			// One finger dragged right pulls older candles into view.
			const reach = Math.min(chart.width * 0.5, 220);
			await gesture(
				cdp,
				[{ x: chart.x - reach / 2, y: chart.y }],
				[{ x: chart.x + reach / 2, y: chart.y }]
			);
			await expect
				.poll(async () => (await visibleRange(page))?.to ?? Infinity)
				.toBeLessThan(before.to - 10);
			const panned = await visibleRange(page);
			if (panned === null) throw new Error('the chart lost its visible range');

			// Two fingers spread apart zoom in: fewer bars in view.
			const width = panned.to - panned.from;
			await gesture(
				cdp,
				[
					{ x: chart.x - 30, y: chart.y },
					{ x: chart.x + 30, y: chart.y }
				],
				[
					{ x: chart.x - reach / 2 - 30, y: chart.y },
					{ x: chart.x + reach / 2 + 30, y: chart.y }
				]
			);
			await expect
				.poll(async () => {
					const range = await visibleRange(page);
					return range === null ? Infinity : range.to - range.from;
				})
				.toBeLessThan(width * 0.8);

			// A long press shows the crosshair; the legend then reads the bar under the finger.
			const legend = page.getByTestId('chart-legend');
			await expect(legend).toHaveAttribute('data-crosshair', 'false');
			await cdp.send('Input.dispatchTouchEvent', {
				type: 'touchStart',
				touchPoints: [{ x: chart.x, y: chart.y, id: 0 }]
			});
			await expect(legend).toHaveAttribute('data-crosshair', 'true', { timeout: 5_000 });
			await page.screenshot({ path: test.info().outputPath(`touch-${size.name}-crosshair.png`) });
			await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
			await cdp.detach();
		});
	});
}
