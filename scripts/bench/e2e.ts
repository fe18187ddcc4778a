import { writeFileSync, mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { CdpBrowser, type CdpPage } from './cdp';
import { startAppServer, type AppServer } from './e2e-browser';
import { measureCeiling } from './e2e-ceiling';
import { startContention } from './e2e-contention';
import { browserTicks, cpuSplit } from './e2e-cpu';
import { e2eOptions, type E2eOptions } from './e2e-options';
import { screenLabel } from './e2e-conditions';
import { hideScript } from './e2e-probes';
import {
	benchPlan,
	medianLines,
	type BenchBuild,
	type BenchLine,
	type BenchRun,
	type BenchView
} from './e2e-plan';
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
 * [--duration 20] [--warmup 3] [--drain 60] [--contend 2] [--cpu-throttle 4] [--screen 375x812@3]
 * [--repeat 3] [--baseline DIR] [--profile DIR] [--hide chart,text,page] [--chart-share 0.01]`: the test build (built first, served by scripts/serve.js) in Chromium against the Binance
 * test server streaming BTCUSDT's recorded trades looped with fresh ids at each rate, once with the
 * adaptive throttle and once with `throttle=off` (every update drawn: the baseline). One JSON line
 * per rate and mode. Frame rate and long tasks come from a probe the bench installs after the
 * warm-up; lag, throttle levels and trade counts from the app's seam (window.__tickscope); heap
 * from the DevTools protocol, page and worker. Chromium is driven over the bare protocol
 * (./cdp.ts), not Playwright, whose network instrumentation would cost every WebSocket frame.
 * `--contend`, `--cpu-throttle` and `--screen` set the machine (e2e-conditions.ts); `cpu_ms_per_s`
 * is the renderer and GPU processes' CPU time per measured second (e2e-cpu.ts), workers included.
 * The page is laid out at 1440x900 unless `--screen` says otherwise (a phone: 375x812@3, where the
 * page shows the chart pane alone). View `chart` hides the order book and tape (as the page was
 * before them); view `panels` shows chart, book and tape, and adds `tape_lag_p99_ms` (worker
 * receive of the oldest trade a tape render drew to that render). The server streams the symbol's
 * `depth20@100ms` and `@miniTicker` too. View `grid` (issue 15) is a 3x3 workspace of 9 charts,
 * BTCUSDT, ETHUSDT and DOTUSDT (2021-04-04's recording) at 1s, 1m and 5m each, all on screen,
 * beside the book and tape; the rate is the total over the 3 symbols, a third each. Figures only;
 * nothing is asserted.
 *
 * `cpu_main_ms_per_s` and `cpu_worker_ms_per_s` split the renderer's CPU time by thread: the
 * page's main thread (scripts, style, layout, paint) and its dedicated workers (the feed), from
 * the threads' own CPU clocks, so preemption by other processes does not count as cost;
 * `cpu_main_ms_per_frame` is the main thread's per animation frame. Under a changing load these
 * are the figures to compare, not frame rates. `--repeat N` measures N rounds of every variant of
 * a rate and view interleaved (ABBA, e2e-plan.ts) and then prints one median line per variant
 * (`"summary": "median"`). `--baseline DIR` serves a test build made before (e.g. a copy of
 * build-test/ from main) as a second variant, `"build": "baseline"` beside `"current"`, for
 * before/after figures measured under the same load. `--profile DIR` writes each run's main-thread
 * CPU profile (Chrome DevTools' .cpuprofile) over the measured seconds. `--hide` and
 * `--chart-share` take parts away to see what bounds the frame rate (e2e-probes.ts).
 */

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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function appUrl(
	app: AppServer,
	server: SyntheticServer,
	{ mode, view }: BenchRun,
	options: E2eOptions
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
	if (options.chartShare !== null) query.set('debugBudgetShare', String(options.chartShare));
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
	/** Per view id, each render's own time, ms. */
	viewCosts: Record<string, number[]>;
	levelMax: number;
	heapPage: number;
	heapWorker: number;
	/** Renderer and GPU processes' CPU ms per second measured, and its main and worker threads'. */
	cpu: { total: number; main: number; worker: number };
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
		viewCosts: {},
		levelMax: 0,
		heapPage: 0,
		heapWorker: 0,
		cpu: { total: 0, main: 0, worker: 0 }
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
		for (const [id, costs] of Object.entries(report.viewCostsMs ?? {})) {
			(seen.viewCosts[id] ??= []).push(...costs);
		}
		seen.levelMax = Math.max(seen.levelMax, report.levelMax);
		if (second % 2 === 0 || second === durationS) {
			const used = await page.heap();
			if (used.page + (used.worker ?? 0) > seen.heapPage + seen.heapWorker) {
				seen.heapPage = used.page;
				seen.heapWorker = used.worker ?? 0;
			}
		}
	}
	seen.cpu = cpuSplit(ticksBefore, browserTicks(browserPid), (Date.now() - started) / 1000);
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

/** The page's views (page-render.ts) whose own render time each line reports. */
const VIEWS = ['chart', 'panels', 'market', 'status'] as const;

/**
 * Per view: renders a second, and the 20th and 50th percentile of a render's own time (ms). Its
 * low quantile is the one to compare under load: preemption only ever adds to a render's time.
 */
function viewFigures(costs: Record<string, number[]>, durationS: number): BenchLine {
	const figures: BenchLine = {};
	for (const id of VIEWS) {
		const samples = costs[id] ?? [];
		figures[`${id}_per_s`] = round(samples.length / durationS);
		figures[`${id}_ms_p20`] = round(percentile(samples, 20), 2);
		figures[`${id}_ms_p50`] = round(percentile(samples, 50), 2);
	}
	return figures;
}

/** The JSON line: the fields first, then what explains them. */
function line(
	{ rate, mode, view }: BenchRun,
	machine: E2eOptions,
	seen: Seen,
	probe: Probe,
	counts: Counts,
	rates: { received: number; ceiling: number }
) {
	const fps = framesPerSecond(probe.frames);
	const tradeLag = (p: number) => round(weightedPercentile(seen.tradeLags, seen.tradeWeights, p));
	const frames = fps.reduce((sum, count) => sum + count, 0);
	return {
		rate,
		throttle: mode,
		view,
		contend: machine.contend,
		cpu_throttle: machine.cpuThrottle,
		screen: screenLabel(machine.screen),
		...(machine.hide.length > 0 ? { hide: machine.hide.join(',') } : {}),
		...(machine.chartShare !== null ? { chart_share: machine.chartShare } : {}),
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
		cpu_ms_per_s: seen.cpu.total,
		cpu_main_ms_per_s: seen.cpu.main,
		cpu_main_ms_per_frame: frames > 0 ? round((seen.cpu.main * fps.length) / frames, 2) : null,
		cpu_worker_ms_per_s: seen.cpu.worker,
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
		heap_worker_mb: megabytes(seen.heapWorker),
		...viewFigures(seen.viewCosts, machine.durationS)
	};
}

/**
 * View `chart` hides the book and tape the page shows beside the chart at this width, as a phone
 * does on its chart pane: hidden, they are not drawn at all (PageRender.observePanels).
 */
const HIDE_PANELS = `(() => {
	const style = document.createElement('style');
	style.textContent = 'aside.side { display: none !important; }';
	document.head.append(style);
})()`;

/** What one run measures with: the browser, the app server per build, the rate's ceiling. */
interface RunContext {
	readonly browser: CdpBrowser;
	readonly apps: ReadonlyMap<BenchBuild, AppServer>;
	readonly options: E2eOptions;
	readonly ceiling: number;
}

async function runOne(context: RunContext, run: BenchRun): Promise<BenchLine> {
	const { browser, options } = context;
	const { rate, view, build } = run;
	const app = context.apps.get(build);
	if (app === undefined) throw new Error(`no app server for the ${build} build`);
	const load1 = round(loadavg()[0] ?? 0, 2);
	const server = await startSyntheticServer(rate, {}, marketOf(view));
	// A fresh browser context per run: empty tick cache, first visit (the service worker installs
	// during the warm-up).
	const page = await browser.newPage();
	try {
		const { width, height, pixelRatio } = options.screen;
		await page.viewport(width, height, pixelRatio);
		if (options.cpuThrottle !== 1) await page.throttleCpu(options.cpuThrottle);
		await page.goto(appUrl(app, server, run, options));
		await page.waitFor(
			`document.querySelector('[data-testid="feed-status"]')?.dataset.state === 'live'`,
			30_000
		);
		if (view === 'chart') await page.evaluate(HIDE_PANELS);
		if (options.hide.length > 0) await page.evaluate(hideScript(options.hide));
		await sleep(options.warmupS * 1000);
		await renderStats(page);
		await startProbe(page);
		if (options.profileDir !== null) await page.startProfile();
		const before = await countAll(page, view);
		const seen = await measure(page, options.durationS, browser.pid);
		const after = await countAll(page, view);
		if (options.profileDir !== null) saveProfile(options.profileDir, run, await page.stopProfile());
		const probe = await stopProbe(page);
		const counts = await drain(page, server, options.drainS, view);
		const received = Math.round((after.trades - before.trades) / options.durationS);
		const rates = { received, ceiling: context.ceiling };
		return {
			...line(run, options, seen, probe, counts, rates),
			...(context.apps.size > 1 ? { build } : {}),
			...(options.repeat > 1 ? { round: run.round } : {}),
			load1
		};
	} finally {
		await page.close();
		await server.close();
	}
}

function saveProfile(dir: string, run: BenchRun, profile: unknown): void {
	mkdirSync(dir, { recursive: true });
	const name = `${run.rate}-${run.view}-${run.mode}-${run.build}-${run.round}.cpuprofile`;
	writeFileSync(path.join(dir, name), JSON.stringify(profile));
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

/** Runs the plan (every rate, view, mode and build, interleaved), printing each line as measured. */
export async function runE2eBench(
	args: readonly string[],
	print: (line: BenchLine) => void
): Promise<void> {
	const options = e2eOptions(args);
	const apps = new Map<BenchBuild, AppServer>([['current', await startAppServer()]]);
	if (options.baseline !== null) apps.set('baseline', await startAppServer(options.baseline));
	const browser = await CdpBrowser.launch();
	// Started once the test build is built and the browser is up: the busy processes load the
	// measurements (and the ceiling beside them), not the build.
	const contention = startContention(options.contend);
	const plan = benchPlan({ ...options, builds: [...apps.keys()] });
	const lines: BenchLine[] = [];
	try {
		const ceilings = new Map<number, number>();
		for (const run of plan) {
			let ceiling = ceilings.get(run.rate);
			if (ceiling === undefined) {
				ceiling = await ceilingAt(browser, run.rate, options);
				ceilings.set(run.rate, ceiling);
			}
			const measured = await runOne({ browser, apps, options, ceiling }, run);
			lines.push(measured);
			print(measured);
		}
		if (options.repeat > 1 || apps.size > 1) for (const median of medianLines(lines)) print(median);
	} finally {
		contention.stop();
		await browser.close();
		await Promise.all([...apps.values()].map((app) => app.close()));
	}
}
