import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { useOfflineTabs } from '../../../tests/support/feed-tabs';
import { RECORDINGS } from '../../../tests/support/fixtures';
import { recordedFrames, tradesOf } from '../../../tests/support/recordings';
import { runCandlesCli } from '../../../scripts/lib/candles-cli';
import { detectCsvLayout, isCsvError, parseCsvLine } from '../binance/public-data';
import { parseFrame } from '../binance/wire';
import { SymbolAggregator } from '../core/aggregator';
import { FIXED_INTERVALS } from '../core/interval';
import type { FeedConfig } from '../protocol/feed-api';
import { FeedService, type FeedDeps } from './feed-service';
import { FakeLocks } from './testing/lock-fakes';
import { NO_INDEXEDDB_NOTICE } from './cache/cache-notices';
import { cacheKey, cacheNamespace } from './cache/cache-keys';
import { TickCache } from './cache/tick-cache';
import { systemTimers } from '../runtime/system-timers';

const SYMBOLS = ['btcusdt', 'ethusdt', 'dotusdt'];
/** aggTrades, kline_1m and depth frames of three symbols, 91 s; aggTrade ids are contiguous. */
const FRAMES = recordedFrames(RECORDINGS.btcEthDot20210404);
const TRADES = tradesOf(FRAMES);
const NOW = (TRADES.at(-1)?.time ?? 0) + 5_000;
const ALL_TIME = [0, Number.MAX_SAFE_INTEGER] as const;
const CONFIG: FeedConfig = {
	wsBase: 'wss://stream.binance.com:9443',
	restBase: 'https://x.test',
	symbols: SYMBOLS
};

const idsOf = (symbol: string): number[] =>
	TRADES.filter((t) => t.symbol === symbol).map((t) => t.id);

/** What aggregating frames directly gives, per upper-case symbol. */
function direct(frames: readonly string[]): Map<string, SymbolAggregator> {
	const aggregators = new Map(
		SYMBOLS.map((s) => [s.toUpperCase(), new SymbolAggregator(s.toUpperCase())])
	);
	for (const frame of frames) {
		const event = parseFrame(frame);
		if (event.kind === 'trade') aggregators.get(event.trade.symbol)?.add(event.trade);
	}
	return aggregators;
}

const offlineTab = useOfflineTabs(NOW);

/** A feed worker of one tab: its own socket, the origin's IndexedDB and locks. */
function tab(extra: Partial<FeedDeps>) {
	const { service, batches, last, status } = offlineTab(extra);
	const listener = { batch: () => {} };
	const start = () => service.start(CONFIG, listener);
	const receive = (frames: readonly string[]) => frames.forEach((frame) => last().receive(frame));
	return { service, batches, start, receive, status };
}

