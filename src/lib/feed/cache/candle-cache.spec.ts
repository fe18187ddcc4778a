import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { KlineRow } from '../../core/kline';
import { openTickDb } from '../../storage/tick-db';
import { CandleCache, type WriterTab } from './candle-cache';
import type { CacheMode } from './tick-cache';
import { onePriceKline } from '../../core/testing/test-market';

const T0 = 1_723_161_240_000;
const row = (minute: number): KlineRow =>
	onePriceKline(T0 + minute * 60_000, 60_000, {
		price: '61000.00000000',
		volume: '1.00000000',
		quote: '61000.00000000',
		count: 1
	});
const ROWS = [row(0), row(1), row(2)];

/** The tick cache as the candle cache sees it: opened, in `mode`. */
const tab = (mode: CacheMode): WriterTab => ({ open: () => Promise.resolve(), mode });

function cache(indexedDB: IDBFactory | null, mode: CacheMode) {
	const logged: string[] = [];
	const log = (message: string) => void logged.push(message);
	return { candles: new CandleCache({ indexedDB, ticks: tab(mode), log }), logged };
}

describe('CandleCache', () => {
	it("writes in the tick cache's writer tab; a reader tab reads what it wrote and writes nothing", async () => {
		const factory = new IDBFactory();
		const writer = cache(factory, 'indexeddb').candles;
		const reader = cache(factory, 'reader').candles;
		await writer.save('BTCUSDT', '1m', ROWS);
		expect(await reader.load('BTCUSDT', '1m')).toEqual(ROWS);
		await reader.save('BTCUSDT', '1m', ROWS.slice(0, 1));
		await reader.of('BTCUSDT').save('1m', []);
		expect(await writer.of('BTCUSDT').load('1m')).toEqual(ROWS);
		expect(await writer.load('ETHUSDT', '1m')).toEqual([]);
		writer.close();
		reader.close();
	});

	it('keeps candles in memory without IndexedDB, for the life of the worker', async () => {
		const { candles } = cache(null, 'memory');
		await candles.save('BTCUSDT', '5m', ROWS);
		expect(await candles.load('BTCUSDT', '5m')).toEqual(ROWS);
		const other = cache(null, 'memory').candles;
		expect(await other.load('BTCUSDT', '5m')).toEqual([]);
	});

	it('goes on in memory once the database is lost, and logs rather than throws after close', async () => {
		const factory = new IDBFactory();
		const { candles, logged } = cache(factory, 'indexeddb');
		await candles.save('BTCUSDT', '1m', ROWS);
		const newer = await openTickDb(factory, 'tickscope', { blocking() {}, terminated() {} }, 99);
		newer.close();
		expect(await candles.load('BTCUSDT', '1m')).toEqual([]);
		await candles.save('BTCUSDT', '1m', ROWS.slice(1));
		expect(await candles.load('BTCUSDT', '1m')).toEqual(ROWS.slice(1));
		candles.close();
		expect(await candles.load('BTCUSDT', '1m')).toEqual([]);
		expect(logged).toEqual(['Candle cache: could not read stored candles']);
	});
});
