import { expect, test, type Page } from '@playwright/test';
import type { KlineRow } from '../../src/lib/core/kline';
import { appKlines, cachedTicks, drawnBars } from '../support/app-hook';
import {
	TEST_SERVER_HTTP,
	TEST_SERVER_SPEED,
	TEST_SERVER_WS,
	control,
	restKlines,
	state
} from '../support/server-control';

/**
 * History on open: the test server's clock starts 8 minutes into the recordings (2024-08-09
 * 00:02:15, so the 1 h and 1 d buckets of the cut began before it), REST shows those 8 minutes as
 * history and the stream begins at the clock. With the market held still, the app's candles
 * (history, the first bucket it completed, live) must equal the server's REST klines row for row,
 * and again after a reload.
 */

const HISTORY_MS = 480_000;
const INTERVALS = { '1s': 1000, '1m': 60_000, '1h': 3_600_000 } as const;
type TestInterval = keyof typeof INTERVALS;
const SYMBOLS = ['btcusdt', 'ethusdt'] as const;

test.use({ viewport: { width: 1280, height: 720 } });

const appUrl = (interval: TestInterval) =>
	`/?ws=${TEST_SERVER_WS}&rest=${TEST_SERVER_HTTP}` +
	`&symbols=${SYMBOLS.join(',')}&symbol=btcusdt&interval=${interval}`;

const bucketOf = (ms: number, size: number) => ms - (ms % size);

/** Where a row sits: before the stream began, the bucket it began in, or after. */
function partOf(openTime: number, firstBucket: number): string {
	if (openTime < firstBucket) return 'history';
	return openTime === firstBucket ? 'first bucket' : 'live';
}

/** The first row where the app and REST differ, in words; empty when they are equal. */
function firstDifference(
	app: readonly KlineRow[],
	rest: readonly KlineRow[],
	firstBucket: number
): string {
	for (let i = 0; i < Math.max(app.length, rest.length); i++) {
		const [mine, theirs] = [JSON.stringify(app[i]), JSON.stringify(rest[i])];
		if (mine === theirs) continue;
		const openTime = (app[i] ?? rest[i])?.[0] ?? 0;
		return (
			`row ${i} of app ${app.length} / REST ${rest.length} (${partOf(openTime, firstBucket)}, ` +
			`${new Date(openTime).toISOString()}):\n  app  ${mine}\n  REST ${theirs}`
		);
	}
	return '';
}

/**
 * REST's klines as the app can know them: a bucket still without a trade is a flat row on the
 * exchange, which the app draws only once a trade opens it (it has no clock of its own).
 */
async function exchangeKlines(interval: TestInterval): Promise<KlineRow[]> {
	const rows = await restKlines('BTCUSDT', interval);
	return rows.at(-1)?.[8] === 0 ? rows.slice(0, -1) : rows;
}

/** Frames of `stream` sent so far, over every socket since the server started. */
async function sent(stream: string): Promise<number> {
	return (await state()).framesSent[stream] ?? 0;
}

/** Waits until the cache holds every aggTrade sent since `baseline`: the app has them all. */
async function everyTradeReceived(page: Page, baseline: Record<string, number>): Promise<void> {
	for (const symbol of SYMBOLS) {
		const stream = `${symbol}@aggTrade`;
		const expected = (await sent(stream)) - (baseline[stream] ?? 0);
		expect(expected).toBeGreaterThan(0);
		await expect
			.poll(() => cachedTicks(page, symbol), {
				message: `the app caches the ${expected} ${symbol} aggTrades sent`,
				timeout: 20_000
			})
			.toBe(expected);
	}
}

/** The app shows exactly REST's klines, open candle included, with no gap, all of them drawn. */
async function expectExchangeKlines(page: Page, interval: TestInterval, firstBucket: number) {
	const size = INTERVALS[interval];
	const rest = await exchangeKlines(interval);
	await expect
		.poll(
			async () => firstDifference(await appKlines(page, 'btcusdt', interval), rest, firstBucket),
			{
				message: `${interval}: the app's klines equal REST's`,
				timeout: 20_000
			}
		)
		.toBe('');
	const rows = await appKlines(page, 'btcusdt', interval);
	const steps = rows.slice(1).map((row, i) => row[0] - (rows[i]?.[0] ?? 0));
	expect(steps.filter((step) => step !== size)).toEqual([]);
	const live = rows.filter((row) => row[0] >= firstBucket).length;
	expect(rows.length).toBeGreaterThan(live);
	await expect.poll(() => drawnBars(page)).toBe(rows.length);
}

async function screenshots(page: Page, name: string): Promise<void> {
	await page.screenshot({ path: test.info().outputPath(`${name}-desktop.png`) });
	await page.setViewportSize({ width: 375, height: 812 });
	await page.screenshot({ path: test.info().outputPath(`${name}-phone.png`) });
	await page.setViewportSize({ width: 1280, height: 720 });
}

test.beforeEach(async () => {
	await control({ reset: true, historyMs: HISTORY_MS, fault: 'none', speed: TEST_SERVER_SPEED });
});

test.afterAll(async () => {
	// Back to the server's defaults for the specs after this one: no history, not held.
	await control({ reset: true, historyMs: 0 });
});

for (const interval of Object.keys(INTERVALS) as TestInterval[]) {
	test(`${interval}: history, first bucket and live equal REST's klines, also after a reload`, async ({
		page
	}) => {
		const size = INTERVALS[interval];
		const { clock, framesSent: baseline } = await state();
		expect(clock.startMs).toBe(1_723_161_735_208);
		const firstBucket = bucketOf(clock.startMs, size);

		await page.goto(appUrl(interval));
		await expect(page.getByTestId('feed-status')).toHaveAttribute('data-state', 'live', {
			timeout: 20_000
		});
		// History and live candles, and live past a minute boundary (00:03:00) before holding.
		await expect
			.poll(
				async () => {
					const rows = await appKlines(page, 'btcusdt', interval);
					const history = rows.length > 0 && (rows[0]?.[0] ?? Infinity) < firstBucket;
					const live = (rows.at(-1)?.[0] ?? 0) >= firstBucket;
					return history && live && (await state()).clock.replayMs > clock.startMs + 50_000;
				},
				{ timeout: 30_000 }
			)
			.toBe(true);

		await control({ paused: true });
		await everyTradeReceived(page, baseline);
		await expectExchangeKlines(page, interval, firstBucket);
		await screenshots(page, `history-${interval}`);

		// The market still holds: nothing trades while the page is away.
		await page.reload();
		await expectExchangeKlines(page, interval, firstBucket);
		await everyTradeReceived(page, baseline);
	});
}
