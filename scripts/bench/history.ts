import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from '@playwright/test';
import type {} from '../../src/lib/client/debug-hook';
import { CHROMIUM_ARGS, findChromium } from '../../tests/support/browser';
import { startAppServer } from './e2e-browser';
import { startSyntheticServer } from './e2e-server';

/**
 * `npm run bench -- history [--runs 5]`: how soon the app shows a full page of candle history.
 * The test build (built first) in Chromium against the Binance test server in synthetic mode:
 * BTCUSDT's recorded trades looped at 2 a second, with 17 hours of them before the replay clock,
 * so `/api/v3/klines?interval=1m&limit=1000` has a full page (the server computes it in about
 * 100 ms, like a network round trip). The chart opens on 1m.
 * - cold_first_paint_ms: navigation start to 1,000 candles drawn (`drawnBars() >= 1000`: 999
 *   closed from REST and the open one from the stream) on a first load in a fresh browser
 *   context: no HTTP cache, no service worker, empty IndexedDB.
 * - first_paint_ms: the same on a reload of that page once its service worker controls it.
 * Each a median of `runs` contexts. Figures only; nothing is asserted.
 */

const CANDLES = 1000;
const INTERVAL = '1m';
const RATE = 2;
/** 1,020 minutes: a full page of 1 m klines before the clock. */
const HISTORY_MS = 17 * 3_600_000;
/** The clock runs at 10x so the first live trade comes within ~25 ms, not half a second. */
const SPEED = 10;
const DEFAULT_RUNS = 5;

declare global {
	interface Window {
		/** performance.now() when the chart first drew CANDLES bars (set by the bench). */
		__paintedAt?: number;
	}
}

/** Text, not a function: tsx would wrap a named inner function in a helper the page lacks. */
const PROBE = `(() => {
	const poll = () => {
		const hook = window.__tickscope;
		if (hook !== undefined && hook.drawnBars() >= ${CANDLES}) {
			window.__paintedAt = performance.now();
			return;
		}
		requestAnimationFrame(poll);
	};
	requestAnimationFrame(poll);
})();`;

async function paintedAt(page: Page): Promise<number> {
	const at = await page.waitForFunction(() => window.__paintedAt, null, { timeout: 60_000 });
	return (await at.jsonValue()) ?? NaN;
}

/** One fresh context: the cold load, then a reload under its service worker. */
async function run(browser: Browser, url: string): Promise<{ cold: number; warm: number }> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
	try {
		const page = await context.newPage();
		await page.addInitScript({ content: PROBE });
		await page.goto(url);
		const cold = await paintedAt(page);
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
			timeout: 30_000
		});
		await page.reload();
		const warm = await paintedAt(page);
		return { cold, warm };
	} finally {
		await context.close();
	}
}

const median = (values: readonly number[]): number => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

function runsOption(args: readonly string[]): number {
	const { values } = parseArgs({ args: [...args], options: { runs: { type: 'string' } } });
	const runs = values.runs === undefined ? DEFAULT_RUNS : Number(values.runs);
	if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs takes a whole number >= 1`);
	return runs;
}

export async function runHistoryBench(
	args: readonly string[]
): Promise<Record<string, number | string>> {
	const runs = runsOption(args);
	const app = await startAppServer();
	const market = await startSyntheticServer(RATE, { historyMs: HISTORY_MS, speed: SPEED });
	const browser = await chromium.launch({
		executablePath: findChromium(),
		args: [...CHROMIUM_ARGS],
		headless: true
	});
	try {
		const url =
			`${app.url}/?ws=${market.wsUrl}&rest=${market.httpUrl}` +
			`&symbols=btcusdt&symbol=btcusdt&interval=${INTERVAL}`;
		const times: { cold: number; warm: number }[] = [];
		for (let i = 0; i < runs; i++) times.push(await run(browser, url));
		return {
			interval: INTERVAL,
			candles: CANDLES,
			first_paint_ms: Math.round(median(times.map((t) => t.warm))),
			cold_first_paint_ms: Math.round(median(times.map((t) => t.cold)))
		};
	} finally {
		await browser.close();
		await Promise.all([market.close(), app.close()]);
	}
}
