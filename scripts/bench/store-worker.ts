/**
 * The browser side of `npm run bench -- store`: bundled by scripts/bench/store.ts and run as a
 * module worker of the app's origin, so it writes the same IndexedDB the app restores from. It
 * drives the real tick cache (TickCache over the IndexedDB store) and the real feed service, with
 * the worker's own IndexedDB, Web Locks and storage estimate. One message in, one answer out.
 */
import { alwaysOnline } from '../../src/lib/binance/connection-runtime';
import { systemTimers } from '../../src/lib/runtime/system-timers';
import { cacheKey, cacheNamespace } from '../../src/lib/feed/cache/cache-keys';
import { FeedService } from '../../src/lib/feed/feed-service';
import { TickCache } from '../../src/lib/feed/cache/tick-cache';
import type { Trade } from '../../src/lib/core/trade';
import type { FeedBatch, FeedConfig } from '../../src/lib/protocol/feed-api';
import { profileRestore } from './store-profile';
import { syntheticTrades } from './store-trades';

export interface StoreBenchRequest {
	readonly phase: 'write' | 'replay' | 'profile';
	readonly config: FeedConfig;
	readonly ticks: number;
	readonly spanMs: number;
	/** Trades handed to the cache between two turns of the event loop, as ingest would. */
	readonly slice: number;
	/** Time of the newest generated trade (epoch ms); default now. */
	readonly endMs?: number;
}

const now = (): number => performance.timeOrigin + performance.now();

/** A macrotask turn without setTimeout's 4 ms clamp, so IndexedDB events get their turn. */
function turn(): Promise<void> {
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => {
			channel.port1.close();
			resolve();
		};
		channel.port2.postMessage(null);
	});
}

/** Usage once Chromium's figure has settled (it is updated a little after commits). */
async function settledUsage(): Promise<number | null> {
	let last: number | null = null;
	for (let i = 0; i < 12; i++) {
		const usage = (await navigator.storage.estimate()).usage ?? null;
		if (usage !== null && usage === last) return usage;
		last = usage;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	return last;
}

/** The tick cache as the feed worker holds it: IndexedDB, writer lock taken. */
async function openCache(config: FeedConfig, problems: string[]): Promise<TickCache> {
	const log = (message: string, error: unknown) =>
		void problems.push(`${message}: ${String(error)}`);
	const locks = navigator.locks;
	const cache = new TickCache({ indexedDB, locks, now, timers: systemTimers, log });
	cache.setRetention(config.retentionMinutes ?? 15);
	await cache.open();
	if (cache.mode !== 'indexeddb') throw new Error(`the tick cache opened as ${cache.mode}`);
	return cache;
}

/** Hands `trades` to the cache `slice` per turn of the event loop, then waits for the last commit. */
async function feed(cache: TickCache, trades: readonly Trade[], key: string, slice: number) {
	for (let i = 0; i < trades.length; i += slice) {
		for (const trade of trades.slice(i, i + slice)) cache.record(trade, key);
		await turn();
	}
	await cache.drain();
}

/** Stores `ticks` generated trades through the tick cache as fast as it takes them. */
async function write(request: StoreBenchRequest) {
	const { config, ticks, spanMs, slice } = request;
	const key = cacheKey(cacheNamespace(config.wsBase), config.symbols[0] ?? 'btcusdt');
	const problems: string[] = [];
	const cache = await openCache(config, problems);
	const usageBefore = await settledUsage();
	const trades = syntheticTrades(key, ticks, request.endMs ?? now(), spanMs);
	const started = performance.now();
	await feed(cache, trades, key, slice);
	const writeMs = performance.now() - started;
	const stats = (await cache.symbols()).find((s) => s.symbol === key);
	cache.close();
	if (stats === undefined || stats.ticks !== ticks) {
		throw new Error(`stored ${stats?.ticks ?? 0} ticks: ${problems.join('; ')}`);
	}
	const usageAfter = await settledUsage();
	return {
		stored: stats.ticks,
		storeBytes: stats.bytes,
		writeMs,
		usageDelta: usageBefore === null || usageAfter === null ? null : usageAfter - usageBefore,
		firstMs: stats.firstTime ?? 0,
		lastMs: stats.lastTime ?? 0
	};
}

/** Resolves with the first batch `test` accepts, rejects after `ms`. */
function batchWhere(
	wait: { test: ((batch: FeedBatch) => boolean) | null },
	test: (batch: FeedBatch) => boolean,
	ms: number
): Promise<void> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('no such batch in time')), ms);
		wait.test = (batch) => {
			if (!test(batch)) return false;
			clearTimeout(timer);
			resolve();
			return true;
		};
	});
}

