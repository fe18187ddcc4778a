import type { AddressInfo } from 'node:net';
import { MessageChannel } from 'node:worker_threads';
import { expose, proxy, releaseProxy, wrap, type Endpoint } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { RECORDINGS } from '../../../tests/support/fixtures';
import { recordedFrames } from '../../../tests/support/recordings';
import WebSocket, { WebSocketServer } from 'ws';
import { systemTimers } from '../runtime/system-timers';
import type { FetchLike } from '../binance/rest';
import { parseFrame } from '../binance/wire';
import { SymbolAggregator } from '../core/aggregator';
import { FIXED_INTERVALS } from '../core/interval';
import type { FeedApi, FeedBatch, FeedListener } from '../protocol/feed-api';
import { postWithTransfer } from './live/comlink-post';
import { FeedService, type FeedDeps, type PostBatch } from './feed-service';

const SYMBOLS = ['btcusdt', 'ethusdt', 'dotusdt'];

/** The recorded frames: aggTrades, kline_1m and depth diffs of three symbols, 91 seconds. */
const recorded = recordedFrames(RECORDINGS.btcEthDot20210404);

const firstBtcTrade = recorded.find((frame) => frame.startsWith('{"stream":"btcusdt@aggTrade"'));
const GARBAGE = [
	'{"stream":"btcusdt@aggTrade","data":{"e":"aggTrade"', // cut short
	'[1,2,3]',
	'{"stream":"btcusdt@bogus","data":{"x":1}}',
	'{"stream":"ethusdt@aggTrade","data":{"e":"aggTrade","E":1617566600000,"s":"ETHUSDT","a":1,"p":"-5","q":"1","f":1,"l":1,"T":1617566600000,"m":true,"M":true}}',
	'{"stream":"xrpusdt@aggTrade","data":{"e":"aggTrade","E":1617566600000,"s":"XRPUSDT","a":1,"p":"0.5","q":"1","f":1,"l":1,"T":1617566600000,"m":true,"M":true}}',
	'{"stream":"btcusdt@depth20@100ms","data":{"lastUpdateId":42,"bids":[["58001.02000000","1.5"]],"asks":[["58001.03000000","0.1"]]}}',
	firstBtcTrade ?? ''
];

/** What feeding the same frames straight into aggregators gives. */
function direct(frames: readonly string[]) {
	const aggregators = new Map(
		SYMBOLS.map((s) => [s.toUpperCase(), new SymbolAggregator(s.toUpperCase())])
	);
	const rejected: Record<string, number> = {};
	let duplicates = 0;
	let lastEventTime = 0;
	for (const frame of frames) {
		const event = parseFrame(frame);
		if (event.kind === 'rejected') rejected[event.reason] = (rejected[event.reason] ?? 0) + 1;
		if (event.kind !== 'trade') continue;
		const aggregator = aggregators.get(event.trade.symbol);
		if (aggregator?.add(event.trade) === 'duplicate') duplicates += 1;
		if (aggregator) lastEventTime = event.eventTime;
	}
	return { aggregators, rejected, duplicates, lastEventTime };
}

let cleanups: (() => unknown)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.reverse()) await cleanup();
	cleanups = [];
});

