import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { systemTimers } from '../../runtime/system-timers';
import { SymbolAggregator } from '../../core/aggregator';
import { epochMs } from '../../core/time';
import type { Trade } from '../../core/trade';
import { RestoreJoin, restoreFromCache, type RestoredSymbol } from './restore';
import { TickCache } from './tick-cache';
import { tradeSeries } from '../testing/trade-series';

const T0 = 1_723_161_255_342;
const MINUTE = 60_000;

/** 40 minutes of BTCUSDT trades from T0, one every 100 ms, ids from 1. */
const SESSION = tradeSeries(T0, 24_000, 100);

const restored = (symbol: string, lastId: number | null): RestoredSymbol => ({
	symbol,
	ticks: lastId === null ? 0 : 10,
	result: { added: 10, duplicate: 0, 'out-of-order': 0, invalid: 0 },
	lastId
});

const live = (symbol: string, id: number): Trade => ({
	symbol,
	id,
	price: '1',
	qty: '1',
	time: epochMs(1_700_000_000_000),
	buyerMaker: false,
	count: 1,
	firstTradeId: id,
	lastTradeId: id
});

describe('RestoreJoin', () => {
	it('counts a gap where the first live trade is not the next id after the restored ones', () => {
		const join = new RestoreJoin();
		join.restored([restored('BTCUSDT', 100), restored('ETHUSDT', 50), restored('DOTUSDT', null)]);
		expect(join.live(live('BTCUSDT', 101))).toBe(false);
		expect(join.live(live('ETHUSDT', 60))).toBe(true);
		// Only the first live trade of a symbol meets the restored history.
		expect(join.live(live('ETHUSDT', 70))).toBe(false);
		expect(join.live(live('DOTUSDT', 9))).toBe(false);
		expect(join.gaps).toBe(1);
	});
});

describe('restoreFromCache', () => {
	it('restores the last retention minutes before the newest cached tick, after any pause', async () => {
		const indexedDB = new IDBFactory();
		const tuning = { flushMs: 1 };
		const first = new TickCache({
			indexedDB,
			now: () => T0 + 40 * MINUTE,
			timers: systemTimers,
			tuning
		});
		await first.open();
		for (const trade of SESSION) first.record(trade, 'BTCUSDT');
		await first.drain();
		first.close();

		// The user comes back a year and a half later (or with a clock that far off).
		const now = () => Date.UTC(2026, 2, 1);
		const later = new TickCache({ indexedDB, now, timers: systemTimers, tuning });
		const btc = new SymbolAggregator('BTCUSDT');
		const eth = new SymbolAggregator('ETHUSDT');
		const restored = await restoreFromCache(later, [
			{ key: 'BTCUSDT', aggregator: btc },
			{ key: 'ETHUSDT', aggregator: eth }
		]);
		later.close();

		const newest = SESSION.at(-1)?.time ?? 0;
		const window = SESSION.filter((t) => t.time >= newest - 15 * MINUTE);
		expect(window).toHaveLength(9001);
		expect(restored).toEqual([
			{
				symbol: 'BTCUSDT',
				ticks: window.length,
				result: { added: window.length, duplicate: 0, 'out-of-order': 0, invalid: 0 },
				lastId: 24_000
			},
			{
				symbol: 'ETHUSDT',
				ticks: 0,
				result: { added: 0, duplicate: 0, 'out-of-order': 0, invalid: 0 },
				lastId: null
			}
		]);
		const direct = new SymbolAggregator('BTCUSDT');
		for (const trade of window) direct.add(trade);
		expect(btc.klines('1m')).toEqual(direct.klines('1m'));
		expect(btc.klines('1s')).toEqual(direct.klines('1s'));
	});
});

describe('restoreFromCache, newest part first', () => {
	it('hands over the newest 30 s first, then older parts joined on without a seam', async () => {
		const indexedDB = new IDBFactory();
		const tuning = { flushMs: 1 };
		const writer = new TickCache({ indexedDB, now: () => T0, timers: systemTimers, tuning });
		await writer.open();
		for (const trade of SESSION) writer.record(trade, 'BTCUSDT');
		await writer.drain();
		writer.close();

		const reader = new TickCache({ indexedDB, now: () => T0, timers: systemTimers, tuning });
		const btc = new SymbolAggregator('BTCUSDT');
		const seen: { fromMs: number; more: boolean; klines: string }[] = [];
		await restoreFromCache(reader, [{ key: 'BTCUSDT', aggregator: btc }], undefined, (...args) => {
			const [symbol, restored, fromMs, more] = args;
			expect(symbol).toBe('BTCUSDT');
			// What the part holds now, as one aggregator over the same ticks in order would.
			const direct = new SymbolAggregator('BTCUSDT');
			for (const trade of SESSION) if (trade.time >= fromMs) direct.add(trade);
			for (const interval of ['1s', '1m', '5m', '1h'] as const) {
				expect(restored.klines(interval)).toEqual(direct.klines(interval));
			}
			seen.push({ fromMs, more, klines: JSON.stringify(restored.klines('1s').at(-1)) });
		});
		reader.close();

		const newest = SESSION.at(-1)?.time ?? 0;
		// 15 minutes back from the newest tick: the newest 30 s (from a whole second), the rest of
		// the minute that begins in and the minute before, then 2, 4 minutes and the rest.
		const first = Math.floor((newest - 30_000) / 1000) * 1000;
		const second = Math.floor(first / MINUTE) * MINUTE - MINUTE;
		expect(seen.map((s) => s.more)).toEqual([true, true, true, true, false]);
		expect(seen.map((s) => s.fromMs)).toEqual([
			first,
			second,
			second - 2 * MINUTE,
			second - 6 * MINUTE,
			newest - 15 * MINUTE
		]);
		// The newest candle is there from the first part on.
		expect(new Set(seen.map((s) => s.klines)).size).toBe(1);
		const window = SESSION.filter((t) => t.time >= newest - 15 * MINUTE);
		const direct = new SymbolAggregator('BTCUSDT');
		for (const trade of window) direct.add(trade);
		expect(btc.klines('1s')).toEqual(direct.klines('1s'));
		expect(btc.klines('15m')).toEqual(direct.klines('15m'));
		expect(btc.firstTrade).toEqual(direct.firstTrade);
	});
});
