import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORDINGS } from '../support/fixtures.ts';
import type { AggTradeRow } from './market.ts';
import { startBinanceServer, type BinanceServer } from './server.ts';
import { Recorder, recordedTrades, sum8, until } from './spec-helpers.ts';

let server: BinanceServer;
let socket: Recorder;

interface Answer {
	status: number;
	headers: Headers;
	body: unknown;
}

async function get(path: string, init?: RequestInit): Promise<Answer> {
	const res = await fetch(`${server.httpUrl}${path}`, init);
	const text = await res.text();
	return {
		status: res.status,
		headers: res.headers,
		body: text === '' ? null : (JSON.parse(text) as unknown)
	};
}

beforeAll(async () => {
	server = await startBinanceServer({ recordings: [RECORDINGS.btc20240808], speed: 2000 });
});

afterAll(async () => {
	socket.close();
	await server.close();
});

describe('REST before the replay starts', () => {
	it('answers /time with the replay clock, CORS and the used weight', async () => {
		const before = await get('/api/v3/time');
		expect(before.status).toBe(200);
		expect(before.body).toEqual({ serverTime: 1_723_161_255_208 });
		expect(before.headers.get('access-control-allow-origin')).toBe('*');
		const used = Number(before.headers.get('x-mbx-used-weight-1m'));
		const info = await get('/api/v3/exchangeInfo?symbol=BTCUSDT');
		expect([used + 20, 20]).toContain(Number(info.headers.get('x-mbx-used-weight-1m')));
	});

	it('answers a preflight', async () => {
		const res = await fetch(`${server.httpUrl}/api/v3/time`, {
			method: 'OPTIONS',
			headers: {
				'Access-Control-Request-Method': 'GET',
				'Access-Control-Request-Headers': 'x-custom'
			}
		});
		expect(res.status).toBe(204);
		expect(res.headers.get('access-control-allow-origin')).toBe('*');
		expect(res.headers.get('access-control-allow-methods')).toContain('GET');
		expect(res.headers.get('access-control-allow-headers')).toBe('x-custom');
	});

	it('shows no trade that has not happened yet', async () => {
		expect((await get('/api/v3/aggTrades?symbol=BTCUSDT')).body).toEqual([]);
		expect((await get('/api/v3/klines?symbol=BTCUSDT&interval=1s')).body).toEqual([]);
	});

	it('serves the recorded exchangeInfo, filtered to the symbols asked for', async () => {
		const one = await get('/api/v3/exchangeInfo?symbol=BTCUSDT');
		const body = one.body as {
			serverTime: number;
			symbols: { symbol: string; filters: { filterType: string; tickSize?: string }[] }[];
		};
		expect(body.serverTime).toBe(1_723_161_255_208);
		expect(body.symbols.map((s) => s.symbol)).toEqual(['BTCUSDT']);
		expect(body.symbols[0]?.filters.find((f) => f.filterType === 'PRICE_FILTER')?.tickSize).toBe(
			'0.01000000'
		);
		const two = await get(
			`/api/v3/exchangeInfo?symbols=${encodeURIComponent('["ETHUSDT","BTCUSDT"]')}`
		);
		expect((two.body as typeof body).symbols.map((s) => s.symbol)).toEqual(['ETHUSDT', 'BTCUSDT']);
		expect((await get('/api/v3/exchangeInfo')).body).toMatchObject({ timezone: 'UTC' });
		expect((await get('/api/v3/exchangeInfo?symbol=NOPEUSDT')).body).toEqual({
			code: -1121,
			msg: 'Invalid symbol.'
		});
	});

	it('rejects bad parameters with Binance codes', async () => {
		const cases: [string, number, number][] = [
			['/api/v3/aggTrades', 400, -1102],
			['/api/v3/aggTrades?symbol=btcusdt', 400, -1100],
			['/api/v3/aggTrades?symbol=NOPEUSDT', 400, -1121],
			['/api/v3/aggTrades?symbol=BTCUSDT&limit=abc', 400, -1100],
			['/api/v3/aggTrades?symbol=BTCUSDT&limit=0', 400, -1130],
			['/api/v3/aggTrades?symbol=BTCUSDT&fromId=1&startTime=1', 400, -1128],
			[
				'/api/v3/aggTrades?symbol=BTCUSDT&startTime=1723161255208&endTime=1723164855209',
				400,
				-1127
			],
			['/api/v3/klines?symbol=BTCUSDT', 400, -1102],
			['/api/v3/klines?symbol=BTCUSDT&interval=7m', 400, -1120]
		];
		for (const [path, status, code] of cases) {
			const answer = await get(path);
			expect([path, answer.status, (answer.body as { code: number }).code]).toEqual([
				path,
				status,
				code
			]);
		}
	});
});

