import { loadavg } from 'node:os';
import type { FeedStatus } from '../../src/lib/protocol/feed-api';
import type { ConnectionEvent } from '../../src/lib/protocol/data-quality';
import { CdpBrowser, type CdpPage } from './cdp';
import { startAppServer, type AppServer } from './e2e-browser';
import { startProbe, stopProbe } from './e2e-page';
import { startSyntheticServer, type SyntheticServer } from './e2e-server';
import { framesPerSecond, percentile, round } from './e2e-stats';

/**
 * `npm run bench -- repair`: the test build in Chromium against the test server streaming
 * BTCUSDT at 1,000 aggTrades/s. (1) A 5-minute gap: the server refuses reconnects while its market
 * runs 5 minutes ahead (300,000 trades), then lets the app back; the app fetches the missing ids
 * by REST. Figures: trades repaired, repair time (the worker's repair-start to repair-end), trades
 * per second, the page's frame rate during the repair, and trades lost (ids missing or doubled in
 * the tick cache, plus what the repair gave up). (2) 20 drops in 100 s, each reconnect accepted:
 * drop to live again, p50 and max. One JSON line. Figures only; nothing is asserted.
 */

const SYMBOL = 'btcusdt';
const RATE = 1000;
const GAP_S = 300;
const SEAM = 'globalThis.__tickscope';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function appUrl(app: AppServer, server: SyntheticServer): string {
	const query = new URLSearchParams({
		ws: server.wsUrl,
		rest: server.httpUrl,
		symbols: SYMBOL,
		symbol: SYMBOL,
		interval: '1s',
		// A 5-minute gap fits the tick cache with room to spare.
		retention: '30'
	});
	return `${app.url}/?${query.toString()}`;
}

const status = (page: CdpPage) => page.evaluate<FeedStatus | null>(`${SEAM}?.status ?? null`);

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number) {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`repair bench: timed out waiting for ${what}`);
		await sleep(100);
	}
}

const live = (page: CdpPage) =>
	until('the feed to be live', async () => (await status(page))?.state === 'live', 60_000);

/** Ids in the tick cache that are missing or doubled between its first and last. */
async function cacheFaults(page: CdpPage): Promise<{ lost: number; doubled: number }> {
	const ids = await page.evaluate<number[]>(
		`${SEAM}.exportTicks('cache:${SYMBOL}', 0, Number.MAX_SAFE_INTEGER)` +
			`.then((csv) => csv.split('\\n').filter((l) => l !== '').map((l) => Number(l.split(',')[0])))`
	);
	let lost = 0;
	let doubled = 0;
	for (let i = 1; i < ids.length; i++) {
		const step = (ids[i] as number) - (ids[i - 1] as number);
		if (step > 1) lost += step - 1;
		else if (step < 1) doubled += 1;
	}
	return { lost, doubled };
}

async function cacheSettled(page: CdpPage): Promise<void> {
	let last = -1;
	await until(
		'the tick cache to settle',
		async () => {
			const ticks = await page.evaluate<number>(
				`${SEAM}.cacheStats().then((s) => s.symbols.find((x) => x.symbol === '${SYMBOL}')?.ticks ?? 0)`
			);
			const steady = ticks > 0 && ticks === last;
			last = ticks;
			if (!steady) await sleep(500);
			return steady;
		},
		60_000
	);
}

/** The market held still while the cache settles, its ids checked, then running again. */
async function heldFaults(page: CdpPage, server: SyntheticServer) {
	await server.control({ paused: true });
	await cacheSettled(page);
	const faults = await cacheFaults(page);
	await server.control({ paused: false });
	return faults;
}

/** The 5-minute gap. */
async function bigGap(page: CdpPage, server: SyntheticServer) {
	await server.control({ fault: 'drop' });
	await server.control({ fault: 'refuse' });
	// The market runs 5 minutes ahead while nobody is connected: 60x for 5 s.
	await server.control({ speed: 60 });
	await sleep((GAP_S / 60) * 1000);
	await server.control({ speed: 1 });
	await startProbe(page);
	await server.control({ fault: 'none' });
	let symbol: NonNullable<FeedStatus['quality']>['symbols'][number] | undefined;
	await until(
		'the repair to end',
		async () => {
			const quality = (await status(page))?.quality;
			symbol = quality?.symbols[0];
			return (quality?.events.some((e) => e.kind === 'repair-end') ?? false) && !symbol?.repairing;
		},
		180_000
	);
	const probe = await stopProbe(page);
	const events = (await status(page))?.quality?.events ?? [];
	const start = events.find((e) => e.kind === 'repair-start')?.at ?? NaN;
	const end = events.find((e) => e.kind === 'repair-end')?.at ?? NaN;
	const repairMs = end - start;
	const gapTrades = symbol?.repaired ?? 0;
	const faults = await heldFaults(page, server);
	return {
		gap_trades: gapTrades,
		repair_ms: Math.round(repairMs),
		trades_per_s: Math.round((gapTrades / repairMs) * 1000),
		fps_p50_during: percentile(framesPerSecond(probe.frames), 50),
		lost: faults.lost + faults.doubled + (symbol?.unrecoverable ?? 0)
	};
}

/** 20 drops in 100 s; each reconnect accepted. Drop to live, from the worker's own log. */
async function drops(page: CdpPage, server: SyntheticServer) {
	const since = await page.evaluate<number>('Date.now()');
	for (let i = 0; i < 20; i++) {
		await sleep(5000);
		await server.control({ fault: 'drop' });
	}
	await live(page);
	await sleep(2000);
	const events: readonly ConnectionEvent[] = (await status(page))?.quality?.events ?? [];
	const fresh = events.filter((event) => event.at >= since);
	const times: number[] = [];
	let dropAt: number | null = null;
	for (const event of fresh) {
		if (event.kind === 'drop' && dropAt === null) dropAt = event.at;
		if (event.kind === 'live' && dropAt !== null) {
			times.push(event.at - dropAt);
			dropAt = null;
		}
	}
	return {
		reconnect_ms_p50: round(percentile(times, 50), 0),
		reconnect_ms_max: times.length > 0 ? Math.round(Math.max(...times)) : null,
		reconnects_measured: times.length
	};
}

export async function runRepairBench(): Promise<Record<string, number | string | null>> {
	const load1 = round(loadavg()[0] ?? 0, 2);
	const app = await startAppServer();
	const browser = await CdpBrowser.launch();
	const server = await startSyntheticServer(RATE);
	const page = await browser.newPage();
	try {
		await page.goto(appUrl(app, server));
		await live(page);
		await sleep(3000);
		const gap = await bigGap(page, server);
		await live(page);
		const reconnects = await drops(page, server);
		const after = await heldFaults(page, server);
		return { ...gap, ...reconnects, lost_after_drops: after.lost + after.doubled, load1 };
	} finally {
		await page.close();
		await server.close();
		await browser.close();
		await app.close();
	}
}
