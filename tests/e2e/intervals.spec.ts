import { expect, test, type Page } from '@playwright/test';
import { appKlines, drawnBars } from '../support/app-hook';
import { TEST_SERVER_HTTP, TEST_SERVER_WS, control } from '../support/server-control';

/**
 * The tick chart, every interval and the time axis, against the local Binance replay
 * (BTCUSDT + ETHUSDT 2024-08-08/09): the tick chart's newest points are the newest trades the
 * server sent; 3d, 1w and 1M open from the picker's menu; the axis has readable labels; the
 * UTC/local switch moves labels, never candles. Screenshots at 1440x900 and 375x812.
 */

interface Probe {
	axisLabels(): string[];
	lastTicks(n: number): { ms: number; price: number; size: number; buy: boolean }[];
	draw(bars: Record<string, number[]>, interval: string): void;
}
type Scope = { __tickscope?: { chartProbe(): Probe | null } };

const url = (interval: string) =>
	`/?ws=${TEST_SERVER_WS}&rest=${TEST_SERVER_HTTP}&symbols=btcusdt,ethusdt&symbol=btcusdt&interval=${interval}`;

const labels = (page: Page) =>
	page.evaluate(() => (globalThis as Scope).__tickscope?.chartProbe()?.axisLabels() ?? []);

const lastTicks = (page: Page, n: number) =>
	page.evaluate(
		(count) => (globalThis as Scope).__tickscope?.chartProbe()?.lastTicks(count) ?? [],
		n
	);

async function screenshots(page: Page, name: string): Promise<void> {
	await page.setViewportSize({ width: 1440, height: 900 });
	await page.screenshot({ path: test.info().outputPath(`${name}-1440x900.png`) });
	await page.setViewportSize({ width: 375, height: 812 });
	await page.screenshot({ path: test.info().outputPath(`${name}-375x812.png`) });
	await page.setViewportSize({ width: 1440, height: 900 });
}

async function live(page: Page): Promise<void> {
	await expect(page.getByTestId('feed-status')).toHaveAttribute('data-state', 'live', {
		timeout: 30_000
	});
}

test.use({ viewport: { width: 1440, height: 900 }, timezoneId: 'Asia/Kolkata' });

test.beforeEach(async () => {
	await control({ reset: true, fault: 'none', paused: false });
});

test.afterAll(async () => {
	await control({ reset: true, paused: false });
});

test('tick chart: its newest points are the newest trades the server sent', async ({ page }) => {
	await page.goto(url('tick'));
	await live(page);
	await expect(page.getByTestId('interval-tick')).toHaveAttribute('aria-pressed', 'true');
	await expect.poll(() => drawnBars(page), { timeout: 30_000 }).toBeGreaterThan(200);
	const paused = await control({ paused: true });
	// The 50 trades the stream sent last, by id from the server's REST (REST also shows trades
	// traded by the server's clock but not sent yet, however many a burst holds): the chart's
	// newest 50 must be these, in order.
	const lastSent = paused.lastSent.BTCUSDT?.aggTradeId ?? null;
	if (lastSent === null) throw new Error('the server sent no BTCUSDT trade');
	const response = await fetch(
		`${TEST_SERVER_HTTP}/api/v3/aggTrades?symbol=BTCUSDT&fromId=${lastSent - 49}&limit=50`
	);
	const rows = (await response.json()) as {
		a: number;
		p: string;
		q: string;
		T: number;
		m: boolean;
	}[];
	expect(rows.at(-1)?.a).toBe(lastSent);
	const sent = rows.map((row) =>
		JSON.stringify({ ms: row.T, price: Number(row.p), size: Number(row.q), buy: !row.m })
	);
	const matches = async () =>
		JSON.stringify((await lastTicks(page, 50)).map((tick) => JSON.stringify(tick))) ===
		JSON.stringify(sent);
	await expect.poll(matches, { timeout: 20_000 }).toBe(true);
	// Trade times to the millisecond on the axis.
	await expect
		.poll(() => labels(page))
		.toContainEqual(expect.stringMatching(/^\d\d:\d\d:\d\d\.\d{3}$/));
	await screenshots(page, 'tick-chart');
});

test('3d, 1w and 1M are one tap away and draw the exchange series', async ({ page }) => {
	await page.goto(url('1m'));
	await live(page);
	for (const interval of ['3d', '1w', '1M']) {
		await page.getByTestId('interval-more').click();
		await expect(page.getByTestId('interval-menu')).toBeVisible();
		if (interval === '1w') await screenshots(page, 'interval-menu');
		await page.getByTestId(`interval-menu-${interval}`).click();
		await expect(page.getByTestId(`interval-${interval}`)).toHaveAttribute('aria-pressed', 'true');
		await expect.poll(() => drawnBars(page), { timeout: 20_000 }).toBeGreaterThan(0);
		const rows = await appKlines(page, 'btcusdt', interval);
		expect(rows.length).toBeGreaterThan(0);
	}
});

/** 1,000 candles of `size` ms ending now-ish, drawn as a reset would. */
function thousandCandles(size: number): Record<string, number[]> {
	const end = Date.UTC(2024, 7, 9);
	const time = Array.from({ length: 1000 }, (_, i) => end - (1000 - i) * size);
	const price = time.map((_, i) => 60_000 + 500 * Math.sin(i / 40));
	return {
		time,
		open: price,
		high: price.map((p) => p + 50),
		low: price.map((p) => p - 50),
		close: price.map((p) => p + 10),
		volume: price.map(() => 2),
		buyVolume: price.map(() => 1),
		count: price.map(() => 5)
	};
}

for (const [interval, size] of [
	['1m', 60_000],
	['1h', 3_600_000],
	['1d', 86_400_000]
] as const) {
	test(`${interval} with 1,000 candles: at least three time labels, wide and narrow`, async ({
		page
	}) => {
		await page.goto(url(interval));
		await live(page);
		await control({ paused: true });
		for (const width of [1440, 375]) {
			await page.setViewportSize({ width, height: width > 1000 ? 900 : 812 });
			await page.evaluate(
				([bars, i]) => (globalThis as Scope).__tickscope?.chartProbe()?.draw(bars, i),
				[thousandCandles(size), interval] as const
			);
			await expect
				.poll(async () => (await labels(page)).length, { message: `${interval} at ${width}px` })
				.toBeGreaterThanOrEqual(3);
		}
		await screenshots(page, `axis-${interval}`);
	});
}

test('the UTC / local switch changes the labels, not the candles', async ({ page }) => {
	await page.goto(url('1m'));
	await live(page);
	await expect.poll(() => drawnBars(page), { timeout: 20_000 }).toBeGreaterThan(3);
	await control({ paused: true });
	await expect(page.getByTestId('time-zone')).toHaveText('UTC');
	await expect.poll(async () => (await labels(page)).length).toBeGreaterThan(0);
	const before = { labels: await labels(page), klines: await appKlines(page, 'btcusdt', '1m') };
	await page.getByTestId('time-zone').click();
	await expect(page.getByTestId('time-zone')).toHaveText('Local');
	// Asia/Kolkata is UTC+05:30: every time label moves by 5:30.
	await expect
		.poll(async () => JSON.stringify(await labels(page)))
		.not.toBe(JSON.stringify(before.labels));
	expect(await appKlines(page, 'btcusdt', '1m')).toEqual(before.klines);
	await page.getByTestId('cvd-toggle').click();
	await screenshots(page, 'local-time-cvd');
});
