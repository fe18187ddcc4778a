import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { build } from 'vite';
import type {} from '../../src/lib/client/debug-hook';
import { CHROMIUM_ARGS, findChromium } from '../../tests/support/browser';
import type { RestoreProfile } from './store-profile';
import type { StoreBenchRequest } from './store-worker';
import { testBuild } from './test-build';

/**
 * `npm run bench -- store`: the tick cache in Chromium, against the test build (built first: it
 * reads the app through `window.__tickscope`).
 * - idb_write_trades_per_s: 900,000 generated BTCUSDT aggTrades handed to the real tick cache in a
 *   worker of the app's origin, 1,000 per turn of the event loop, as fast as it takes them; trades
 *   stored per second from the first hand-over to the last commit.
 * - restore_ms: then the app itself is loaded with those 15 minutes (at 1,000 trades/s) cached; ms
 *   from navigation start until its chart holds every restored 1 s bar. Median of warm reloads; the
 *   first, cold load (empty HTTP cache, no service worker yet) is `restore_cold_ms`; the server has
 *   every file compressed before it (warmCompression), as a static host would.
 * - first_paint_ms: the same warm reloads, ms from navigation start until the chart first held
 *   restored bars (the newest ones: the cache is read newest first); `first_paint_bars` how many.
 * - replay_15min_ms: the feed service replays the cached session at speed `max`: ms until it ended.
 * - restore_worker_ms: the feed service alone restores the cache in a worker: ms until a batch
 *   carries every bar. restore_read_ms, restore_decode_ms, restore_aggregate_ms, restore_bars_ms:
 *   where that goes, each part of the same window timed on its own (store-profile.ts).
 * - bytes_per_tick: growth of `navigator.storage.estimate().usage` per stored tick (includes the
 *   database's own overhead); `bytes_per_tick_store` is the encoded chunks alone.
 */

const TICKS = 900_000;
const SPAN_MS = 15 * 60_000;
const WARM_LOADS = 3;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type StoreBenchResult = Record<string, number | null>;