/** Waits until the cache holds `counts` ticks per symbol. */
async function cached(service: FeedService, counts: readonly number[]): Promise<void> {
	const deadline = Date.now() + 10_000;
	for (;;) {
		const stats = await service.cacheStats();
		const ticks = SYMBOLS.map((s) => stats.symbols.find((x) => x.symbol === s)?.ticks ?? 0);
		if (ticks.every((n, i) => n === counts[i])) return;
		if (Date.now() > deadline) throw new Error(`cache holds ${ticks.join('/')} ticks`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

const counts = (frames: readonly string[]): number[] =>
	SYMBOLS.map((s) => frames.filter((f) => f.startsWith(`{"stream":"${s}@aggTrade"`)).length);

/** Exported ids of a symbol, from the aggTrades CSV. */
async function exportedIds(service: FeedService, symbol: string): Promise<number[]> {
	const csv = await service.exportTicks(`cache:${symbol}`, ...ALL_TIME);
	return csv
		.trimEnd()
		.split('\n')
		.map((line) => Number(line.split(',')[0]));
}

describe('tick cache in the feed worker', () => {
	it('restores the cached ticks into the same candles as the live ingest, resetting watched views', async () => {
		const indexedDB = new IDBFactory();
		const live = tab({ indexedDB, locks: new FakeLocks() });
		await live.start();
		live.receive(FRAMES);
		await cached(live.service, counts(FRAMES));
		expect(live.status()?.cache).toEqual({ mode: 'indexeddb', retentionMinutes: 15, notice: '' });

		// A reload five years later by the local clock: a new worker (the old one is gone, so it
		// writes), the same database; the last cached minutes are restored all the same.
		const reload = tab({
			indexedDB,
			locks: new FakeLocks(),
			now: () => NOW + 5 * 365 * 86_400_000
		});
		await reload.start();
		await reload.service.watch('main', 'btcusdt', '1m');
		// The restore hands the aggregators the whole window at its end.
		await expect
			.poll(async () => (await reload.service.klines('btcusdt', '1m')).length)
			.toBe((await live.service.klines('btcusdt', '1m')).length);
		for (const symbol of SYMBOLS) {
			for (const interval of FIXED_INTERVALS) {
				expect(await reload.service.klines(symbol, interval)).toEqual(
					await live.service.klines(symbol, interval)
				);
			}
		}
		// The view's first update is already history, the newest part of it: never an empty reset.
		// Older parts follow as fresh resets; the last one holds the whole window.
		const mainUpdates = () =>
			reload.batches.flatMap((b) => b.views).filter((v) => v.viewId === 'main');
		const whole = Array.from(direct(FRAMES).get('BTCUSDT')?.bars('1m').time ?? []);
		await expect.poll(() => mainUpdates().at(-1)?.bars.time.length).toBe(whole.length);
		const resets = mainUpdates();
		expect(resets.every((v) => v.reset && v.bars.time.length > 0)).toBe(true);
		expect(Array.from(resets.at(-1)?.bars.time ?? [])).toEqual(whole);
		const first = Array.from(resets[0]?.bars.time ?? []);
		expect(first).toEqual(whole.slice(whole.length - first.length));
		expect(reload.status()?.cache?.mode).toBe('indexeddb');
	});

	it('continues live after the restore with no trade missing or doubled at the join', async () => {
		const indexedDB = new IDBFactory();
		const cut = Math.floor(FRAMES.length * 0.6);
		const before = tab({ indexedDB, locks: new FakeLocks() });
		await before.start();
		before.receive(FRAMES.slice(0, cut));
		await cached(before.service, counts(FRAMES.slice(0, cut)));

		const after = tab({ indexedDB, locks: new FakeLocks() });
		await after.start();
		// The new socket resends 40 frames the cache holds; the first live ones arrive mid-restore.
		const resent = FRAMES.slice(cut - 40, cut);
		const middle = Math.floor((FRAMES.length + cut) / 2);
		after.receive([...resent, ...FRAMES.slice(cut, middle)]);
		await expect.poll(() => after.status()?.cache?.mode).toBe('indexeddb');
		after.receive(FRAMES.slice(middle));
		await cached(after.service, counts(FRAMES));

		const expected = direct(FRAMES);
		for (const symbol of SYMBOLS) {
			for (const interval of FIXED_INTERVALS) {
				expect(await after.service.klines(symbol, interval)).toEqual(
					expected.get(symbol.toUpperCase())?.klines(interval)
				);
			}
			const ids = await exportedIds(after.service, symbol);
			expect(ids).toEqual(idsOf(symbol.toUpperCase()));
			expect(ids.every((id, i) => i === 0 || id === (ids[i - 1] ?? 0) + 1)).toBe(true);
		}
		await expect
			.poll(() => after.status()?.duplicates)
			.toBe(counts(resent).reduce((a, b) => a + b));
	});

	it('lets a second tab read and restore without writing; memory mode says so', async () => {
		const indexedDB = new IDBFactory();
		const locks = new FakeLocks();
		const cut = Math.floor(FRAMES.length / 2);
		const writer = tab({ indexedDB, locks });
		await writer.start();
		writer.receive(FRAMES.slice(0, cut));
		await cached(writer.service, counts(FRAMES.slice(0, cut)));

		const reader = tab({ indexedDB, locks });
		await reader.start();
		await expect.poll(() => reader.status()?.cache?.mode).toBe('reader');
		const early = direct(FRAMES.slice(0, cut));
		expect(await reader.service.klines('ethusdt', '1s')).toEqual(
			early.get('ETHUSDT')?.klines('1s')
		);
		expect((await reader.service.cacheStats()).mode).toBe('reader');
		// New trades reach only the reader's socket: its candles move on, the cache does not.
		const writes = vi.spyOn(IDBDatabase.prototype, 'transaction');
		reader.receive(FRAMES.slice(cut));
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(writes.mock.calls.filter(([, mode]) => mode === 'readwrite')).toEqual([]);
		expect(await reader.service.klines('ethusdt', '1s')).toEqual(
			direct(FRAMES).get('ETHUSDT')?.klines('1s')
		);
		await cached(reader.service, counts(FRAMES.slice(0, cut)));
		writes.mockRestore();

		const memory = tab({});
		await memory.start();
		await expect
			.poll(() => memory.status()?.cache)
			.toEqual({ mode: 'memory', retentionMinutes: 15, notice: NO_INDEXEDDB_NOTICE });
	});

	it('exports cached ticks as a Binance aggTrades CSV the CLI turns into the app candles', async () => {
		const storage = {
			estimate: () => Promise.resolve({ usage: 123_456, quota: 9_000_000 }),
			persisted: () => Promise.resolve(false)
		};
		const feed = tab({ indexedDB: new IDBFactory(), storage });
		await feed.start();
		feed.receive(FRAMES);
		await cached(feed.service, counts(FRAMES));

		const csv = await feed.service.exportTicks('cache:btcusdt', ...ALL_TIME);
		const lines = csv.trimEnd().split('\n');
		// Line for line what Binance's own file would say for these trades.
		const wire = FRAMES.filter((f) => f.startsWith('{"stream":"btcusdt@aggTrade"')).map((f) => {
			const d = (JSON.parse(f) as { data: Record<string, unknown> }).data;
			return [d.a, d.p, d.q, d.f, d.l, d.T, d.m ? 'True' : 'False', 'True'].join(',');
		});
		expect(lines).toEqual(wire);
		expect(detectCsvLayout(lines[0] ?? '')).toEqual({ format: 'aggTrades', header: false });
		const parsed = new SymbolAggregator('BTCUSDT');
		for (const line of lines) {
			const trade = parseCsvLine(line, 'aggTrades', 'BTCUSDT');
			if (isCsvError(trade)) throw new Error(trade.error);
			parsed.add(trade);
		}
		for (const interval of FIXED_INTERVALS) {
			expect(parsed.klines(interval)).toEqual(await feed.service.klines('btcusdt', interval));
		}

		const file = join(mkdtempSync(join(tmpdir(), 'tickscope-')), 'export.csv');
		writeFileSync(file, csv);
		let stdout = '';
		const out = new Writable({
			write: (chunk: Buffer, _, done) => void ((stdout += chunk.toString()), done())
		});
		const args = ['--input', file, '--interval', '1m', '--symbol', 'btcusdt'];
		expect(
			await runCandlesCli(args, {
				stdout: out,
				stderr: new Writable({ write: (_c, _e, done) => done() })
			})
		).toBe(0);
		expect(stdout).toBe(await feed.service.exportKlines('btcusdt', '1m'));
		expect(stdout.split('\n')).toHaveLength(3);

		const first = TRADES.find((t) => t.symbol === 'BTCUSDT');
		const stats = await feed.service.cacheStats();
		expect(stats).toMatchObject({
			mode: 'indexeddb',
			retentionMinutes: 15,
			usageBytes: 123_456,
			quotaBytes: 9_000_000,
			persisted: false
		});
		expect(stats.symbols.map((s) => s.symbol)).toEqual(['btcusdt', 'dotusdt', 'ethusdt']);
		expect(stats.symbols[0]).toMatchObject({
			ticks: 1227,
			fromMs: first?.time,
			toMs: TRADES.findLast((t) => t.symbol === 'BTCUSDT')?.time
		});
		expect(stats.symbols[0]?.bytes).toBeGreaterThan(1227);
		expect(stats.symbols[0]?.bytes).toBeLessThan(1227 * 16);
		await expect(feed.service.exportTicks('bogus:1', ...ALL_TIME)).rejects.toThrow(
			/no such replay session/
		);
	});

	it('opens the cache ahead of start without pruning what a longer configured retention keeps', async () => {
		const indexedDB = new IDBFactory();
		// 40 minutes of BTCUSDT, a trade every second, cached under the run's key.
		const key = cacheKey(cacheNamespace(CONFIG.wsBase), 'btcusdt');
		const end = TRADES.at(-1)?.time ?? 0;
		const writer = new TickCache({ indexedDB, now: () => NOW, timers: systemTimers });
		writer.setRetention(60);
		await writer.open();
		for (let i = 0; i < 2400; i++) {
			const time = end - (2399 - i) * 1000;
			const trade = {
				...TRADES[0],
				symbol: key,
				id: 1 + i,
				time,
				firstTradeId: 1 + i,
				lastTradeId: 1 + i
			};
			writer.record(trade as (typeof TRADES)[number], key);
		}
		await writer.drain();
		writer.close();

		const reload = tab({ indexedDB, locks: new FakeLocks() });
		// The worker opens the cache before the page says the user keeps an hour of ticks.
		reload.service.warmUp();
		// Opened (and pruned) before the start below: cacheStats waits for the open.
		expect((await reload.service.cacheStats()).mode).toBe('indexeddb');
		await reload.service.start({ ...CONFIG, retentionMinutes: 60 }, { batch: () => {} });
		await reload.service.watch('main', 'btcusdt', '1m');
		const minutes = Math.floor(end / 60_000) - Math.floor((end - 2_399_000) / 60_000) + 1;
		await expect
			.poll(async () => (await reload.service.klines('btcusdt', '1m')).length)
			.toBe(minutes);
		expect(
			(await reload.service.cacheStats()).symbols.find((s) => s.symbol === 'btcusdt')?.ticks
		).toBe(2400);
	});
});
