import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { ThrottleMode } from '../../src/lib/client/render/render-params';
import { CdpBrowser, type CdpPage } from './cdp';
import { startAppServer, type AppServer } from './e2e-browser';
import { measureCeiling } from './e2e-ceiling';
import { CONDITION_ARGS, conditions, type Conditions } from './e2e-conditions';
import { startContention } from './e2e-contention';
import { browserTicks, cpuMsPerSecond } from './e2e-cpu';
import { renderStats, startProbe, stopProbe, workerCounts } from './e2e-page';
import {
	BTC_MARKET,
	startSyntheticServer,
	type SyntheticMarket,
	type SyntheticServer
} from './e2e-server';
import { RECORDINGS } from '../../tests/support/fixtures.ts';
import { weightedPercentile } from '../../src/lib/core/arrivals';
import { framesPerSecond, megabytes, percentile, round } from './e2e-stats';

/**
 * `npm run bench -- e2e [--rates 1000,5000] [--modes adaptive,off] [--views chart,panels,grid]
 * [--duration 20] [--warmup 3] [--drain 60] [--contend 2] [--cpu-throttle 4]`: the test build (built first, served by scripts/serve.js) in Chromium against the Binance
 * test server streaming BTCUSDT's recorded trades looped with fresh ids at each rate, once with the
 * adaptive throttle and once with `throttle=off` (every update drawn: the baseline). One JSON line
 * per rate and mode. Frame rate and long tasks come from a probe the bench installs after the
 * warm-up; lag, throttle levels and trade counts from the app's seam (window.__tickscope); heap
 * from the DevTools protocol, page and worker. Chromium is driven over the bare protocol
 * (./cdp.ts), not Playwright, whose network instrumentation would cost every WebSocket frame.
 * `--contend` and `--cpu-throttle` set the machine (e2e-conditions.ts); `cpu_ms_per_s` is the
 * renderer and GPU processes' CPU time per measured second (e2e-cpu.ts), workers included.
 * The page is laid out at 1440x900. View `chart` hides the order book and tape (as the page was
 * before them); view `panels` shows chart, book and tape, and adds `tape_lag_p99_ms` (worker
 * receive of the oldest trade a tape render drew to that render). The server streams the symbol's
 * `depth20@100ms` and `@miniTicker` too. View `grid` (issue 15) is a 3x3 workspace of 9 charts,
 * BTCUSDT, ETHUSDT and DOTUSDT (2021-04-04's recording) at 1s, 1m and 5m each, all on screen,
 * beside the book and tape; the rate is the total over the 3 symbols, a third each. Figures only;
 * nothing is asserted.
 */

export interface E2eOptions extends Conditions {
	/** aggTrade messages per second the server sends. */
	readonly rates: readonly number[];
	readonly modes: readonly ThrottleMode[];
	/** `chart`: the chart alone; `panels`: chart, order book and tape; `grid`: 9 charts. */
	readonly views: readonly BenchView[];
	/** Measured seconds per rate and mode, after the warm-up. */
	readonly durationS: number;
	/** Seconds after the feed is live before measuring (first loads, JIT, the history reset). */
	readonly warmupS: number;
	/** Longest wait, after the server stopped sending, for the worker to receive every trade. */
	readonly drainS: number;
}

export type BenchView = 'chart' | 'panels' | 'grid';
const VIEWS: readonly BenchView[] = ['chart', 'panels', 'grid'];

export const DEFAULT_E2E: E2eOptions = {
	rates: [1000, 5000, 20_000, 50_000, 100_000],
	modes: ['adaptive', 'off'],
	views: ['chart'],
	durationS: 20,
	warmupS: 3,
	drainS: 180,
	contend: 0,
	cpuThrottle: 1
};

const SYMBOL = 'btcusdt';
const STREAM = `${SYMBOL}@aggTrade`;

/** View `grid`: three symbols recorded together, each on three intervals. */
const GRID_MARKET: SyntheticMarket = {
	recording: RECORDINGS.btcEthDot20210404,
	symbols: ['BTCUSDT', 'ETHUSDT', 'DOTUSDT']
};
const GRID_INTERVALS = ['1s', '1m', '5m'] as const;
const marketOf = (view: BenchView) => (view === 'grid' ? GRID_MARKET : BTC_MARKET);
const symbolsOf = (view: BenchView) => marketOf(view).symbols.map((s) => s.toLowerCase());

/** Trades the worker aggregated over the view's symbols. */
async function countAll(page: CdpPage, view: BenchView) {
	const counts = await Promise.all(symbolsOf(view).map((symbol) => workerCounts(page, symbol)));
	const trades = counts.reduce((sum, c) => sum + c.trades, 0);
	return { trades, status: counts[0]?.status ?? (await workerCounts(page, SYMBOL)).status };
}

export type BenchLine = Record<string, number | string | boolean | null>;

function numbers(text: string | undefined, name: string): number[] | undefined {
	if (text === undefined) return undefined;
	const values = text.split(',').map(Number);
	if (values.some((v) => !(v > 0) || !Number.isFinite(v))) {
		throw new Error(`--${name} takes positive numbers, comma separated: ${text}`);
	}
	return values;
}