/** A local server speaking Binance's combined stream: on connect it replays `frames`, then a binary frame. */
async function replayServer(
	frames: readonly string[]
): Promise<{ wsBase: string; paths: string[] }> {
	const server = new WebSocketServer({ port: 0 });
	cleanups.push(() => new Promise((resolve) => server.close(resolve)));
	await new Promise((resolve) => server.once('listening', resolve));
	const paths: string[] = [];
	server.on('connection', (socket, request) => {
		paths.push(request.url ?? '');
		for (const frame of frames) socket.send(frame);
		socket.send(Buffer.from([1, 2, 3]), { binary: true });
	});
	return { wsBase: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`, paths };
}

const SERVER_AHEAD_MS = 5000;
const serverClock: FetchLike = (url) =>
	Promise.resolve(
		url.endsWith('/api/v3/time')
			? Response.json({ serverTime: Date.now() + SERVER_AHEAD_MS })
			: new Response('', { status: 404 })
	);

function deps(post: PostBatch, logs: unknown[][]): FeedDeps {
	return {
		Socket: WebSocket,
		fetch: serverClock,
		now: () => Date.now(),
		timers: systemTimers,
		online: { isOnline: () => true, subscribe: () => () => {} },
		post,
		log: (...args) => void logs.push(args)
	};
}

async function waitFor(check: () => boolean, ms = 10_000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!check()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/** The bars a UI would hold after applying the batches of one view: resets replace, updates replace the tail. */
function applyView(batches: readonly FeedBatch[], viewId: string): number[][] {
	let rows: number[][] = [];
	for (const update of batches.flatMap((batch) => batch.views)) {
		if (update.viewId !== viewId) continue;
		const { time, open, high, low, close, volume, buyVolume, count } = update.bars;
		const incoming = [...time].map((t, i) =>
			[t, open[i], high[i], low[i], close[i], volume[i], buyVolume[i], count[i]].map(Number)
		);
		const from = incoming[0]?.[0] ?? Number.POSITIVE_INFINITY;
		rows = update.reset ? incoming : [...rows.filter((row) => (row[0] ?? 0) < from), ...incoming];
	}
	return rows;
}

function columnsAsRows(aggregator: SymbolAggregator): number[][] {
	const { time, open, high, low, close, volume, buyVolume, count } = aggregator.bars('1m');
	return [...time].map((t, i) =>
		[t, open[i], high[i], low[i], close[i], volume[i], buyVolume[i], count[i]].map(Number)
	);
}

describe('FeedService against a local Binance-like server', () => {
	it('replays a real recording plus garbage into the same klines as direct aggregation', async () => {
		const frames = [...recorded, ...GARBAGE];
		const expected = direct(frames);
		const { wsBase, paths } = await replayServer(frames);
		const batches: FeedBatch[] = [];
		const logs: unknown[][] = [];
		const service = new FeedService(deps((_, batch) => batches.push(batch), logs));
		cleanups.push(() => service.stop());
		const listener: FeedListener = { batch: () => {} };

		await service.start({ wsBase, restBase: 'http://127.0.0.1:9', symbols: SYMBOLS }, listener);
		await service.watch('btc-1m', 'btcusdt', '1m');
		await waitFor(() => (batches.at(-1)?.status.received ?? 0) === frames.length + 1);

		expect(paths[0]).toBe(
			'/stream?streams=btcusdt@aggTrade/btcusdt@depth20@100ms/btcusdt@miniTicker/ethusdt@aggTrade/ethusdt@depth20@100ms/ethusdt@miniTicker/dotusdt@aggTrade/dotusdt@depth20@100ms/dotusdt@miniTicker'
		);
		for (const symbol of SYMBOLS) {
			const aggregator = expected.aggregators.get(symbol.toUpperCase());
			for (const interval of FIXED_INTERVALS) {
				expect(await service.klines(symbol, interval)).toEqual(aggregator?.klines(interval));
			}
		}
		const status = batches.at(-1)?.status;
		expect(status?.state).toBe('live');
		// The recording has no repeats; the resent first BTC trade is the one duplicate.
		expect(expected.duplicates).toBe(1);
		expect(status?.duplicates).toBe(1);
		expect(status?.rejected).toEqual({
			...expected.rejected,
			'unconfigured-symbol': 1,
			'binary-frame': 1
		});
		expect(expected.rejected).toEqual({
			'malformed-json': 1,
			'not-a-frame': 1,
			'unknown-stream': 1,
			'bad-value': 1
		});
		// Latency is measured against the server clock, which runs 5 s ahead here.
		const latency = status?.latencyMs ?? 0;
		expect(
			Math.abs(latency - (Date.now() + SERVER_AHEAD_MS - expected.lastEventTime))
		).toBeLessThan(2000);

		const btc = expected.aggregators.get('BTCUSDT');
		if (!btc) throw new Error('no BTC aggregator');
		expect(btc.klines('1s').length).toBeGreaterThan(80);
		expect(applyView(batches, 'btc-1m')).toEqual(columnsAsRows(btc));
		expect(batches.at(-1)?.books).toEqual([
			{ symbol: 'btcusdt', bestBid: '58001.02000000', bestAsk: '58001.03000000', lastUpdateId: 42 }
		]);
		// Batched, never per trade: 1,910 trades arrive in far fewer posts.
		expect(batches.length).toBeLessThan(100);
		expect(batches.map((batch) => batch.seq)).toEqual(batches.map((_, i) => i + 1));
		expect(logs).toEqual([]);
	});
});

describe('FeedService through comlink over a MessageChannel', () => {
	it('streams batches to a proxied listener with transferred columns, and answers klines', async () => {
		const { wsBase } = await replayServer(recorded);
		const expected = direct(recorded);
		const detached: number[] = [];
		const post: PostBatch = (listener, batch, buffers) => {
			const posted = postWithTransfer(listener, batch, buffers);
			// Transferred, not copied: the worker's columns are empty once posted.
			for (const view of batch.views) detached.push(view.bars.time.byteLength);
			return posted;
		};
		const service = new FeedService(deps(post, []));
		const { port1, port2 } = new MessageChannel();
		expose(service, port1 as unknown as Endpoint);
		const remote = wrap<FeedApi>(port2 as unknown as Endpoint);
		cleanups.push(
			() => {
				remote[releaseProxy]();
				port1.close();
				port2.close();
			},
			() => service.stop()
		);

		const received: FeedBatch[] = [];
		await remote.start(
			{ wsBase, restBase: 'http://127.0.0.1:9', symbols: SYMBOLS },
			proxy({ batch: (batch: FeedBatch) => void received.push(batch) })
		);
		await remote.watch('eth-1s', 'ethusdt', '1s');
		await waitFor(() => received.at(-1)?.status.received === recorded.length + 1);

		const eth = expected.aggregators.get('ETHUSDT');
		expect(await remote.klines('ethusdt', '1s')).toEqual(eth?.klines('1s'));
		const views = received.flatMap((batch) => batch.views);
		expect(views.length).toBeGreaterThan(1);
		expect(views.every((view) => view.bars.time instanceof Float64Array)).toBe(true);
		expect(detached.length).toBeGreaterThan(0);
		expect(detached.every((length) => length === 0)).toBe(true);
		await expect(remote.watch('x', 'nosuch', '1s')).rejects.toThrow(
			/not one of the feed's symbols/
		);
	});
});
