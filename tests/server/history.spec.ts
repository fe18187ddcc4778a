import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RECORDINGS, RECORDINGS } from '../support/fixtures.ts';
import type { KlineRow } from './klines.ts';
import type { AggTradeRow } from './market.ts';
import { loadMarket } from './recording-loader.ts';
import { lapFor } from './scheduler.ts';
import { startBinanceServer, type BinanceServer } from './server.ts';
import { Recorder, recordedTrades, until } from './spec-helpers.ts';
import { SymbolReplay, type Outlet } from './symbol-replay.ts';
import { RecordedTape } from './tape.ts';

/** 2024-08-08 23:54:15.208, the first event of the default recordings. */
const RECORDINGS_START = 1_723_161_255_208;
const EIGHT_MINUTES = 480_000;
const BTC = [RECORDINGS.btc20240808, RECORDINGS.btc20240809];

/** Every frame of every stream, in the order sent. */
class Everything implements Outlet {
	readonly frames: string[] = [];
	wants(): boolean {
		return true;
	}
	publish(stream: string, data: string): void {
		this.frames.push(`${stream} ${data}`);
	}
}

const NOBODY: Outlet = { wants: () => false, publish: () => {} };

function btcReplay(): SymbolReplay {
	const market = loadMarket(BTC);
	const rec = market.symbols.get('BTCUSDT');
	if (!rec) throw new Error('no BTCUSDT in the recordings');
	const lap = lapFor(market);
	return new SymbolReplay(rec, new RecordedTape(rec, lap), lap, market.startMs);
}

describe('SymbolReplay.skipTo', () => {
	const lapMs = lapFor(loadMarket(BTC)).periodMs;
	it.each([
		['8 minutes into the recording', RECORDINGS_START + EIGHT_MINUTES],
		['3 laps and 2 minutes on, looping', RECORDINGS_START + 3 * lapMs + 120_000]
	])('%s: sends what walking there would have sent next, from the same book', (_name, at) => {
		const skipped = btcReplay();
		const walked = btcReplay();
		skipped.skipTo(at);
		walked.emitUntil(at, NOBODY);
		expect(skipped.book.toJson(5000)).toBe(walked.book.toJson(5000));
		expect(skipped.book.lastUpdateId).toBeGreaterThan(0);
		const [fromSkip, fromWalk] = [new Everything(), new Everything()];
		skipped.emitUntil(at + 20_000, fromSkip);
		walked.emitUntil(at + 20_000, fromWalk);
		expect(fromSkip.frames.length).toBeGreaterThan(1000);
		expect(fromSkip.frames).toEqual(fromWalk.frames);
		const trades = fromSkip.frames.filter((frame) => frame.startsWith('btcusdt@aggTrade '));
		const first = JSON.parse(trades[0]?.split(' ')[1] ?? '{}') as { E: number };
		expect(first.E).toBeGreaterThan(at);
	});
});

let server: BinanceServer | null = null;
const sockets: Recorder[] = [];

async function start(options: Parameters<typeof startBinanceServer>[0]): Promise<BinanceServer> {
	server = await startBinanceServer(options);
	return server;
}

async function get<T>(srv: BinanceServer, path: string): Promise<T> {
	const res = await fetch(`${srv.httpUrl}${path}`);
	return (await res.json()) as T;
}

afterEach(async () => {
	for (const socket of sockets.splice(0)) socket.close();
	await server?.close();
	server = null;
});

interface AggTradeEvent extends AggTradeRow {
	readonly E: number;
}