function seconds(text: string | undefined, name: string): number | undefined {
	return numbers(text, name)?.[0];
}

export function e2eOptions(args: readonly string[]): E2eOptions {
	const { values } = parseArgs({
		args: [...args],
		options: {
			rates: { type: 'string' },
			modes: { type: 'string' },
			views: { type: 'string' },
			duration: { type: 'string' },
			warmup: { type: 'string' },
			drain: { type: 'string' },
			...CONDITION_ARGS
		}
	});
	const modes = values.modes?.split(',');
	if (modes?.some((mode) => mode !== 'adaptive' && mode !== 'off')) {
		throw new Error(`--modes takes adaptive and/or off: ${values.modes}`);
	}
	const views = values.views?.split(',');
	if (views?.some((view) => !(VIEWS as readonly string[]).includes(view))) {
		throw new Error(`--views takes chart, panels and/or grid: ${values.views}`);
	}
	return {
		rates: numbers(values.rates, 'rates') ?? DEFAULT_E2E.rates,
		modes: (modes as ThrottleMode[] | undefined) ?? DEFAULT_E2E.modes,
		views: (views as BenchView[] | undefined) ?? DEFAULT_E2E.views,
		durationS: seconds(values.duration, 'duration') ?? DEFAULT_E2E.durationS,
		warmupS: seconds(values.warmup, 'warmup') ?? DEFAULT_E2E.warmupS,
		drainS: seconds(values.drain, 'drain') ?? DEFAULT_E2E.drainS,
		...conditions(values)
	};
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function appUrl(
	app: AppServer,
	server: SyntheticServer,
	mode: ThrottleMode,
	view: BenchView
): string {
	const symbols = symbolsOf(view);
	const query = new URLSearchParams({
		ws: server.wsUrl,
		rest: server.httpUrl,
		symbols: symbols.join(','),
		symbol: SYMBOL,
		interval: '1s'
	});
	if (view === 'grid') {
		query.set('grid', '3x3');
		const charts = symbols.flatMap((s) => GRID_INTERVALS.map((interval) => `${s}:${interval}`));
		query.set('charts', charts.join(','));
	}
	if (mode === 'off') query.set('throttle', 'off');
	return `${app.url}/?${query.toString()}`;
}

/** What the measured window saw, second by second. */
interface Seen {
	/** Per trade drawn: lag and how many trades had it. */
	tradeLags: number[];
	tradeWeights: number[];
	/** Per render: the lag of the oldest trade drawn. */
	lags: number[];
	postLags: number[];
	transits: number[];
	/** Per tape render that drew trades: the oldest one's lag. */
	tapeLags: number[];
	levelMax: number;
	heapPage: number;
	heapWorker: number;
	/** Renderer and GPU processes' CPU ms per second measured. */
	cpuMsPerS: number;
}

async function measure(page: CdpPage, durationS: number, browserPid: number): Promise<Seen> {
	const ticksBefore = browserTicks(browserPid);
	const started = Date.now();
	const seen: Seen = {
		tradeLags: [],
		tradeWeights: [],
		lags: [],
		postLags: [],
		transits: [],
		tapeLags: [],
		levelMax: 0,
		heapPage: 0,
		heapWorker: 0,
		cpuMsPerS: 0
	};
	for (let second = 1; second <= durationS; second++) {
		await sleep(1000);
		const report = await renderStats(page);
		seen.tradeLags.push(...report.tradeLagsMs);
		seen.tradeWeights.push(...report.tradeWeights);
		seen.lags.push(...report.lagsMs);
		seen.postLags.push(...report.postLagsMs);
		seen.transits.push(...report.transitMs);
		seen.tapeLags.push(...report.tapeLagsMs);
		seen.levelMax = Math.max(seen.levelMax, report.levelMax);
		if (second % 2 === 0 || second === durationS) {
			const used = await page.heap();
			if (used.page + (used.worker ?? 0) > seen.heapPage + seen.heapWorker) {
				seen.heapPage = used.page;
				seen.heapWorker = used.worker ?? 0;
			}
		}
	}
	seen.cpuMsPerS = cpuMsPerSecond(
		ticksBefore,
		browserTicks(browserPid),
		(Date.now() - started) / 1000
	);
	return seen;
}

/**
 * Stops the stream and waits until the worker aggregated every trade the server sent, or `drainS`
 * passed; `drainMs` is how long that took.
 */
async function drain(page: CdpPage, server: SyntheticServer, drainS: number, view: BenchView) {
	const stopped = Date.now();
	const framesSent = (await server.control({ fault: 'stall' })).framesSent;
	const sent = symbolsOf(view).reduce((sum, s) => sum + (framesSent[`${s}@aggTrade`] ?? 0), 0);
	let counts = await countAll(page, view);
	while (counts.trades < sent && Date.now() - stopped < drainS * 1000) {
		await sleep(250);
		counts = await countAll(page, view);
	}
	return { sent, drainMs: Date.now() - stopped, ...counts };
}

type Counts = Awaited<ReturnType<typeof drain>>;
type Probe = Awaited<ReturnType<typeof stopProbe>>;

/** The JSON line: the fields first, then what explains them. */
function line(
	rate: number,
	mode: ThrottleMode,
	machine: Conditions,
	view: BenchView,
	seen: Seen,
	probe: Probe,
	counts: Counts,
	rates: { received: number; ceiling: number }
) {
	const fps = framesPerSecond(probe.frames);
	const tradeLag = (p: number) => round(weightedPercentile(seen.tradeLags, seen.tradeWeights, p));
	return {
		rate,
		throttle: mode,
		view,
		contend: machine.contend,
		cpu_throttle: machine.cpuThrottle,
		received: counts.trades,
		lost: counts.sent - counts.trades,
		fps_p50: percentile(fps, 50),
		fps_p5: percentile(fps, 5),
		lag_p50_ms: tradeLag(50),
		lag_p99_ms: tradeLag(99),
		...(view === 'panels' ? { tape_lag_p99_ms: round(percentile(seen.tapeLags, 99)) } : {}),
		long_tasks: probe.longTasks,
		heap_mb: megabytes(seen.heapPage + seen.heapWorker),
		level_max: seen.levelMax,
		cpu_ms_per_s: seen.cpuMsPerS,
		sent: counts.sent,
		// The worst-off trade of each render: the oldest one it drew.
		lag_oldest_p50_ms: round(percentile(seen.lags, 50)),
		lag_oldest_p99_ms: round(percentile(seen.lags, 99)),
		// Trades/s the worker received while measured, against a bare counting worker (e2e-ceiling).
		received_per_s: rates.received,
		ceiling_per_s: rates.ceiling,
		receive_ratio: rates.ceiling > 0 ? round(rates.received / rates.ceiling, 2) : null,
		// Where the lag goes: worker receive to post (cadence, backpressure), post to page.
		post_p99_ms: round(percentile(seen.postLags, 99)),
		transit_p99_ms: round(percentile(seen.transits, 99)),
		drain_s: round(counts.drainMs / 1000),
		duplicates: counts.status.duplicates,
		coalesced: counts.status.coalesced ?? 0,
		heap_page_mb: megabytes(seen.heapPage),
		heap_worker_mb: megabytes(seen.heapWorker)
	};
}

/** View `chart` hides the book and tape the page shows beside the chart at this width. */
const HIDE_PANELS = `(() => {
	const style = document.createElement('style');
	style.textContent = 'aside.side { display: none !important; }';
	document.head.append(style);
})()`;

async function runOne(
	browser: CdpBrowser,
	app: AppServer,
	run: { rate: number; mode: ThrottleMode; view: BenchView },
	options: E2eOptions,
	ceiling: number
): Promise<BenchLine> {
	const { rate, mode, view } = run;
	const load1 = round(loadavg()[0] ?? 0, 2);
	const server = await startSyntheticServer(rate, {}, marketOf(view));
	// A fresh browser context per run: empty tick cache, first visit (the service worker installs
	// during the warm-up).
	const page = await browser.newPage();
	try {
		await page.viewport(1440, 900);
		if (options.cpuThrottle !== 1) await page.throttleCpu(options.cpuThrottle);
		await page.goto(appUrl(app, server, mode, view));
		await page.waitFor(
			`document.querySelector('[data-testid="feed-status"]')?.dataset.state === 'live'`,
			30_000
		);
		if (view === 'chart') await page.evaluate(HIDE_PANELS);
		await sleep(options.warmupS * 1000);
		await renderStats(page);
		await startProbe(page);
		const before = await countAll(page, view);
		const seen = await measure(page, options.durationS, browser.pid);
		const after = await countAll(page, view);
		const probe = await stopProbe(page);
		const counts = await drain(page, server, options.drainS, view);
		const received = Math.round((after.trades - before.trades) / options.durationS);
		const rates = { received, ceiling };
		return { ...line(rate, mode, options, view, seen, probe, counts, rates), load1 };
	} finally {
		await page.close();
		await server.close();
	}
}

/** The bare counting worker's receive rate at `rate` (e2e-ceiling.ts), with its own server. */
async function ceilingAt(browser: CdpBrowser, rate: number, options: E2eOptions): Promise<number> {
	const server = await startSyntheticServer(rate);
	try {
		return await measureCeiling(browser, server, STREAM, options.warmupS, options.durationS);
	} finally {
		await server.close();
	}
}

/** Runs every rate in every mode, printing each line as it is measured. */
export async function runE2eBench(
	args: readonly string[],
	print: (line: BenchLine) => void
): Promise<void> {
	const options = e2eOptions(args);
	const app = await startAppServer();
	const browser = await CdpBrowser.launch();
	// Started once the test build is built and the browser is up: the busy processes load the
	// measurements (and the ceiling beside them), not the build.
	const contention = startContention(options.contend);
	try {
		for (const rate of options.rates) {
			const ceiling = await ceilingAt(browser, rate, options);
			for (const view of options.views) {
				for (const mode of options.modes) {
					print(await runOne(browser, app, { rate, mode, view }, options, ceiling));
				}
			}
		}
	} finally {
		contention.stop();
		await browser.close();
		await app.close();
	}
}
