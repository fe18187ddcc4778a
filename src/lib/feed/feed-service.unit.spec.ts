import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeSocketClass } from '../binance/testing/connection-fakes';
import { systemTimers } from '../runtime/system-timers';
import type { FetchLike } from '../binance/rest';
import type { FeedBatch, FeedConfig } from '../protocol/feed-api';
import { FeedService, type FeedDeps } from './feed-service';

const T0 = 1_700_000_000_000;

function aggTrade(symbol: string, a: number, T: number): string {
	const data = {
		e: 'aggTrade',
		E: T + 20,
		s: symbol.toUpperCase(),
		a,
		p: '10.5',
		q: '2',
		f: a,
		l: a,
		T,
		m: true,
		M: true
	};
	return JSON.stringify({ stream: `${symbol}@aggTrade`, data });
}

const config = (symbols: string[], wsBase = 'wss://one.test'): FeedConfig => ({
	wsBase,
	restBase: 'https://rest.test',
	symbols
});

function setup(options: { post?: FeedDeps['post']; fetch?: FetchLike } = {}) {
	const batches: FeedBatch[] = [];
	const logs: string[] = [];
	const { Socket, sockets, last } = fakeSocketClass();
	const service = new FeedService({
		Socket,
		fetch: options.fetch ?? (() => Promise.resolve(Response.json({ serverTime: T0 - 100 }))),
		now: () => Date.now(),
		timers: systemTimers,
		online: { isOnline: () => true, subscribe: () => () => {} },
		post: options.post ?? ((_, batch) => void batches.push(batch)),
		log: (message) => void logs.push(message)
	});
	const listener = { batch: () => {} };
	return { service, batches, logs, listener, sockets, socket: last, last: () => batches.at(-1) };
}

beforeEach(() => {
	vi.useFakeTimers();
	vi.setSystemTime(T0);
});
afterEach(() => void vi.useRealTimers());