/** Underlying trades in the 1 s candles: the same before and after a replay of everything. */
async function underlyingTrades(service: FeedService, symbol: string): Promise<number> {
	return (await service.klines(symbol, '1s')).reduce((n, row) => n + row[8], 0);
}

/** Waits until the restore handed the aggregator its candles (at most 10 s). */
async function restoreEnded(service: FeedService, symbol: string, bars: number): Promise<void> {
	const deadline = performance.now() + 10_000;
	while ((await service.klines(symbol, '1s')).length < bars && performance.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

/** The feed service restores the cache, then replays it as fast as possible. */
async function replay(request: StoreBenchRequest) {
	const wait: { test: ((batch: FeedBatch) => boolean) | null } = { test: null };
	const listener = {
		batch: (batch: FeedBatch) => {
			if (wait.test?.(batch) === true) wait.test = null;
		}
	};
	const service = new FeedService({
		Socket: WebSocket,
		fetch: () => Promise.reject(new TypeError('no network in the store bench')),
		now,
		timers: systemTimers,
		online: alwaysOnline,
		post: (target, batch) => target.batch(batch),
		indexedDB,
		locks: navigator.locks,
		storage: navigator.storage
	});
	const symbol = request.config.symbols[0] ?? 'btcusdt';
	const bars = Math.ceil(request.spanMs / 1000);
	const restored = batchWhere(wait, (b) => b.views.some((v) => v.bars.time.length >= bars), 60_000);
	const started = performance.now();
	await service.start(request.config, listener);
	await service.watch('main', symbol, '1s');
	await restored;
	const restoreMs = performance.now() - started;
	// Every bar is drawn before the restore has read the part of the window that holds no ticks.
	await restoreEnded(service, symbol, bars);
	const restoredTrades = await underlyingTrades(service, symbol);
	const session = (await service.sessions()).find((s) => s.id === `cache:${symbol}`);
	if (session === undefined) throw new Error(`no replay session cache:${symbol}`);
	const ended = batchWhere(wait, (b) => b.status.replay?.ended === true, 120_000);
	const replayStarted = performance.now();
	const { fromMs, toMs } = session;
	await service.replay({ sessionId: session.id, fromMs, toMs, speed: 'max' });
	await ended;
	const replayMs = performance.now() - replayStarted;
	const replayedTrades = await underlyingTrades(service, symbol);
	await service.stop();
	return { restoreMs, replayMs, restoredTrades, replayedTrades, sessionTicks: session.ticks };
}

/** The restore's parts timed one by one (store-profile.ts), over the window the feed restores. */
function profile(request: StoreBenchRequest) {
	const { config } = request;
	const key = cacheKey(cacheNamespace(config.wsBase), config.symbols[0] ?? 'btcusdt');
	return profileRestore('tickscope', key, (config.retentionMinutes ?? 15) * 60_000);
}

const PHASES = { write, replay, profile } as const;

self.onmessage = (event: MessageEvent<StoreBenchRequest>) => {
	const request = event.data;
	PHASES[request.phase](request).then(
		(result) => self.postMessage({ ok: true, result }),
		(error: unknown) => self.postMessage({ ok: false, error: String(error) })
	);
};
