import type { Page } from '@playwright/test';
import type { KlineRow } from '../../src/lib/core/kline';
import type { FeedStatus } from '../../src/lib/protocol/feed-api';
import type { RenderReport } from '../../src/lib/client/render-stats';

/**
 * The page side of the end-to-end bench: the app's test and bench seam (`window.__tickscope`,
 * src/lib/client/debug-hook.ts) and a probe of the bench's own that records animation frame
 * times and counts long tasks, installed after the warm-up.
 */

interface Seam {
	klines(symbol: string, interval: string): Promise<KlineRow[]>;
	readonly status: FeedStatus;
	renderStats(): RenderReport;
}

interface Probe {
	frames: number[];
	longTasks: number;
	stop(): void;
}

type Scope = { __tickscope?: Seam; __benchProbe?: Probe };

export async function renderStats(page: Page): Promise<RenderReport> {
	const report = await page.evaluate(() => (globalThis as Scope).__tickscope?.renderStats());
	if (report === undefined) throw new Error('the page has no window.__tickscope');
	return report;
}

/** Trades the worker aggregated for `symbol` (sum of kline trade counts), and its feed status. */
export async function workerCounts(
	page: Page,
	symbol: string
): Promise<{ trades: number; status: FeedStatus }> {
	const result = await page.evaluate(async (s) => {
		const seam = (globalThis as Scope).__tickscope;
		if (seam === undefined) return null;
		const rows = await seam.klines(s, '1d');
		return { trades: rows.reduce((sum, row) => sum + row[8], 0), status: seam.status };
	}, symbol);
	if (result === null) throw new Error('the page has no window.__tickscope');
	return result;
}

/**
 * The probe's source, as text: tsx compiles functions with a `__name` helper that does not exist
 * in the page, so code that defines functions goes in as a string.
 */
const PROBE = `(() => {
	const probe = { frames: [], longTasks: 0, stop: null };
	let running = true;
	const frame = (time) => {
		if (!running) return;
		probe.frames.push(time);
		requestAnimationFrame(frame);
	};
	requestAnimationFrame(frame);
	const observer = new PerformanceObserver((list) => {
		probe.longTasks += list.getEntries().length;
	});
	observer.observe({ type: 'longtask' });
	probe.stop = () => {
		running = false;
		observer.disconnect();
	};
	globalThis.__benchProbe = probe;
})()`;

/** Starts recording animation frame times and counting long tasks. */
export async function startProbe(page: Page): Promise<void> {
	await page.evaluate(PROBE);
}

/** Stops the probe; its frame times (ms, page clock) and long task count. */
export async function stopProbe(page: Page): Promise<{ frames: number[]; longTasks: number }> {
	const result = await page.evaluate(() => {
		const probe = (globalThis as Scope).__benchProbe;
		if (probe === undefined) return null;
		probe.stop();
		return { frames: probe.frames, longTasks: probe.longTasks };
	});
	if (result === null) throw new Error('the bench probe was not started');
	return result;
}