describe('FeedService', () => {
	it('posts a status batch at once on start, then a reset right after watch', async () => {
		const t = setup();
		await t.service.start(config(['btcusdt']), t.listener);
		expect(t.batches).toHaveLength(1);
		expect(t.last()?.status.state).toBe('connecting');
		await t.service.watch('v', 'btcusdt', '1s');
		expect(t.batches).toHaveLength(2);
		expect(t.last()?.views[0]).toMatchObject({ viewId: 'v', reset: true });
		await t.service.stop();
	});

	it('idles on a 1 s status tick; messages per second decays to 0; latency uses the server clock', async () => {
		const t = setup();
		await t.service.start(config(['btcusdt']), t.listener);
		await vi.advanceTimersByTimeAsync(0);
		for (let i = 0; i < 5; i++) t.socket().receive(aggTrade('btcusdt', i + 1, T0 - 200));
		vi.advanceTimersByTime(50);
		const busy = t.last()?.status;
		expect(busy?.messagesPerSecond).toBe(5);
		// Received at T0, event time T0 - 180, server clock 100 ms behind ours.
		expect(busy?.latencyMs).toBe(80);
		const posted = t.batches.length;
		vi.advanceTimersByTime(5000);
		t.socket().receive(
			'{"stream":"btcusdt@depth20@100ms","data":{"lastUpdateId":1,"bids":[],"asks":[]}}'
		);
		vi.advanceTimersByTime(4950);
		expect(t.batches.length - posted).toBeLessThanOrEqual(11);
		expect(t.last()?.status.messagesPerSecond).toBe(0);
		await t.service.stop();
		expect(vi.getTimerCount()).toBe(0);
	});

	it('sends when each trade arrived, per ms, and the oldest news, with the batch after them', async () => {
		const t = setup();
		await t.service.start(config(['btcusdt']), t.listener);
		await vi.advanceTimersByTimeAsync(0);
		t.socket().receive(aggTrade('btcusdt', 1, T0 - 200));
		t.socket().receive(aggTrade('btcusdt', 2, T0 - 200));
		vi.advanceTimersByTime(2);
		t.socket().receive(
			'{"stream":"btcusdt@depth20@100ms","data":{"lastUpdateId":1,"bids":[],"asks":[]}}'
		);
		t.socket().receive(aggTrade('btcusdt', 3, T0 - 100));
		vi.advanceTimersByTime(10);
		const batch = t.batches.find((b) => b.arrivals !== undefined);
		expect(batch?.oldestReceivedAt).toBe(T0);
		expect(batch?.arrivals?.startMs).toBe(T0);
		// Two trades in the first ms, the third 2 ms later; the book change is no trade.
		expect([...(batch?.arrivals?.counts ?? [])]).toEqual([2, 0, 1]);
		expect(t.batches.filter((b) => b.arrivals !== undefined)).toHaveLength(1);
		await t.service.stop();
	});

	it('keeps streaming with uncorrected latency when the server clock cannot be read', async () => {
		const t = setup({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
		await t.service.start(config(['btcusdt']), t.listener);
		await vi.advanceTimersByTimeAsync(0);
		t.socket().receive(aggTrade('btcusdt', 1, T0 - 200));
		vi.advanceTimersByTime(50);
		expect(t.last()?.status).toMatchObject({ state: 'live', latencyMs: 180 });
		expect(t.logs).toEqual(['Server clock unavailable; latency is not corrected']);
		await t.service.stop();
	});

	it('restarts cleanly: same host keeps history, another host or symbol set starts fresh', async () => {
		const t = setup();
		await t.service.start(config(['btcusdt', 'ethusdt']), t.listener);
		t.socket().receive(aggTrade('btcusdt', 1, T0));
		await t.service.start(config(['btcusdt']), t.listener);
		expect(t.sockets[0]?.closed).toBe(true);
		expect(t.socket().url).toBe(
			'wss://one.test/stream?streams=btcusdt@aggTrade/btcusdt@depth20@100ms/btcusdt@miniTicker'
		);
		expect(await t.service.klines('btcusdt', '1s')).toHaveLength(1);
		await expect(t.service.klines('ethusdt', '1s')).rejects.toThrow(
			'"ethusdt" is not one of the feed\'s symbols (btcusdt)'
		);
		await t.service.start(config(['btcusdt'], 'wss://two.test'), t.listener);
		expect(await t.service.klines('btcusdt', '1s')).toEqual([]);
		await t.service.stop();
	});

	it('refuses a bad config in plain words and keeps the running feed', async () => {
		const t = setup();
		await t.service.start(config(['btcusdt']), t.listener);
		await expect(t.service.start(config(['BTC/USDT']), t.listener)).rejects.toThrow(
			'Not Binance symbols: BTC/USDT'
		);
		await expect(t.service.start(config([]), t.listener)).rejects.toThrow(
			'Choose at least one symbol'
		);
		await expect(
			t.service.start(config(['btcusdt'], 'https://x.test'), t.listener)
		).rejects.toThrow(/not a WebSocket base/);
		expect(t.sockets).toHaveLength(1);
		expect(t.sockets[0]?.closed).toBe(false);
		await expect(t.service.watch('v', 'btcusdt', '2m' as '1m')).rejects.toThrow(
			/not a candle interval/
		);
		await t.service.stop();
		await expect(t.service.watch('v', 'btcusdt', '1m')).rejects.toThrow(/not started/);
	});

	it('opens a second socket when Binance announces a server shutdown', async () => {
		const t = setup();
		await t.service.start(config(['btcusdt']), t.listener);
		t.socket().receive(aggTrade('btcusdt', 1, T0));
		t.socket().receive('{"e":"serverShutdown","E":1700000000000}');
		expect(t.sockets).toHaveLength(2);
		t.socket().receive(aggTrade('btcusdt', 1, T0));
		expect(t.sockets[0]?.closed).toBe(true);
		vi.advanceTimersByTime(50);
		expect(t.last()?.status).toMatchObject({ state: 'live', duplicates: 1, reconnects: 1 });
		await t.service.stop();
	});

	it('a drop the market then went quiet after: the trades it took are fetched when the socket returns', async () => {
		// The exchange traded ids 1..6; the socket delivered 1..3, dropped, and came back to a market
		// with no further trade: no later id shows 4..6 missing, so only asking finds them.
		const asked: number[] = [];
		const fetch: FetchLike = (url) => {
			const params = new URL(url).searchParams;
			const fromId = Number(params.get('fromId') ?? NaN);
			if (!url.includes('/api/v3/aggTrades'))
				return Promise.resolve(Response.json({ serverTime: T0 }));
			if (Number.isNaN(fromId)) return Promise.resolve(Response.json([]));
			asked.push(fromId);
			const rows = [];
			for (let a = Math.max(1, fromId); a <= 6; a++) {
				rows.push({ a, p: '10.5', q: '2', f: a, l: a, T: T0 + a * 100, m: true, M: true });
			}
			return Promise.resolve(Response.json(rows));
		};
		const t = setup({ fetch });
		await t.service.start(config(['btcusdt']), t.listener);
		for (const a of [1, 2, 3]) t.socket().receive(aggTrade('btcusdt', a, T0 + a * 100));
		t.socket().drop();
		await vi.advanceTimersByTimeAsync(300);
		t.socket().open();
		t.socket().receive(
			'{"stream":"btcusdt@depth20@100ms","data":{"lastUpdateId":42,"bids":[["10.4","1"]],"asks":[["10.6","1"]]}}'
		);
		await vi.advanceTimersByTimeAsync(100);
		const rows = await t.service.klines('btcusdt', '1s');
		expect(rows.reduce((sum, row) => sum + row[8], 0)).toBe(6);
		expect(asked).toContain(4);
		const quality = t.last()?.status.quality?.symbols[0];
		expect(quality).toMatchObject({ gaps: 1, repaired: 3, unrecoverable: 0, duplicates: 0 });
		// Trades REST showed first and the stream sends late are expected, not duplicates.
		t.socket().receive(aggTrade('btcusdt', 6, T0 + 600));
		t.socket().receive(aggTrade('btcusdt', 7, T0 + 700));
		await vi.advanceTimersByTimeAsync(100);
		expect(t.last()?.status.quality?.symbols[0]).toMatchObject({ duplicates: 0, gaps: 1 });
		await t.service.stop();
	});

	it('never throws out of a failing post: counts it as internal and logs once', async () => {
		let calls = 0;
		const batches: FeedBatch[] = [];
		const t = setup({
			post: (_, batch) => {
				calls += 1;
				if (calls <= 2) throw new Error('port closed');
				batches.push(batch);
				return calls === 3 ? Promise.reject(new Error('listener gone')) : undefined;
			}
		});
		await t.service.start(config(['btcusdt']), t.listener);
		await t.service.watch('v', 'btcusdt', '1s');
		vi.advanceTimersByTime(1000);
		vi.advanceTimersByTime(1000);
		await vi.advanceTimersByTimeAsync(0);
		expect(batches.at(-1)?.status.rejected).toEqual({ internal: 2 });
		expect(t.logs).toEqual(['Feed: unexpected error while building a batch (logged once)']);
		await t.service.stop();
	});
});