describe('REST after the replay', () => {
	beforeAll(async () => {
		socket = await Recorder.open(`${server.wsUrl}/ws/btcusdt@aggTrade`);
		await until(
			() => server.state().clock.emittedMs >= server.state().clock.endMs,
			'the replay end'
		);
	});

	it('pages aggTrades forward with fromId, contiguous and exact', async () => {
		const trades = recordedTrades(RECORDINGS.btc20240808, 'BTCUSDT');
		const [first] = socket.parsed();
		const rows: AggTradeRow[] = [];
		let fromId = first?.a as number;
		for (;;) {
			const page = (await get(`/api/v3/aggTrades?symbol=BTCUSDT&fromId=${fromId}&limit=1000`))
				.body as AggTradeRow[];
			if (page.length === 0) break;
			rows.push(...page);
			fromId = (page[page.length - 1]?.a ?? 0) + 1;
		}
		expect(rows).toHaveLength(socket.messages.length);
		rows.forEach((row, i) => {
			expect(Object.keys(row)).toEqual(['a', 'p', 'q', 'f', 'l', 'T', 'm', 'M']);
			if (i > 0)
				expect([row.a, row.f]).toEqual([(rows[i - 1]?.a ?? 0) + 1, (rows[i - 1]?.l ?? 0) + 1]);
		});
		expect(rows[0]?.f).toBe(trades[0]?.t);
		expect(rows[rows.length - 1]?.l).toBe(trades[trades.length - 1]?.t);
		expect(sum8(rows.map((row) => row.q))).toBe(sum8(trades.map((t) => t.q)));
	});

	it('selects aggTrades by time window and returns the latest by default', async () => {
		const latest = (await get('/api/v3/aggTrades?symbol=BTCUSDT')).body as AggTradeRow[];
		expect(latest).toHaveLength(500);
		const streamed = socket.parsed();
		expect(latest[499]?.a).toBe(streamed[streamed.length - 1]?.a);
		const window = (
			await get('/api/v3/aggTrades?symbol=BTCUSDT&startTime=1723161300000&endTime=1723161300999')
		).body as AggTradeRow[];
		expect(window.length).toBeGreaterThan(0);
		expect(window.every((row) => row.T >= 1_723_161_300_000 && row.T <= 1_723_161_300_999)).toBe(
			true
		);
		const capped = (await get('/api/v3/aggTrades?symbol=BTCUSDT&limit=5000')).body as AggTradeRow[];
		expect(capped).toHaveLength(1000);
	});

	it('serves klines rows of 12 fields, one per minute up to the clock', async () => {
		const answer = await get('/api/v3/klines?symbol=BTCUSDT&interval=1m');
		const rows = answer.body as unknown[][];
		expect(rows.map((row) => row[0])).toEqual([
			1_723_161_240_000, 1_723_161_300_000, 1_723_161_360_000, 1_723_161_420_000, 1_723_161_480_000,
			1_723_161_540_000, 1_723_161_600_000
		]);
		for (const row of rows) {
			expect(row.map((field) => typeof field)).toEqual([
				'number',
				'string',
				'string',
				'string',
				'string',
				'string',
				'number',
				'string',
				'number',
				'string',
				'string',
				'string'
			]);
		}
		const total = rows.reduce((n, row) => n + (row[8] as number), 0);
		expect(total).toBe(recordedTrades(RECORDINGS.btc20240808, 'BTCUSDT').length);
	});

	it('serves the replayed order book with the weight of its limit', async () => {
		const used = Number((await get('/api/v3/time')).headers.get('x-mbx-used-weight-1m'));
		const answer = await get('/api/v3/depth?symbol=BTCUSDT&limit=5');
		expect([used + 5, 5]).toContain(Number(answer.headers.get('x-mbx-used-weight-1m')));
		const book = answer.body as { lastUpdateId: number; bids: string[][]; asks: string[][] };
		expect(book.bids).toHaveLength(5);
		expect(book.asks).toHaveLength(5);
		expect(Number(book.bids[0]?.[0])).toBeLessThan(Number(book.asks[0]?.[0]));
		expect(book.lastUpdateId).toBeGreaterThan(50_093_239_218);
		const big = await get('/api/v3/depth?symbol=BTCUSDT&limit=1000');
		expect([used + 5 + 50, 50]).toContain(Number(big.headers.get('x-mbx-used-weight-1m')));
	});
});
