import { afterEach, describe, expect, it } from 'vitest';
import { RECORDINGS } from '../support/fixtures.ts';
import { startBinanceServer, type BinanceServer } from './server.ts';
import { Recorder, recordedTrades, sum8, until } from './spec-helpers.ts';

interface AggTradeEvent {
	e: string;
	E: number;
	s: string;
	a: number;
	p: string;
	q: string;
	f: number;
	l: number;
	T: number;
	m: boolean;
}

interface PartialDepth {
	lastUpdateId: number;
	bids: [string, string][];
	asks: [string, string][];
}

const BTC = [RECORDINGS.btc20240808];
const BTC_ETH = [RECORDINGS.btc20240808, RECORDINGS.eth20240808];
let server: BinanceServer | null = null;
const sockets: Recorder[] = [];

async function start(options: Parameters<typeof startBinanceServer>[0]): Promise<BinanceServer> {
	server = await startBinanceServer(options);
	return server;
}

async function open(path: string): Promise<Recorder> {
	const socket = await Recorder.open(`${server?.wsUrl ?? ''}${path}`);
	sockets.push(socket);
	return socket;
}

afterEach(async () => {
	for (const socket of sockets.splice(0)) socket.close();
	await server?.close();
	server = null;
});

describe('stream replay', () => {
	it('streams aggTrades derived from every recorded trade, volumes summing exactly', async () => {
		const srv = await start({ recordings: BTC, speed: 2000 });
		const client = await open('/stream?streams=btcusdt@aggTrade');
		const received = () => client.data<AggTradeEvent>('btcusdt@aggTrade');
		await until(() => {
			const { clock, framesSent } = srv.state();
			return clock.emittedMs >= clock.endMs && received().length === framesSent['btcusdt@aggTrade'];
		}, 'the whole replay');
		const aggs = received();
		const trades = recordedTrades(RECORDINGS.btc20240808, 'BTCUSDT');
		expect(aggs[0]?.f).toBe(trades[0]?.t);
		expect(aggs[aggs.length - 1]?.l).toBe(trades[trades.length - 1]?.t);
		aggs.forEach((agg, i) => {
			const previous = aggs[i - 1];
			if (previous) {
				expect(agg.a).toBe(previous.a + 1);
				expect(agg.f).toBe(previous.l + 1);
			}
			expect(agg.E).toBeGreaterThanOrEqual(agg.T);
		});
		expect(aggs.every((agg) => agg.e === 'aggTrade' && agg.s === 'BTCUSDT')).toBe(true);
		expect(sum8(aggs.map((agg) => agg.q))).toBe(sum8(trades.map((t) => t.q)));
		expect(srv.state().lastSent.BTCUSDT?.aggTradeId).toBe(aggs[aggs.length - 1]?.a);
	});

	it('sends the top 20 of the book every 100 ms of replay time', async () => {
		const srv = await start({ recordings: BTC, speed: 100 });
		const client = await open('/stream?streams=btcusdt@depth20@100ms');
		await until(() => client.messages.length >= 50, '50 depth frames');
		const frames = client.data<PartialDepth>('btcusdt@depth20@100ms');
		for (const frame of frames) {
			expect(frame.bids).toHaveLength(20);
			expect(frame.asks).toHaveLength(20);
			const bids = frame.bids.map(([p]) => Number(p));
			const asks = frame.asks.map(([p]) => Number(p));
			expect([...bids].sort((x, y) => y - x)).toEqual(bids);
			expect([...asks].sort((x, y) => x - y)).toEqual(asks);
			expect(bids[0]).toBeLessThan(asks[0] ?? 0);
		}
		const ids = frames.map((frame) => frame.lastUpdateId);
		expect([...ids].sort((x, y) => x - y)).toEqual(ids);
		expect(ids[0]).toBeGreaterThanOrEqual(50_093_239_218);
		const { replayMs, startMs } = srv.state().clock;
		expect(frames.length).toBeLessThanOrEqual(Math.floor((replayMs - startMs) / 100) + 1);
	});

	it('serves raw trades on /ws/<stream> without the combined wrapper', async () => {
		await start({ recordings: BTC, speed: 100 });
		const client = await open('/ws/btcusdt@trade');
		await until(() => client.messages.length >= 20, '20 trades');
		const trades = client.parsed().slice(0, 20);
		expect(trades[0]).toMatchObject({
			e: 'trade',
			s: 'BTCUSDT',
			t: 3_735_683_259,
			p: '61837.63000000',
			q: '0.02000000'
		});
		trades.forEach((trade, i) => expect(trade.t).toBe(3_735_683_259 + i));
	});

	it('shares one replay clock: a later client has missed what passed', async () => {
		const srv = await start({ recordings: BTC, speed: 50 });
		const first = await open('/stream?streams=btcusdt@aggTrade');
		await until(() => first.messages.length >= 30, '30 aggTrades');
		const second = await open('/stream?streams=btcusdt@aggTrade');
		await until(() => second.messages.length >= 1, 'a first aggTrade');
		const [head] = second.data<AggTradeEvent>('btcusdt@aggTrade');
		expect(head?.a).toBeGreaterThan(
			first.data<AggTradeEvent>('btcusdt@aggTrade')[29]?.a ?? Infinity
		);
		expect(srv.state().connections).toBe(2);
		srv.control({ reset: true });
		await Promise.all([first.closed, second.closed]);
		const state = srv.state();
		expect(state.clock).toMatchObject({ running: false, replayMs: state.clock.startMs });
	});

	it('replays recorded aggTrades and klines of the 2021 file as recorded', async () => {
		const srv = await start({ recordings: [RECORDINGS.btcEthDot20210404], speed: 1000 });
		const client = await open('/stream?streams=btcusdt@aggTrade/btcusdt@kline_1m');
		await until(() => srv.state().clock.emittedMs >= srv.state().clock.endMs, 'the replay end');
		await until(() => client.messages.length === 1227 + 44, 'every frame');
		const aggs = client.data<AggTradeEvent>('btcusdt@aggTrade');
		aggs.forEach((agg, i) => i > 0 && expect(agg.a).toBe((aggs[i - 1]?.a ?? 0) + 1));
		const klines = client.data<{ e: string; k: { i: string } }>('btcusdt@kline_1m');
		expect(klines.every((kline) => kline.e === 'kline' && kline.k.i === '1m')).toBe(true);
	});

	it('streams depth diffs and bookTicker, and a book from diffs alone without a snapshot', async () => {
		const srv = await start({ recordings: [RECORDINGS.btc20230405], speed: 200 });
		const client = await open(
			'/stream?streams=btcusdt@depth@100ms/btcusdt@bookTicker/btcusdt@depth5@100ms'
		);
		await until(() => client.data('btcusdt@depth5@100ms').length >= 20, '20 partial depths');
		srv.control({ fault: 'stall' });
		const diffs = client.data<{ e: string; U: number; u: number }>('btcusdt@depth@100ms');
		diffs.forEach((diff, i) => i > 0 && expect(diff.U).toBe((diffs[i - 1]?.u ?? 0) + 1));
		expect(client.data('btcusdt@bookTicker').length).toBeGreaterThan(0);
		const books = client.data<PartialDepth>('btcusdt@depth5@100ms');
		const last = books[books.length - 1];
		expect(last?.bids.length).toBeLessThanOrEqual(5);
		expect(diffs.map((diff) => diff.u)).toContain(last?.lastUpdateId);
	});

	it('refuses invalid stream names and unknown paths at the upgrade', async () => {
		await start({ recordings: BTC });
		await expect(open('/stream?streams=btcusdt@aggTrade/BTCUSDT@aggTrade')).rejects.toThrow(
			'HTTP 400'
		);
		await expect(open('/ws/btcusdt@nonsense')).rejects.toThrow('HTTP 400');
		await expect(open('/elsewhere')).rejects.toThrow('HTTP 404');
	});
});

