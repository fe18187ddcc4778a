import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import type { KlineRow } from '../../src/lib/core/kline';
import { klineToCsvLine } from '../../src/lib/core/kline-csv';
import { RECORDINGS, recordingPath, repoRoot } from '../support/fixtures';
import { TEST_SERVER_HTTP, TEST_SERVER_WS, control } from '../support/server-control';

/**
 * The built app against the local Binance replay (BTCUSDT + ETHUSDT, 2024-08-08/09, 10x): live
 * candles must equal the CLI's for the same trades, switches redraw, faults show, bad links are refused.
 */

const LIVE_URL =
	`/?ws=${TEST_SERVER_WS}&rest=${TEST_SERVER_HTTP}` +
	'&symbols=btcusdt,ethusdt&symbol=btcusdt&interval=1s';

/** The app's test seam (src/lib/client/debug-hook.ts), as seen from page.evaluate. */
interface DebugHook {
	klines(symbol: string, interval: string): Promise<KlineRow[]>;
	drawnBars(): number;
	readonly lastBatchSeq: number;
}
type DebugScope = { __tickscope?: DebugHook };

const drawnBars = (page: Page) =>
	page.evaluate(() => (globalThis as DebugScope).__tickscope?.drawnBars() ?? -1);

const appKlines = (page: Page, symbol: string, interval: string) =>
	page.evaluate(
		([s, i]) => (globalThis as DebugScope).__tickscope?.klines(s, i) ?? Promise.resolve([]),
		[symbol, interval] as const
	);

/** The CLI's 1 s klines of the whole BTCUSDT replay, by open time, as CSV fields. */
async function cliKlines(): Promise<Map<string, string[]>> {
	const args = ['tsx', 'scripts/candles.ts', '--interval', '1s', '--symbol', 'btcusdt'];
	for (const name of [RECORDINGS.btc20240808, RECORDINGS.btc20240809]) {
		args.push('--input', recordingPath(name));
	}
	const { stdout } = await promisify(execFile)('npx', args, {
		cwd: repoRoot,
		maxBuffer: 64 * 1024 * 1024
	});
	const rows = new Map<string, string[]>();
	for (const line of stdout.split('\n')) {
		const fields = line.split(',');
		if (fields.length === 12 && fields[0] !== undefined) rows.set(fields[0], fields);
	}
	return rows;
}

const COLUMNS = [
	'openTime',
	'open',
	'high',
	'low',
	'close',
	'volume',
	'closeTime',
	'quoteVolume',
	'count',
	'takerBuyVolume',
	'takerBuyQuoteVolume',
	'ignore'
];

async function openLive(page: Page): Promise<void> {
	await page.goto(LIVE_URL);
	await expect(page.getByTestId('feed-status')).toHaveAttribute('data-state', 'live', {
		timeout: 20_000
	});
}

test.beforeEach(async () => {
	// Replay from the start (the clock waits for the app's socket), no fault left from a test before.
	await control({ reset: true, fault: 'none' });
});

test('live 1 s candles equal the CLI candles of the same trades', async ({ page }, testInfo) => {
	const cli = cliKlines();
	await openLive(page);
	await expect.poll(() => drawnBars(page), { timeout: 20_000 }).toBeGreaterThan(20);
	await expect(page.getByTestId('last-price')).toHaveText(/^\d{2},\d{3}\.\d{2}$/);

	const rows = await appKlines(page, 'btcusdt', '1s');
	const expected = await cli;
	// The newest candle may still be open. If the app joined late, its first candle is partial.
	let closed = rows.slice(0, -1);
	const first = closed[0];
	if (first !== undefined && first[0] !== Number([...expected.keys()][0])) closed = closed.slice(1);
	expect(closed.length).toBeGreaterThan(15);
	for (const row of closed) {
		const app = klineToCsvLine(row).split(',');
		const want = expected.get(String(row[0]));
		expect(want, `the CLI has a candle opening at ${row[0]}`).toBeDefined();
		app.forEach((value, i) => {
			expect(value, `${COLUMNS[i] ?? i} of the candle at ${row[0]}`).toBe(want?.[i]);
		});
	}
	await page.screenshot({ path: testInfo.outputPath('live-1s.png') });
});

