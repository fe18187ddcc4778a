import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { systemTimers } from '../../runtime/system-timers';
import { TICKS_KEPT } from '../../core/tick-tail';
import { TickPages } from './tick-pages';
import { TickCache } from './tick-cache';
import { tradeSeries } from '../testing/trade-series';

const T0 = 1_723_161_255_342;
const KEY = 'BTCUSDT';
/** 25,000 cached trades, one every 10 ms; prices, sizes and counts vary with the id. */
const TRADES = tradeSeries(T0, 25_000, 10, { prices: 17, sizes: 5, counts: true });

async function cached(): Promise<TickCache> {
	const indexedDB = new IDBFactory();
	const cache = new TickCache({
		indexedDB,
		now: () => T0,
		timers: systemTimers,
		tuning: { flushMs: 1 }
	});
	await cache.open();
	for (const trade of TRADES) cache.record(trade, KEY);
	await cache.drain();
	return cache;
}

describe('TickPages: the tick chart panned back into the tick cache', () => {
	it('adds a page of trades at a time, each ending right before the tail, equal to the trades', async () => {
		const cache = await cached();
		const pages = new TickPages(cache, (symbol) => (symbol === 'BTCUSDT' ? KEY : undefined));
		// The tail (the aggregator's newest trades) begins at trade 20,001.
		const tailOldest = TRADES[20_000]?.time ?? 0;
		expect(pages.columns('BTCUSDT', tailOldest).time.length).toBe(0);

		expect(await pages.older('BTCUSDT', tailOldest)).toBe(true);
		const first = pages.columns('BTCUSDT', tailOldest);
		expect(first.time.length).toBe(TICKS_KEPT);
		// Trades 10,001 to 20,000: the page ends right before the tail, no hole, no overlap.
		const expected = TRADES.slice(10_000, 20_000);
		expect(Array.from(first.time)).toEqual(expected.map((t) => t.time));
		expect(Array.from(first.close)).toEqual(expected.map((t) => Number(t.price)));
		expect(Array.from(first.volume)).toEqual(expected.map((t) => Number(t.qty)));
		expect(Array.from(first.buyVolume)).toEqual(
			expected.map((t) => (t.buyerMaker ? 0 : Number(t.qty)))
		);
		expect(Array.from(first.count)).toEqual(expected.map((t) => t.count));

		// A second page reaches the oldest cached trade; a third finds nothing more.
		expect(await pages.older('BTCUSDT', tailOldest)).toBe(true);
		const second = pages.columns('BTCUSDT', tailOldest);
		expect(Array.from(second.time)).toEqual(TRADES.slice(0, 20_000).map((t) => t.time));
		expect(await pages.older('BTCUSDT', tailOldest)).toBe(false);
		cache.close();
	});

	it('drops loaded trades the tail has since taken over', async () => {
		const cache = await cached();
		const pages = new TickPages(cache, () => KEY);
		const tailOldest = TRADES[20_000]?.time ?? 0;
		await pages.older('BTCUSDT', tailOldest);
		// The tail grew older (a restore joined in front): loaded trades from there on are its own.
		const newerTail = TRADES[15_000]?.time ?? 0;
		const held = pages.columns('BTCUSDT', newerTail);
		expect(held.time.length).toBe(5_000);
		expect(held.time.at(-1)).toBe(TRADES[14_999]?.time);
		cache.close();
	});

	it('has nothing for a symbol this run does not cache, or before the tail has a trade', async () => {
		const cache = await cached();
		const pages = new TickPages(cache, () => undefined);
		expect(await pages.older('BTCUSDT', T0 + 1000)).toBe(false);
		expect(await new TickPages(cache, () => KEY).older('BTCUSDT', null)).toBe(false);
		cache.close();
	});
});
