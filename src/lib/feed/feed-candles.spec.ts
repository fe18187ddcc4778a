import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { useOfflineTabs } from '../../../tests/support/feed-tabs';
import { RECORDINGS } from '../../../tests/support/fixtures';
import { recordedFrames, tradesOf } from '../../../tests/support/recordings';
import { SymbolAggregator } from '../core/aggregator';
import type { KlineRow } from '../core/kline';
import { openCandleStore } from '../storage/idb-candle-store';
import type { FeedConfig } from '../protocol/feed-api';
import { FakeLocks } from './testing/lock-fakes';
import type { FetchLike } from '../binance/rest';
import { onePriceKline } from '../core/testing/test-market';

const FRAMES = recordedFrames(RECORDINGS.btcEthDot20210404);
const TRADES = tradesOf(FRAMES).filter((trade) => trade.symbol === 'BTCUSDT');
const NOW = (TRADES.at(-1)?.time ?? 0) + 5_000;
const MINUTE = 60_000;
const FIRST_MINUTE = Math.floor((TRADES[0]?.time ?? 0) / MINUTE) * MINUTE;
const CONFIG: FeedConfig = {
	wsBase: 'wss://stream.binance.com:9443',
	restBase: 'https://x.test',
	symbols: ['btcusdt']
};

/** The exchange's five closed 1m candles before the recording's first minute. */
const HISTORY: KlineRow[] = [5, 4, 3, 2, 1].map((back) =>
	onePriceKline(FIRST_MINUTE - back * MINUTE, MINUTE, {
		price: `${58000 + back}.00000000`,
		volume: '2.00000000',
		quote: '116000.00000000',
		count: 4
	})
);

/** REST that answers 1m klines from HISTORY (by startTime and endTime) and nothing else. */
const klinesOnly: FetchLike = (input) => {
	const url = new URL(String(input));
	if (url.pathname !== '/api/v3/klines' || url.searchParams.get('interval') !== '1m') {
		return Promise.reject(new TypeError('offline'));
	}
	const from = Number(url.searchParams.get('startTime') ?? -Infinity);
	const to = Number(url.searchParams.get('endTime') ?? Infinity);
	const rows = HISTORY.filter(([time]) => time >= from && time <= to);
	return Promise.resolve(new Response(JSON.stringify(rows), { status: 200 }));
};

const tab = useOfflineTabs(NOW);

describe('exchange candles kept with the cache', () => {
	it('a reload offline draws the stored candles, then the restored ticks, without a seam', async () => {
		const live = new SymbolAggregator('BTCUSDT');
		for (const trade of TRADES) live.add(trade);
		const indexedDB = new IDBFactory();
		const online = tab({ indexedDB, locks: new FakeLocks(), fetch: klinesOnly });
		await online.service.start(CONFIG, { batch: () => {} });
		for (const frame of FRAMES) online.last().receive(frame);
		// Watched once the trades are in: history is then asked for before their first minute.
		await expect
			.poll(async () => (await online.service.klines('btcusdt', '1m')).length)
			.toBe(live.klines('1m').length);
		await online.service.watch('main', 'btcusdt', '1m');
		const stored = await openCandleStore({ factory: indexedDB });
		await expect.poll(() => stored.load('BTCUSDT', '1m'), { timeout: 5000 }).toEqual(HISTORY);
		stored.close();
		await expect
			.poll(async () => (await online.service.cacheStats()).symbols[0]?.ticks)
			.toBe(TRADES.length);
		await online.service.stop();

		// Reloaded with no network: only the cache has anything to show.
		const offline = tab({ indexedDB, locks: new FakeLocks() });
		await offline.service.start(CONFIG, { batch: () => {} });
		await offline.service.watch('main', 'btcusdt', '1m');
		await expect
			.poll(() => offline.service.klines('btcusdt', '1m'), { timeout: 5000 })
			.toEqual([...HISTORY, ...live.klines('1m')]);
		expect(offline.status()?.history).toMatch(/History of BTCUSDT unavailable/);
	});
});