function freePort(): Promise<number> {
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

async function waitForHttp(url: string): Promise<void> {
	const deadline = Date.now() + 10_000;
	for (;;) {
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// Not listening yet.
		}
		if (Date.now() > deadline) throw new Error(`no answer from ${url}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/** Every file under `dir`, as paths relative to it with `/` separators. */
function filesUnder(dir: string): string[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/**
 * Asks `origin` for every file of the build once, as a browser would (brotli accepted). The bench's
 * static server (scripts/serve.js) compresses a file at its first request, at brotli's highest
 * quality, synchronously: a cold load would otherwise wait for the server to compress the app's
 * scripts one after the other (seconds on this machine), which a host that serves compressed
 * files ready-made never does.
 */
async function warmCompression(origin: string, dir: string): Promise<void> {
	for (const file of filesUnder(dir)) {
		await new Promise<void>((resolve, reject) => {
			get(`${origin}/${file}`, { headers: { 'accept-encoding': 'br, gzip' } }, (response) => {
				response.resume();
				response.on('end', resolve);
				response.on('error', reject);
			}).on('error', reject);
		});
	}
}

/** The worker side as one ES module with no imports, for a blob URL (tests/e2e use it too). */
export async function bundleWorker(): Promise<string> {
	const result: unknown = await build({
		root: ROOT,
		configFile: false,
		logLevel: 'error',
		publicDir: false,
		build: {
			write: false,
			minify: false,
			target: 'es2022',
			outDir: join(tmpdir(), 'tickscope-store-bench-bundle'),
			emptyOutDir: false,
			lib: { entry: join(ROOT, 'scripts/bench/store-worker.ts'), formats: ['es'] }
		}
	});
	const outputs = (Array.isArray(result) ? result : [result]) as {
		output?: { type: string; isEntry?: boolean; code?: string }[];
	}[];
	const entry = outputs.flatMap((o) => o.output ?? []).find((o) => o.type === 'chunk' && o.isEntry);
	if (entry?.code === undefined) throw new Error('bundling the store bench worker gave no code');
	return entry.code;
}

/** Runs one request in a fresh module worker of the page's origin; the worker ends after it. */
export async function inWorker<T>(
	page: Page,
	code: string,
	request: StoreBenchRequest
): Promise<T> {
	const answer = await page.evaluate(
		async ({ code, request }) => {
			const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
			const worker = new Worker(url, { type: 'module' });
			try {
				return await new Promise<{ ok: boolean; result?: unknown; error?: string }>(
					(resolve, reject) => {
						worker.onmessage = (event: MessageEvent) => resolve(event.data as never);
						worker.onerror = (event) => reject(new Error(event.message));
						worker.postMessage(request);
					}
				);
			} finally {
				worker.terminate();
				URL.revokeObjectURL(url);
			}
		},
		{ code, request }
	);
	if (!answer.ok) throw new Error(`store bench worker: ${answer.error ?? 'failed'}`);
	return answer.result as T;
}

declare global {
	interface Window {
		/** performance.now() when the chart first held the restored bars (set by the bench). */
		__restoredAt?: number;
		/** performance.now() when the chart first held any restored bar, and how many (the bench). */
		__firstPaint?: { at: number; bars: number };
	}
}

/** What the page logs once its chart holds every restored bar. */
const RESTORED = 'tickscope-bench: restored';

/** Loads the app `loads` times (the first a cold navigation) and times each restore. */
async function timeRestores(page: Page, url: string, bars: number, loads: number) {
	// Text, not a function: tsx would wrap a named inner function in a helper the page lacks.
	await page.addInitScript({
		content: `(() => {
			const poll = () => {
				const hook = window.__tickscope;
				const drawn = hook === undefined ? 0 : hook.drawnBars();
				if (drawn > 0 && window.__firstPaint === undefined) {
					window.__firstPaint = { at: performance.now(), bars: drawn };
				}
				if (drawn >= ${bars}) {
					window.__restoredAt = performance.now();
					console.debug('${RESTORED}');
					return;
				}
				requestAnimationFrame(poll);
			};
			requestAnimationFrame(poll);
		})();`
	});
	const times: number[] = [];
	const firstPaints: { at: number; bars: number }[] = [];
	for (let i = 0; i < loads; i++) {
		// Told by a console message, not by polling the page: Playwright's waitForFunction first
		// injects its own script into the page (15-35 ms of main thread in traces of a reload),
		// right in the interval measured.
		const restored = page.waitForEvent('console', {
			predicate: (message) => message.text() === RESTORED,
			timeout: 60_000
		});
		await (i === 0 ? page.goto(url) : page.reload());
		await restored;
		times.push(await page.evaluate(() => window.__restoredAt ?? NaN));
		firstPaints.push((await page.evaluate(() => window.__firstPaint)) ?? { at: NaN, bars: 0 });
	}
	const trades = await page.evaluate(async () => {
		const rows = (await window.__tickscope?.klines('btcusdt', '1s')) ?? [];
		return rows.reduce((n, row) => n + row[8], 0);
	});
	return { times, firstPaints, trades };
}

const median = (values: readonly number[]): number => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

const round = (value: number, digits = 0): number => Number(value.toFixed(digits));

interface Written {
	readonly stored: number;
	readonly storeBytes: number;
	readonly writeMs: number;
	readonly usageDelta: number | null;
	readonly firstMs: number;
	readonly lastMs: number;
}

interface Replayed {
	readonly restoreMs: number;
	readonly replayMs: number;
	readonly restoredTrades: number;
	readonly replayedTrades: number;
	readonly sessionTicks: number;
}

async function measure(page: Page, origin: string, deadPort: number): Promise<StoreBenchResult> {
	const code = await bundleWorker();
	const dead = `127.0.0.1:${deadPort}`;
	const config = {
		wsBase: `ws://${dead}`,
		restBase: `http://${dead}`,
		symbols: ['btcusdt'],
		retentionMinutes: 20
	};
	const request = { config, ticks: TICKS, spanMs: SPAN_MS, slice: 1000 };
	// A page of the app's origin that is not the app: its IndexedDB, no feed worker of its own.
	await page.goto(`${origin}/_app/version.json`);
	const written = await inWorker<Written>(page, code, { ...request, phase: 'write' });
	if (written.stored !== TICKS) throw new Error(`stored ${written.stored} of ${TICKS} ticks`);
	const replayed = await inWorker<Replayed>(page, code, { ...request, phase: 'replay' });
	const parts = await inWorker<RestoreProfile>(page, code, { ...request, phase: 'profile' });
	const bars = Math.floor(written.lastMs / 1000) - Math.floor(written.firstMs / 1000) + 1;
	const query = `ws=ws://${dead}&rest=http://${dead}&symbols=btcusdt&symbol=btcusdt&interval=1s&retention=20`;
	const restores = await timeRestores(page, `${origin}/?${query}`, bars, 1 + WARM_LOADS);
	if (restores.trades !== replayed.restoredTrades) {
		throw new Error(
			`the app restored ${restores.trades} trades, the worker ${replayed.restoredTrades}`
		);
	}
	return {
		idb_write_trades_per_s: round(written.stored / (written.writeMs / 1000)),
		first_paint_ms: round(median(restores.firstPaints.slice(1).map((p) => p.at))),
		first_paint_bars: median(restores.firstPaints.slice(1).map((p) => p.bars)),
		restore_ms: round(median(restores.times.slice(1))),
		replay_15min_ms:
			replayed.replayedTrades === replayed.restoredTrades ? round(replayed.replayMs) : null,
		bytes_per_tick: written.usageDelta === null ? null : round(written.usageDelta / TICKS, 1),
		bytes_per_tick_store: round(written.storeBytes / TICKS, 2),
		restore_cold_ms: round(restores.times[0] ?? NaN),
		restore_worker_ms: round(replayed.restoreMs),
		restore_read_ms: round(parts.readMs),
		restore_decode_ms: round(parts.decodeMs),
		restore_aggregate_ms: round(parts.aggregateMs),
		restore_bars_ms: round(parts.barsMs, 1),
		ticks: TICKS
	};
}

function serve(port: number, dir: string): ChildProcess {
	const args = ['scripts/serve.js', '--port', String(port), '--dir', dir, '--host', '127.0.0.1'];
	return spawn(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
}

export async function runStoreBench(): Promise<StoreBenchResult> {
	const dir = testBuild();
	const [appPort, deadPort] = [await freePort(), await freePort()];
	const server = serve(appPort, dir);
	const profile = mkdtempSync(join(tmpdir(), 'tickscope-store-bench-'));
	try {
		const origin = `http://127.0.0.1:${appPort}`;
		await waitForHttp(`${origin}/`);
		await warmCompression(origin, dir);
		// A persistent profile: an incognito one keeps IndexedDB in memory, not on disk.
		const context = await chromium.launchPersistentContext(profile, {
			executablePath: findChromium(),
			args: [...CHROMIUM_ARGS],
			headless: true
		});
		try {
			const page = context.pages()[0] ?? (await context.newPage());
			return await measure(page, origin, deadPort);
		} finally {
			await context.close();
		}
	} finally {
		server.kill();
		rmSync(profile, { recursive: true, force: true });
	}
}
