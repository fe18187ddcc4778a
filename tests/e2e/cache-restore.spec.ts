import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';
import { bundleWorker, inWorker } from '../../scripts/bench/store';
import { syntheticTrades } from '../../scripts/bench/store-trades';
import type { Trade } from '../../src/lib/core/trade';
import { cacheKey, cacheNamespace } from '../../src/lib/feed/cache/cache-keys';
import { appKlines, csvLines } from '../support/app-hook';
import { cliKlines } from '../support/candles-cli';

/**
 * A reload over a large tick cache (the store bench's generated trades, 15 minutes of them) draws
 * the newest candles first and the older ones behind them, and ends with the CLI's candles for the
 * cached trades. No exchange answers (a closed port), so every candle comes from the cache.
 */

const TICKS = 450_000;
const SPAN_MS = 15 * 60_000;

/** A port nothing listens on: the app's socket and REST calls fail, as offline. */
function deadPort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address !== null ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/** Trades as a Binance public-data aggTrades CSV, the CLI's input. */
const aggTradesCsv = (trades: readonly Trade[]): string =>
	trades
		.map((t) =>
			[
				t.id,
				t.price,
				t.qty,
				t.firstTradeId,
				t.lastTradeId,
				t.time,
				t.buyerMaker ? 'True' : 'False',
				'True'
			].join(',')
		)
		.join('\n') + '\n';

declare global {
	interface Window {
		/** Bars on the chart at each animation frame that changed them (set by this spec). */
		__drawn?: number[];
	}
}

test('a reload draws the newest cached candles first, then the whole window: the CLI candles', async ({
	page
}) => {
	test.setTimeout(120_000);
	const dead = `127.0.0.1:${await deadPort()}`;
	const config = {
		wsBase: `ws://${dead}`,
		restBase: `http://${dead}`,
		symbols: ['btcusdt'],
		retentionMinutes: 20
	};
	const endMs = Date.UTC(2026, 0, 5, 12, 0, 0, 0) + 123;
	// The cache, written in a worker of the app's origin through the real tick cache.
	await page.goto('/_app/version.json');
	const request = {
		config,
		ticks: TICKS,
		spanMs: SPAN_MS,
		slice: 5000,
		endMs,
		phase: 'write' as const
	};
	const written = await inWorker<{ stored: number }>(page, await bundleWorker(), request);
	expect(written.stored).toBe(TICKS);
	const key = cacheKey(cacheNamespace(config.wsBase), 'btcusdt');
	const csv = test.info().outputPath('cached-trades.csv');
	writeFileSync(csv, aggTradesCsv(syntheticTrades(key, TICKS, endMs, SPAN_MS)));
	const cli = await cliKlines([csv], '1s', 'btcusdt');
	expect(cli.length).toBeGreaterThan(850);

	await page.addInitScript({
		content: `(() => {
			window.__drawn = [];
			const poll = () => {
				const drawn = window.__tickscope?.drawnBars() ?? 0;
				if (drawn > 0 && window.__drawn.at(-1) !== drawn) window.__drawn.push(drawn);
				requestAnimationFrame(poll);
			};
			requestAnimationFrame(poll);
		})();`
	});
	const query = `ws=ws://${dead}&rest=http://${dead}&symbols=btcusdt&symbol=btcusdt&interval=1s&retention=20`;
	await page.goto(`/?${query}`);
	await expect
		.poll(() => page.evaluate(() => window.__drawn?.at(-1)), { timeout: 30_000 })
		.toBe(cli.length);
	// And again on a reload, now with the cache (and the app) warm.
	await page.reload();
	await expect
		.poll(() => page.evaluate(() => window.__drawn?.at(-1)), { timeout: 30_000 })
		.toBe(cli.length);
	const drawn = (await page.evaluate(() => window.__drawn)) ?? [];
	test.info().annotations.push({ type: 'drawn', description: drawn.join(' → ') });
	// The newest minutes came first, the older ones behind them.
	expect(drawn[0]).toBeLessThan(cli.length / 3);
	expect(drawn).toEqual([...drawn].sort((a, b) => a - b));
	expect(csvLines(await appKlines(page, 'btcusdt', '1s'))).toEqual(cli);
	await page.screenshot({ path: test.info().outputPath('restored.png') });
});
