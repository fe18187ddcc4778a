import { expect, test, type Page } from '@playwright/test';
import type { CandlesOnlySpan } from '../../src/lib/protocol/data-quality';
import { startBinanceServer, type BinanceServer } from '../server/server';
import { cachedTicks, feedStatus } from '../support/app-hook';
import { cliKlines } from '../support/candles-cli';
import { RECORDINGS, recordingPath } from '../support/fixtures';
import { flapConnection } from '../support/flap';
import {
	expectCliCandles,
	expectContiguous,
	expectCutCached,
	settled
} from '../support/trade-checks';

/**
 * Nothing lost: while the recording streams at 10x, the connection drops again and again (some
 * reconnects refused for 1-3 s) or the page reloads, and the market goes on meanwhile. Afterwards
 * the cached trade ids are contiguous, none lost and none doubled, up to the market's last trade
 * (what the server's REST shows once the recording ended, whether or not a socket was open to
 * stream it), and the candles equal the candles CLI's for the recording. The spec runs its own
 * server: it drops every socket of it.
 */

const BTC = [RECORDINGS.btc20240808, RECORDINGS.btc20240809];
let server: BinanceServer;

test.beforeAll(async () => {
	server = await startBinanceServer({ recordings: BTC, speed: 10 });
});

test.afterAll(async () => {
	await server.close();
});

const appUrl = () =>
	`/?ws=${server.wsUrl}&rest=${server.httpUrl}&symbols=btcusdt&symbol=btcusdt&interval=1s`;

async function live(page: Page): Promise<void> {
	await expect(page.getByTestId('feed-status')).toHaveAttribute('data-state', 'live', {
		timeout: 20_000
	});
}

test('20 drops in 60 s, some reconnects refused: no trade lost or doubled, candles exact', async ({
	page
}) => {
	test.setTimeout(240_000);
	const cli = cliKlines(BTC.map(recordingPath), '1s', 'btcusdt');
	server.control({ reset: true, fault: 'none', speed: 10 });
	await page.goto(appUrl());
	await live(page);
	const flaps = await flapConnection(server, { drops: 20, spanMs: 55_000 });
	const refused = flaps.filter((f) => f.refusedMs > 0);
	test.info().annotations.push({
		type: 'faults',
		description: `${flaps.length} drops, ${refused.length} followed by refused reconnects (${refused.map((f) => f.refusedMs).join(', ')} ms)`
	});
	const lastId = await settled(server, page, 'btcusdt');
	const count = await expectContiguous(page, 'btcusdt', lastId);
	await expectCliCandles(page, 'btcusdt', cli);
	const quality = (await feedStatus(page))?.quality;
	const symbol = quality?.symbols[0];
	test.info().annotations.push({
		type: 'repair',
		description: `${count} trades cached; ${symbol?.gaps} gaps, ${symbol?.repaired} repaired, ${symbol?.unrecoverable} unrecoverable`
	});
	expect(symbol?.gaps).toBeGreaterThanOrEqual(10);
	expect(symbol?.repaired).toBeGreaterThan(0);
	expect(symbol?.unrecoverable).toBe(0);
	expect(symbol?.open).toEqual([]);
	expect(quality?.events.filter((e) => e.kind === 'drop').length).toBeGreaterThanOrEqual(20);
});

test('a reload mid-stream: the trades of the reload are repaired, none lost or doubled', async ({
	page
}) => {
	test.setTimeout(240_000);
	const cli = cliKlines(BTC.map(recordingPath), '1s', 'btcusdt');
	server.control({ reset: true, fault: 'none', speed: 10 });
	await page.goto(appUrl());
	await live(page);
	await expect.poll(() => cachedTicks(page, 'btcusdt'), { timeout: 20_000 }).toBeGreaterThan(500);
	await page.reload();
	await live(page);
	const lastId = await settled(server, page, 'btcusdt');
	await expectContiguous(page, 'btcusdt', lastId);
	await expectCliCandles(page, 'btcusdt', cli);
	const symbol = (await feedStatus(page))?.quality?.symbols[0];
	expect(symbol?.gaps).toBeGreaterThanOrEqual(1);
	expect(symbol?.repaired).toBeGreaterThan(0);
});

