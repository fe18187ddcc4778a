import type { KlineRow } from '../../src/lib/core/kline';
import type { FeedStatus } from '../../src/lib/protocol/feed-api';
import type { RenderReport } from '../../src/lib/client/render/render-stats';
import type { CdpPage } from './cdp';

/**
 * The page side of the end-to-end bench: the app's test and bench seam (`window.__tickscope`,
 * src/lib/client/debug-hook.ts) and a probe of the bench's own that records animation frame
 * times and counts long tasks, installed after the warm-up.
 */

const SEAM = 'globalThis.__tickscope';

export async function renderStats(page: CdpPage): Promise<RenderReport> {
	const report = await page.evaluate<RenderReport | null>(`${SEAM}?.renderStats() ?? null`);
	if (report === null) throw new Error('the page has no window.__tickscope');
	return report;
}

/** Trades the worker aggregated for `symbol` (sum of kline trade counts), and its feed status. */
export async function workerCounts(
	page: CdpPage,
	symbol: string
): Promise<{ trades: number; status: FeedStatus }> {
	const result = await page.evaluate<{ rows: KlineRow[]; status: FeedStatus } | null>(
		`${SEAM} === undefined ? null : ${SEAM}.klines(${JSON.stringify(symbol)}, '1d')` +
			`.then((rows) => ({ rows, status: ${SEAM}.status }))`
	);
	if (result === null) throw new Error('the page has no window.__tickscope');
	return { trades: result.rows.reduce((sum, row) => sum + row[8], 0), status: result.status };
}

/** The probe's source: everything goes into the page as text, over the DevTools protocol. */
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
export async function startProbe(page: CdpPage): Promise<void> {
	await page.evaluate(PROBE);
}

/** Stops the probe; its frame times (ms, page clock) and long task count. */
export async function stopProbe(page: CdpPage): Promise<{ frames: number[]; longTasks: number }> {
	const result = await page.evaluate<{ frames: number[]; longTasks: number } | null>(
		`(() => {
			const probe = globalThis.__benchProbe;
			if (probe === undefined) return null;
			probe.stop();
			return { frames: probe.frames, longTasks: probe.longTasks };
		})()`
	);
	if (result === null) throw new Error('the bench probe was not started');
	return result;
}