test('switching interval and symbol redraws the chart and updates the link', async ({ page }) => {
	await openLive(page);
	await expect.poll(() => drawnBars(page), { timeout: 20_000 }).toBeGreaterThan(20);
	const oneSecondBars = await drawnBars(page);

	await page.getByTestId('interval-1m').click();
	await expect(page.getByTestId('interval-1m')).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByTestId('interval-1s')).toHaveAttribute('aria-pressed', 'false');
	await expect(page).toHaveURL(/[?&]interval=1m(&|$)/);
	await expect.poll(() => drawnBars(page)).not.toBe(oneSecondBars);
	await expect.poll(() => drawnBars(page)).toBeLessThan(oneSecondBars);

	await page.getByTestId('symbol-tab-ethusdt').click();
	await expect(page.getByTestId('symbol-tab-ethusdt')).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByTestId('symbol-tab-btcusdt')).toHaveAttribute('aria-pressed', 'false');
	await expect(page).toHaveURL(/[?&]symbol=ethusdt(&|$)/);
	await expect(page).toHaveURL(/[?&]interval=1m(&|$)/);
	await expect(page.getByTestId('last-price')).toHaveText(/^2,\d{3}\.\d{2}$/);
	// What is drawn is ETHUSDT's 1 m history, bar for bar.
	await expect
		.poll(async () => {
			const rows = await appKlines(page, 'ethusdt', '1m');
			return rows.length > 0 ? (await drawnBars(page)) - rows.length : null;
		})
		.toBe(0);
	await expect(page.getByTestId('chart-loading')).toHaveCount(0);
});

test('a lost stream shows reconnecting, and live again once the server is back', async ({
	page
}) => {
	await openLive(page);
	// New connections are refused, then the open one is cut: the app must notice and retry.
	await control({ fault: 'refuse' });
	await control({ fault: 'drop' });
	const status = page.getByTestId('feed-status');
	await expect(status).not.toHaveAttribute('data-state', 'live', { timeout: 15_000 });
	await expect(status).toHaveAttribute('data-state', 'reconnecting');
	await expect(page.getByTestId('feed-detail')).not.toBeEmpty();
	await control({ fault: 'none' });
	await expect(status).toHaveAttribute('data-state', 'live', { timeout: 45_000 });
});

test('a bad link parameter is refused with a message and the default is used', async ({ page }) => {
	await page.goto(`/?ws=${TEST_SERVER_WS}&rest=${TEST_SERVER_HTTP}&symbols=btc-usdt&interval=2m`);
	const banner = page.getByTestId('param-error');
	await expect(banner).toContainText(
		'symbols: "btc-usdt" is not a symbol (2-20 lower-case letters or digits)'
	);
	await expect(banner).toContainText('interval: "2m" is not an interval');
	for (const symbol of ['btcusdt', 'ethusdt', 'bnbusdt', 'solusdt']) {
		await expect(page.getByTestId(`symbol-tab-${symbol}`)).toBeVisible();
	}
	await expect(page.getByTestId('symbol-tab-btcusdt')).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByTestId('interval-1m')).toHaveAttribute('aria-pressed', 'true');
	// The link now says what runs: the refused values are gone from it.
	await expect(page).toHaveURL(/[?&]symbol=btcusdt&interval=1m$/);
	expect(page.url()).not.toContain('btc-usdt');
});

test('the settings dialog refuses bad values and restarts the feed with good ones', async ({
	page
}) => {
	await openLive(page);
	await page.getByTestId('settings-button').click();
	const dialog = page.getByTestId('settings-dialog');
	await expect(dialog).toBeVisible();
	await page.getByTestId('settings-symbols').fill('eth/usdt');
	await expect(dialog.getByTestId('settings-error')).toHaveText(
		'"eth/usdt" is not a symbol (2-20 lower-case letters or digits)'
	);
	await page.getByTestId('settings-save').click();
	await expect(dialog).toBeVisible();

	await page.getByTestId('settings-symbols').fill('ETHUSDT');
	await page.getByTestId('settings-save').click();
	await expect(dialog).toBeHidden();
	await expect(page.getByTestId('symbol-tab-btcusdt')).toHaveCount(0);
	await expect(page.getByTestId('symbol-tab-ethusdt')).toHaveAttribute('aria-pressed', 'true');
	await expect(page).toHaveURL(/[?&]symbols=ethusdt&symbol=ethusdt&interval=1s$/);
	await expect(page.getByTestId('feed-status')).toHaveAttribute('data-state', 'live', {
		timeout: 20_000
	});
	await expect.poll(() => drawnBars(page), { timeout: 20_000 }).toBeGreaterThan(0);
});