describe('a clock that starts with history', () => {
	it('shows the trades before the clock over REST and streams from the clock on', async () => {
		const srv = await start({ recordings: BTC, historyMs: EIGHT_MINUTES, speed: 20 });
		const startMs = RECORDINGS_START + EIGHT_MINUTES;
		expect(srv.state().clock).toMatchObject({ startMs, replayMs: startMs, historyMs: 480_000 });

		// Before any client: the clock stands at its start, REST shows every trade up to it.
		const rows = await get<KlineRow[]>(srv, '/api/v3/klines?symbol=BTCUSDT&interval=1m');
		const traded = recordedTrades(RECORDINGS.btc20240808, 'BTCUSDT')
			.concat(recordedTrades(RECORDINGS.btc20240809, 'BTCUSDT'))
			.filter((trade) => trade.T <= startMs);
		expect(rows.map((row) => row[0])).toEqual(
			Array.from({ length: 9 }, (_, i) => 1_723_161_240_000 + i * 60_000)
		);
		expect(rows.reduce((n, row) => n + row[8], 0)).toBe(traded.length);

		const client = await Recorder.open(`${srv.wsUrl}/ws/btcusdt@aggTrade`);
		sockets.push(client);
		await until(() => client.messages.length >= 20, '20 aggTrades');
		const [first] = client.parsed() as unknown as AggTradeEvent[];
		expect(first?.E).toBeGreaterThanOrEqual(startMs);
		// The trade before the first one streamed is history: its event came before the clock.
		const tape = loadMarket(BTC).symbols.get('BTCUSDT')?.aggTrades ?? [];
		const before = tape.filter((agg) => agg.a < (first?.a ?? 0));
		expect(before.length).toBeGreaterThan(5000);
		expect(Math.max(...before.map((agg) => agg.E))).toBeLessThan(startMs);
		const [previous] = await get<AggTradeRow[]>(
			srv,
			`/api/v3/aggTrades?symbol=BTCUSDT&fromId=${(first?.a ?? 0) - 1}&limit=1`
		);
		expect(previous?.l).toBe((first?.f ?? 0) - 1);
	});

	it('starts the book where the recording had it at the clock', async () => {
		const srv = await start({ recordings: BTC, historyMs: EIGHT_MINUTES });
		const walked = btcReplay();
		walked.emitUntil(RECORDINGS_START + EIGHT_MINUTES - 1, NOBODY);
		const depth = await get<{ lastUpdateId: number; bids: unknown[] }>(
			srv,
			'/api/v3/depth?symbol=BTCUSDT&limit=20'
		);
		expect(depth.lastUpdateId).toBe(walked.book.lastUpdateId);
		expect(JSON.stringify(depth)).toBe(walked.book.toJson(20));
	});

	it('reset takes a new history, or goes back to the option', async () => {
		const srv = await start({ recordings: BTC, historyMs: 60_000 });
		srv.control({ reset: true, historyMs: EIGHT_MINUTES });
		expect(srv.state().clock).toMatchObject({ startMs: RECORDINGS_START + EIGHT_MINUTES });
		srv.control({ reset: true });
		expect(srv.state().clock).toMatchObject({
			startMs: RECORDINGS_START + 60_000,
			historyMs: 60_000
		});
		const post = (body: unknown) =>
			fetch(`${srv.httpUrl}/__control`, { method: 'POST', body: JSON.stringify(body) });
		expect((await post({ historyMs: 1000 })).status).toBe(400);
		expect((await post({ reset: true, historyMs: -1 })).status).toBe(400);
		expect((await post({ reset: true, historyMs: 1.5 })).status).toBe(400);
		// Past the recordings' end only when looping.
		const far = await post({ reset: true, historyMs: 3_600_000 });
		expect(await far.json()).toEqual({ error: expect.stringMatching(/looping/) as string });
		expect(srv.state().clock.startMs).toBe(RECORDINGS_START + 60_000);
		expect((await post({ reset: true, historyMs: 3_600_000, loop: true })).status).toBe(200);
		expect(srv.state().clock.startMs).toBe(RECORDINGS_START + 3_600_000);
	});

	it('loops hours of history cheaply: REST has every minute of it', async () => {
		const hours = 17;
		const began = performance.now();
		const srv = await start({ recordings: BTC, loop: true, historyMs: hours * 3_600_000 });
		const rows = await get<KlineRow[]>(srv, '/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1000');
		expect(performance.now() - began).toBeLessThan(15_000);
		expect(rows).toHaveLength(1000);
		rows.forEach((row, i) => i > 0 && expect(row[0] - (rows[i - 1]?.[0] ?? 0)).toBe(60_000));
		expect(rows.at(-1)?.[0]).toBe(Math.floor(srv.state().clock.startMs / 60_000) * 60_000);
	});

	it('serves a synthetic market with a long history', async () => {
		const srv = await start({
			recordings: [RECORDINGS.btc20240808],
			synthetic: { symbol: 'BTCUSDT', rate: 2 },
			historyMs: 17 * 3_600_000
		});
		const rows = await get<KlineRow[]>(srv, '/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1000');
		expect(rows).toHaveLength(1000);
		expect(rows.slice(0, -1).every((row) => row[8] === 120)).toBe(true);
		const client = await Recorder.open(`${srv.wsUrl}/ws/btcusdt@aggTrade`);
		sockets.push(client);
		await until(() => client.messages.length >= 2, 'two aggTrades');
		const [first] = client.parsed() as unknown as AggTradeEvent[];
		expect(first?.T).toBe(srv.state().clock.startMs);
	});
});

describe('paused', () => {
	it('holds the clock where REST shows exactly the trades streamed, until released', async () => {
		const srv = await start({ recordings: DEFAULT_RECORDINGS, historyMs: EIGHT_MINUTES });
		srv.control({ speed: 20 });
		const client = await Recorder.open(
			`${srv.wsUrl}/stream?streams=btcusdt@aggTrade/ethusdt@aggTrade`
		);
		sockets.push(client);
		await until(() => client.messages.length >= 200, '200 aggTrades');
		srv.control({ paused: true });
		const held = srv.state().clock;
		expect(held.paused).toBe(true);
		// Sent before the command answered: what its state counts is final.
		expect(held.emittedMs).toBe(held.replayMs);
		await until(() => {
			const state = srv.state();
			const sent = Object.values(state.framesSent).reduce((a, b) => a + b, 0);
			return state.clock.emittedMs === held.replayMs && client.messages.length === sent;
		}, 'every frame due');
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(srv.state().clock.replayMs).toBe(held.replayMs);
		for (const symbol of ['BTCUSDT', 'ETHUSDT']) {
			const streamed = client.data<AggTradeEvent>(`${symbol.toLowerCase()}@aggTrade`);
			const [latest] = await get<AggTradeRow[]>(srv, `/api/v3/aggTrades?symbol=${symbol}&limit=1`);
			expect(latest?.a).toBe(streamed.at(-1)?.a);
			expect(srv.state().lastSent[symbol]?.aggTradeId).toBe(latest?.a);
		}
		srv.control({ paused: false });
		await until(() => srv.state().clock.replayMs > held.replayMs, 'the clock to move on');
		srv.control({ paused: true });
		srv.control({ reset: true });
		expect(srv.state().clock.paused).toBe(false);
	});
});