test('a replay mid-stream, then back to live: live went on meanwhile, none lost or doubled', async ({
	page
}) => {
	test.setTimeout(240_000);
	const cli = cliKlines(BTC.map(recordingPath), '1s', 'btcusdt');
	server.control({ reset: true, fault: 'none', speed: 10 });
	await page.goto(appUrl());
	await live(page);
	await expect.poll(() => cachedTicks(page, 'btcusdt'), { timeout: 20_000 }).toBeGreaterThan(500);
	await page.getByTestId('replay-button').click();
	await page.getByTestId('replay-session-cache:btcusdt').click({ timeout: 15_000 });
	await page.getByTestId('replay-speed-max').click();
	await page.getByTestId('replay-play').click();
	const status = page.getByTestId('feed-status');
	await expect(status).toHaveAttribute('data-state', 'replay');
	// The market goes on while the user replays: its trades reach the tick cache meanwhile.
	const atStart = await cachedTicks(page, 'btcusdt');
	await expect
		.poll(() => cachedTicks(page, 'btcusdt'), { timeout: 30_000 })
		.toBeGreaterThan(atStart + 1000);
	await expect(status).toHaveAttribute('data-state', 'replay');
	await page.getByTestId('replay-stop').click();
	await live(page);
	const lastId = await settled(server, page, 'btcusdt');
	await expectContiguous(page, 'btcusdt', lastId);
	await expectCliCandles(page, 'btcusdt', cli);
	// Nothing to repair: the socket never closed for the replay.
	const symbol = (await feedStatus(page))?.quality?.symbols[0];
	expect(symbol?.gaps).toBe(0);
});

/** `page` at 1440x900 and 375x812, light then dark, back to light at 1440x900. */
async function screenshots(page: Page, name: string): Promise<void> {
	for (const scheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme: scheme });
		for (const [width, height] of [
			[1440, 900],
			[375, 812]
		] as const) {
			await page.setViewportSize({ width, height });
			await page.screenshot({
				path: test.info().outputPath(`${name}-${scheme}-${width}x${height}.png`)
			});
		}
	}
	await page.emulateMedia({ colorScheme: 'light' });
	await page.setViewportSize({ width: 1440, height: 900 });
}

/** The one stretch of BTCUSDT with candles only, checked: a gap of minutes, fully accounted for. */
async function oneCandlesOnlySpan(page: Page): Promise<CandlesOnlySpan> {
	const symbol = (await feedStatus(page))?.quality?.symbols[0];
	expect(symbol?.candlesOnly.length).toBe(1);
	expect(symbol?.unrecoverable).toBe(0);
	const span = symbol?.candlesOnly[0] as CandlesOnlySpan;
	expect(span.trades).toBeGreaterThan(100);
	expect(span.toMs - span.fromMs).toBeGreaterThan(30_000);
	return span;
}

test('away longer than the ticks kept: the gap before the last minute has candles only, exact', async ({
	page
}) => {
	test.setTimeout(240_000);
	const cli = cliKlines(BTC.map(recordingPath), '1s', 'btcusdt');
	server.control({ reset: true, fault: 'none', speed: 10 });
	// One minute of ticks kept: at 10x, 15 s away is 150 s of market.
	const url = `${appUrl()}&retention=1`;
	await page.goto(url);
	await live(page);
	await expect.poll(() => cachedTicks(page, 'btcusdt'), { timeout: 20_000 }).toBeGreaterThan(500);
	await page.goto('about:blank');
	await page.waitForTimeout(15_000);
	await page.goto(url);
	await live(page);
	const lastId = await settled(server, page, 'btcusdt');
	const span = await oneCandlesOnlySpan(page);
	const breaks = await expectCutCached(page, 'btcusdt', lastId, span.trades);
	// The candles are whole across the span: the exchange's klines there, trades after.
	await expectCliCandles(page, 'btcusdt', cli);
	await page.getByTestId('quality-button').click();
	await expect(page.getByTestId('quality-candles-only')).toContainText(
		/^Candles only \d\d:\d\d:\d\d–\d\d:\d\d:\d\d UTC \([\dhms ]+, [\d,]+ trades not kept\)/
	);
	await expect(page.getByTestId('quality-log')).toContainText('longer than the ticks kept');
	await screenshots(page, 'candles-only-quality');
	await page.getByTestId('quality-panel').getByRole('button', { name: 'Close' }).click();
	await page.getByTestId('cache-button').click();
	await expect(page.getByTestId('cache-candles-only')).toContainText(/^Candles only /);
	await screenshots(page, 'candles-only-cache');
	await page.getByTestId('cache-panel').getByRole('button', { name: 'Close' }).click();
	if (breaks === 1) {
		// The ticks before the gap are still cached: a replay of them says where it has none.
		await page.getByTestId('replay-button').click();
		await page.getByTestId('replay-session-cache:btcusdt').click({ timeout: 15_000 });
		await expect(page.getByTestId('replay-candles-only')).toContainText(/no ticks to replay/);
		await page.screenshot({ path: test.info().outputPath('candles-only-replay-1440x900.png') });
	}
});
