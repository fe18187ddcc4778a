import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeSocketClass } from '../binance/testing/connection-fakes';
import { systemTimers } from '../runtime/system-timers';
import type { FeedBatch } from '../protocol/feed-api';
import { FeedService } from './feed-service';

const T0 = 1_700_000_000_000;

const aggTrade = (symbol: string, a: number, q: string, m: boolean) =>
	JSON.stringify({
		stream: `${symbol}@aggTrade`,
		data: {
			e: 'aggTrade',
			E: T0,
			s: symbol.toUpperCase(),
			a,
			p: '10.5',
			q,
			f: a,
			l: a,
			T: T0 - 10,
			m,
			M: true
		}
	});

const depth = (symbol: string, id: number) =>
	JSON.stringify({
		stream: `${symbol}@depth20@100ms`,
		data: { lastUpdateId: id, bids: [['10.4', '3']], asks: [['10.6', '1']] }
	});

const ticker = (symbol: string) =>
	JSON.stringify({
		stream: `${symbol}@miniTicker`,
		data: {
			e: '24hrMiniTicker',
			E: T0,
			s: symbol.toUpperCase(),
			c: '10.5',
			o: '10',
			h: '11',
			l: '9',
			v: '100',
			q: '1050'
		}
	});

function setup() {
	const batches: FeedBatch[] = [];
	const { Socket, sockets, last } = fakeSocketClass();
	const service = new FeedService({
		Socket,
		fetch: () => Promise.resolve(Response.json({ serverTime: T0 })),
		now: () => Date.now(),
		timers: systemTimers,
		online: { isOnline: () => true, subscribe: () => () => {} },
		post: (_, batch) => void batches.push(batch)
	});
	const config = { wsBase: 'wss://one.test', restBase: 'https://rest.test', symbols: ['btcusdt'] };
	return { service, batches, sockets, socket: last, config, listener: { batch: () => {} } };
}

const market = (batches: FeedBatch[]) => batches.flatMap((b) => (b.market ? [b.market] : []));

beforeEach(() => {
	vi.useFakeTimers();
	vi.setSystemTime(T0);
});
afterEach(() => void vi.useRealTimers());

describe('FeedService market news', () => {
	it('posts the focused book with its receive time, the tape newest first and the 24 h tickers', async () => {
		const t = setup();
		await t.service.focus('btcusdt');
		await t.service.start(t.config, t.listener);
		await vi.advanceTimersByTimeAsync(0);
		t.socket().open();
		t.socket().receive(depth('btcusdt', 7));
		t.socket().receive(aggTrade('btcusdt', 1, '2', false));
		t.socket().receive(aggTrade('btcusdt', 2, '5', true));
		t.socket().receive(ticker('btcusdt'));
		// Tape news goes out at most every 30 ms: the trades held back follow without more news.
		vi.advanceTimersByTime(50);
		const news = market(t.batches);
		expect(news.find((m) => m.depth)?.depth).toEqual({
			symbol: 'btcusdt',
			lastUpdateId: 7,
			bids: [['10.4', '3']],
			asks: [['10.6', '1']],
			receivedAt: T0
		});
		const tape = news.flatMap((m) => m.tape?.trades ?? []);
		expect(tape.map((trade) => [trade.id, trade.side])).toEqual([
			[2, 'sell'],
			[1, 'buy']
		]);
		expect(news.find((m) => m.tickers)?.tickers?.[0]).toMatchObject({
			symbol: 'BTCUSDT',
			open: '10'
		});
		await t.service.stop();
	});

	it('adds a symbol with a SUBSCRIBE on the open socket, no new connection', async () => {
		const t = setup();
		await t.service.start(t.config, t.listener);
		await vi.advanceTimersByTimeAsync(0);
		t.socket().open();
		t.socket().receive(depth('btcusdt', 1));
		await t.service.setSymbols(['btcusdt', 'ethusdt']);
		expect(t.sockets).toHaveLength(1);
		expect(t.socket().sent).toEqual([
			'{"method":"SUBSCRIBE","params":["ethusdt@aggTrade","ethusdt@depth20@100ms","ethusdt@miniTicker"],"id":1}'
		]);
		t.socket().receive(ticker('ethusdt'));
		vi.advanceTimersByTime(20);
		expect(market(t.batches).some((m) => m.tickers?.some((x) => x.symbol === 'ETHUSDT'))).toBe(
			true
		);
		await t.service.setSymbols(['ethusdt']);
		vi.advanceTimersByTime(250);
		expect(t.socket().sent.at(-1)).toBe(
			'{"method":"UNSUBSCRIBE","params":["btcusdt@aggTrade","btcusdt@depth20@100ms","btcusdt@miniTicker"],"id":2}'
		);
		// A frame already on its way for the dropped symbol is not an error.
		t.socket().receive(aggTrade('btcusdt', 9, '1', false));
		vi.advanceTimersByTime(1000);
		expect(t.batches.at(-1)?.status.rejected).toEqual({});
		expect(t.sockets).toHaveLength(1);
		await t.service.stop();
	});
});
