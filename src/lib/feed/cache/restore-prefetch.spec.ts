import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { systemTimers } from '../../runtime/system-timers';
import { SymbolAggregator } from '../../core/aggregator';
import type { Trade } from '../../core/trade';
import { restoreFromCache } from './restore';
import { RestorePrefetch } from './restore-prefetch';
import { newestPart } from './restore-plan';
import { TickCache } from './tick-cache';
import { tradeSeries } from '../testing/trade-series';

const T0 = 1_723_161_255_342;
const KEY = '127.0.0.1:9443/BTCUSDT';

/** 5 minutes of trades, one every 100 ms. */
const SESSION = tradeSeries(T0, 3000, 100);
const tuning = { flushMs: 1 };

async function cacheWith(trades: readonly Trade[]): Promise<IDBFactory> {
	const indexedDB = new IDBFactory();
	const writer = new TickCache({ indexedDB, now: () => T0, timers: systemTimers, tuning });
	await writer.open();
	for (const t of trades) writer.record(t, KEY);
	await writer.drain();
	writer.close();
	return indexedDB;
}

/** Restores KEY through `cache` with `prefetch`; the aggregator and what each part began with. */
async function restore(cache: TickCache, prefetch: RestorePrefetch) {
	const btc = new SymbolAggregator('BTCUSDT');
	const firsts: number[] = [];
	const lasts: number[] = [];
	const [done] = await restoreFromCache(
		cache,
		[{ key: KEY, aggregator: btc }],
		undefined,
		(_, restored) => {
			firsts.push(restored.firstTrade?.id ?? 0);
			lasts.push(restored.lastTradeId ?? 0);
		},
		prefetch
	);
	return { btc, firsts, lasts, done };
}

describe('RestorePrefetch', () => {
	it('gives the restore its newest part, read before the restore began, once', async () => {
		const cache = new TickCache({
			indexedDB: await cacheWith(SESSION),
			now: () => T0,
			timers: systemTimers,
			tuning
		});
		const prefetch = new RestorePrefetch(cache, [KEY, 'ETHUSDT']);
		const newest = SESSION.at(-1)?.time ?? 0;
		const { btc, firsts, done } = await restore(cache, prefetch);
		// The first part handed over is the newest 30 s, as the restore itself would read it.
		const firstOfPart = SESSION.find((t) => t.time >= newestPart(newest).fromMs);
		expect(firsts[0]).toBe(firstOfPart?.id);
		const direct = new SymbolAggregator('BTCUSDT');
		for (const t of SESSION) direct.add(t);
		expect(btc.klines('1s')).toEqual(direct.klines('1s'));
		expect(done?.ticks).toBe(SESSION.length);
		expect(done?.result.added).toBe(SESSION.length);
		// Taken once: a second take finds nothing.
		expect(await prefetch.take(KEY, newest, newestPart(newest))).toBeNull();
		cache.close();
	});

	it('is not used when a newer tick was cached after it was read', async () => {
		const indexedDB = await cacheWith(SESSION.slice(0, -2));
		const cache = new TickCache({ indexedDB, now: () => T0, timers: systemTimers, tuning });
		const prefetch = new RestorePrefetch(cache, [KEY]);
		// The read ahead finishes (fake-indexeddb answers in a few ms), then another writer adds
		// the last two trades (in the same second as the one before: the same first read).
		await new Promise((resolve) => setTimeout(resolve, 200));
		const writer = new TickCache({ indexedDB, now: () => T0, timers: systemTimers, tuning });
		for (const t of SESSION.slice(-2)) writer.record(t, KEY);
		await writer.drain();
		writer.close();
		const { btc, lasts, done } = await restore(cache, prefetch);
		// The newest part handed over first has them: it was read again, not taken from before.
		expect(lasts[0]).toBe(SESSION.length);
		expect(btc.lastTradeId).toBe(SESSION.length);
		expect(done?.ticks).toBe(SESSION.length);
		cache.close();
	});

	it('is nothing for a key with no ticks, or a read that failed', async () => {
		const cache = new TickCache({
			indexedDB: await cacheWith([]),
			now: () => T0,
			timers: systemTimers,
			tuning
		});
		const prefetch = new RestorePrefetch(cache, [KEY]);
		expect(await prefetch.take(KEY, T0, newestPart(T0))).toBeNull();
		expect(await prefetch.take('OTHER', T0, newestPart(T0))).toBeNull();
		cache.close();
	});
});