describe('live control messages', () => {
	it('answers SUBSCRIBE, UNSUBSCRIBE and LIST_SUBSCRIPTIONS like Binance', async () => {
		await start({ recordings: BTC_ETH, speed: 20 });
		const client = await open('/stream');
		client.send({ method: 'LIST_SUBSCRIPTIONS', id: 1 });
		expect(await client.reply(1)).toEqual({ result: [], id: 1 });
		client.send({
			method: 'SUBSCRIBE',
			params: ['btcusdt@aggTrade', 'ethusdt@depth20@100ms'],
			id: 2
		});
		expect(await client.reply(2)).toEqual({ result: null, id: 2 });
		await until(
			() =>
				client.data('btcusdt@aggTrade').length > 0 &&
				client.data('ethusdt@depth20@100ms').length > 0,
			'both streams'
		);
		client.send({ method: 'UNSUBSCRIBE', params: ['btcusdt@aggTrade'], id: 3 });
		expect(await client.reply(3)).toEqual({ result: null, id: 3 });
		client.send({ method: 'LIST_SUBSCRIPTIONS', id: 4 });
		expect(await client.reply(4)).toEqual({ result: ['ethusdt@depth20@100ms'], id: 4 });
		const trades = client.data('btcusdt@aggTrade').length;
		const depth = client.data('ethusdt@depth20@100ms').length;
		await until(
			() => client.data('ethusdt@depth20@100ms').length >= depth + 5,
			'more depth frames'
		);
		expect(client.data('btcusdt@aggTrade')).toHaveLength(trades);
	});

	it('answers malformed requests with Binance error objects', async () => {
		await start({ recordings: BTC, maxIncomingPerSecond: 0 });
		const client = await open('/ws');
		const errors: unknown[] = [];
		for (const message of [
			'{"method":"SUBSCRIBE",',
			{ method: 'SUBSCRIBE', params: ['btcusdt@bogus'], id: 5 },
			{ method: 'SUBSCRIBE', params: 'btcusdt@trade', id: 6 },
			{ method: 'PUBLISH', params: [], id: 7 },
			{ method: 'LIST_SUBSCRIPTIONS', id: -1 },
			[1, 2]
		]) {
			const before = client.messages.length;
			client.send(message);
			await until(() => client.messages.length > before, 'an answer');
			errors.push(JSON.parse(client.messages[before] ?? 'null'));
		}
		expect(errors).toEqual([
			{ error: { code: 3, msg: expect.stringMatching(/^Invalid JSON/) as unknown }, id: null },
			{ error: { code: 2, msg: 'Invalid request: invalid stream' }, id: 5 },
			{ error: { code: 2, msg: 'Invalid request: invalid stream' }, id: 6 },
			{
				error: {
					code: 2,
					msg: expect.stringMatching(/^Invalid request: unknown variant `PUBLISH`/) as unknown
				},
				id: 7
			},
			{
				error: { code: 2, msg: 'Invalid request: request ID must be an unsigned integer' },
				id: null
			},
			{ error: { code: 2, msg: 'Invalid request: expected an object' }, id: null }
		]);
		client.send({ method: 'GET_PROPERTY', params: ['combined'], id: 8 });
		expect(await client.reply(8)).toEqual({ result: false, id: 8 });
	});

	it('closes a socket that sends more than 5 messages in a second', async () => {
		await start({ recordings: BTC });
		const client = await open('/ws');
		for (let id = 1; id <= 6; id += 1) client.send({ method: 'LIST_SUBSCRIPTIONS', id });
		expect(await client.closed).toEqual({ code: 1008, reason: 'Too many requests' });
		expect(client.parsed().map((reply) => reply.id)).toEqual([1, 2, 3, 4, 5]);
	});
});
