import { expect, test, type Page } from '@playwright/test';
import { TEST_SERVER_HTTP, TEST_SERVER_WS, control } from '../support/server-control';
import { viewRenders } from '../support/app-hook';

/**
 * Adaptive render throttling in the built app against the local Binance replay (10x): an injected
 * slow chart render (the test seam `window.__tickscope.setSlowRender`, or `debugSlowRenderMs` in
 * the URL) steps the chart's refresh down, and taking it away brings it back to every frame. The
 * policy steps up one level per 2 s of calm, so the way back gets a generous timeout.
 */

const LIVE_URL =
	`/?ws=${TEST_SERVER_WS}&rest=${TEST_SERVER_HTTP}` +
	'&symbols=btcusdt,ethusdt&symbol=btcusdt&interval=1s';

/**
 * A render this slow takes nearly two 60 Hz frames, over twice the budget (3/4 of a frame): every
 * 4th frame at least.
 */
const SLOW_MS = 30;

// A phone, the machine the policy is for. Its chart's own cost (update, draw, and the frame's paint
// after it) is a few ms on a software-rastered CI machine, well inside the budget, so it draws every
// frame until a slow render is injected. A desktop-sized chart there costs 10 to 25 ms a draw and
// rightly draws every 2nd or 3rd frame (the throttle test at 1280x720 sat at 1/2 for 30 s in a
// fresh-clone run): its level tells about the machine, not about the policy.
test.use({ viewport: { width: 375, height: 812 } });

interface ThrottleSeam {
	setSlowRender(ms: number): void;
	drawnBars(): number;
}
type Scope = { __tickscope?: ThrottleSeam };

const level = (page: Page) => page.getByTestId('throttle-level');

async function levelNow(page: Page): Promise<number> {
	return Number(await level(page).getAttribute('data-level'));
}

/** `"<data-level> <label>"`, read at once so the two cannot disagree. */
const levelAndLabel = (page: Page) =>
	level(page).evaluate((element) => {
		const label = element.querySelector('em')?.textContent ?? '';
		return `${element.getAttribute('data-level')} ${label}`;
	});

async function renderCostMs(page: Page): Promise<number> {
	return Number.parseFloat((await page.getByTestId('render-cost').textContent()) ?? '');
}

async function openLive(page: Page, query = ''): Promise<void> {
	await page.goto(`${LIVE_URL}${query}`);
	await expect(page.getByTestId('feed-status')).toHaveAttribute('data-state', 'live', {
		timeout: 20_000
	});
	await expect
		.poll(() => page.evaluate(() => (globalThis as Scope).__tickscope?.drawnBars() ?? 0), {
			timeout: 20_000
		})
		.toBeGreaterThan(0);
}

/** Renders of the main chart since the last call (the first call starts the count). */
const chartRenders = async (page: Page) => (await viewRenders(page)).chart ?? 0;

const setSlowRender = (page: Page, ms: number) =>
	page.evaluate((value) => (globalThis as Scope).__tickscope?.setSlowRender(value), ms);

test.beforeEach(async () => {
	await control({ reset: true, fault: 'none' });
});

test('a slow chart render raises the throttle level, and removing it brings it back', async ({
	page
}) => {
	test.setTimeout(90_000);
	await openLive(page);
	await expect.poll(() => levelAndLabel(page), { timeout: 30_000 }).toBe('0 every frame');

	await setSlowRender(page, SLOW_MS);
	await expect.poll(() => levelNow(page), { timeout: 20_000 }).toBeGreaterThan(0);
	await expect.poll(() => renderCostMs(page), { timeout: 10_000 }).toBeGreaterThan(SLOW_MS / 2);
	// Throttled, the chart still draws everything: new bars keep coming.
	const bars = await page.evaluate(() => (globalThis as Scope).__tickscope?.drawnBars() ?? 0);
	await expect
		.poll(() => page.evaluate(() => (globalThis as Scope).__tickscope?.drawnBars() ?? 0), {
			timeout: 15_000
		})
		.toBeGreaterThan(bars);

	expect(await levelAndLabel(page)).not.toContain('every frame');

	await setSlowRender(page, 0);
	await expect.poll(() => levelAndLabel(page), { timeout: 45_000 }).toBe('0 every frame');
	await expect.poll(() => renderCostMs(page), { timeout: 10_000 }).toBeLessThan(SLOW_MS / 2);
});

test('the URL can inject the slow render; with throttle=off the level stays at every frame', async ({
	page
}) => {
	test.setTimeout(60_000);
	await openLive(page, `&debugSlowRenderMs=${SLOW_MS}`);
	await expect.poll(() => levelNow(page), { timeout: 20_000 }).toBeGreaterThan(0);

	await openLive(page, `&debugSlowRenderMs=${SLOW_MS}&throttle=off`);
	await expect.poll(() => renderCostMs(page), { timeout: 20_000 }).toBeGreaterThan(SLOW_MS / 2);
	// Seconds of renders far over budget, and the baseline still draws every update.
	await page.waitForTimeout(3000);
	expect(await levelNow(page)).toBe(0);
});

/** The main chart's freshness floor, draws a second while on screen (core/throttle-policy.ts). */
const FLOOR_HZ = 8;

test('with a slow chart render, the chart still draws at least at its floor rate', async ({
	page
}) => {
	test.setTimeout(90_000);
	// A 30 ms render against a budget of 5 % of a frame (0.8 ms): by its cost alone the chart
	// would draw every 40 frames or more, under 2 times a second. The floor keeps it at every 7th
	// frame, 8 a second (a 30 ms render leaves room for that even on a busy machine).
	await openLive(page, `&debugSlowRenderMs=${SLOW_MS}&debugBudgetShare=0.05`);
	await expect.poll(() => levelNow(page), { timeout: 20_000 }).toBeGreaterThan(0);
	await chartRenders(page);
	const started = Date.now();
	await page.waitForTimeout(5000);
	const renders = await chartRenders(page);
	const perSecond = renders / ((Date.now() - started) / 1000);
	// Half the floor: a busy machine may stretch frames, but without the floor it would be under 2.
	expect(perSecond).toBeGreaterThanOrEqual(FLOOR_HZ / 2);
	expect(await levelAndLabel(page)).not.toContain('every frame');
});
