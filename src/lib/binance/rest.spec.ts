import { describe, expect, it } from 'vitest';
import { readFixtureText, restSamplePath } from '../../../tests/support/fixtures';
import { BinanceRest, RestError, retryAfterMs, type FetchLike } from './rest';

const sample = (name: string): string => readFixtureText(restSamplePath(name));

const BASE = 'https://data-api.binance.vision';

interface Call {
	readonly url: string;
	readonly init: Parameters<FetchLike>[1];
}

/** A fetch answering every call with `answer(url)`; records the calls. */
function fakeFetch(answer: (url: URL) => Response | Promise<Response>) {
	const calls: Call[] = [];
	const fetch: FetchLike = async (url, init) => {
		calls.push({ url, init });
		return answer(new URL(url));
	};
	return { fetch, calls };
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify(body), { status, headers });
}

function client(answer: (url: URL) => Response | Promise<Response>, now = () => 0) {
	const { fetch, calls } = fakeFetch(answer);
	return { rest: new BinanceRest({ base: `${BASE}/`, fetch, now }), calls };
}

async function failure(promise: Promise<unknown>): Promise<RestError> {
	const error: unknown = await promise.then(
		() => null,
		(reason: unknown) => reason
	);
	if (!(error instanceof RestError)) throw new Error(`expected a RestError, got ${String(error)}`);
	return error;
}

describe('BinanceRest', () => {
	it('measures the server clock offset from the middle of the round trip, with no custom headers', async () => {
		const stamps = [1_000, 1_100];
		const { rest, calls } = client(
			() => json({ serverTime: 5_000 }),
			() => stamps.shift() ?? 0
		);
		expect(await rest.time()).toEqual({ serverTime: 5_000, offsetMs: 3_950, roundTripMs: 100 });
		expect(calls).toEqual([{ url: `${BASE}/api/v3/time`, init: undefined }]);
	});

	it('reads real kline rows exactly and the used weight header', async () => {
		const body = sample('http_spot_market_klines.json');
		const { rest, calls } = client(
			() => new Response(body, { headers: { 'X-MBX-USED-WEIGHT-1M': '42' } })
		);
		expect(rest.usedWeight1m).toBeNull();
		const rows = await rest.klines('btcusdt', '1m', { startTime: 1634943780000, limit: 5000 });
		expect(calls[0]?.url).toBe(
			`${BASE}/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=1634943780000&limit=1000`
		);
		expect(rows).toEqual(JSON.parse(body));
		expect(rows[0]).toEqual([
			1634943780000,
			'60685.22000000',
			'60729.84000000',
			'60670.90000000',
			'60719.27000000',
			'21.63272000',
			1634943839999,
			'1313200.01340410',
			617,
			'12.28492000',
			'745719.41022840',
			'0'
		]);
		expect(rest.usedWeight1m).toBe(42);
	});

	it('refuses a kline answer with a malformed row', async () => {
		const { rest } = client(() => json([[1634943780000, '1.0', 'x']]));
		const error = await failure(rest.klines('btcusdt', '1s'));
		expect(error.kind).toBe('bad-response');
		expect(error.message).toBe('Unexpected answer from /api/v3/klines (HTTP 200)');
	});

	it('turns real aggTrades rows into trades', async () => {
		const { rest, calls } = client(() => new Response(sample('http_spot_market_agg_trades.json')));
		const trades = await rest.aggTrades('BTCUSDT', { fromId: 966492862, limit: 10 });
		expect(calls[0]?.url).toBe(`${BASE}/api/v3/aggTrades?symbol=BTCUSDT&limit=10&fromId=966492862`);
		expect(trades).toHaveLength(10);
		expect(trades[0]).toEqual({
			symbol: 'BTCUSDT',
			id: 966492862,
			price: '60759.60000000',
			qty: '0.00841000',
			time: 1634944096633,
			buyerMaker: false,
			count: 1,
			firstTradeId: 1111480471,
			lastTradeId: 1111480471
		});
	});

	it('pages aggTrades forward with fromId = last + 1 up to toId', async () => {
		const row = (a: number) => ({
			a,
			p: '1.5',
			q: '2',
			f: a * 2,
			l: a * 2 + 1,
			T: 1_000 + a,
			m: true
		});
		const newest = 2_599;
		const { rest, calls } = client((url) => {
			const from = Number(url.searchParams.get('fromId'));
			const limit = Number(url.searchParams.get('limit'));
			const ids = Array.from(
				{ length: Math.max(0, Math.min(limit, newest - from + 1)) },
				(_, i) => from + i
			);
			return json(ids.map(row));
		});
		const pages: number[][] = [];
		for await (const page of rest.aggTradesFrom('btcusdt', 100, { toId: 2_100 })) {
			pages.push([page[0]?.id ?? -1, page.at(-1)?.id ?? -1, page.length]);
		}
		expect(pages).toEqual([
			[100, 1_099, 1_000],
			[1_100, 2_099, 1_000],
			[2_100, 2_100, 1]
		]);
		expect(calls.map((call) => new URL(call.url).searchParams.get('fromId'))).toEqual([
			'100',
			'1100',
			'2100'
		]);

		const sizes: number[] = [];
		for await (const page of rest.aggTradesFrom('btcusdt', 1_500, { limit: 500 })) {
			sizes.push(page.length);
		}
		expect(sizes).toEqual([500, 500, 100]);
	});

	it('reads symbols and precision filters from exchangeInfo', async () => {
		const { rest, calls } = client(
			() => new Response(sample('http_spot_market_exchange_info.json'))
		);
		const symbols = await rest.exchangeInfo(['btcusdt', 'ethusdt']);
		expect(new URL(calls[0]?.url ?? '').searchParams.get('symbols')).toBe('["BTCUSDT","ETHUSDT"]');
		expect(symbols[0]).toEqual({
			symbol: 'BTCUSDT',
			status: 'TRADING',
			baseAsset: 'BTC',
			quoteAsset: 'USDT',
			tickSize: '0.01000000',
			stepSize: '0.00001000'
		});
	});

	it('reads a full real exchangeInfo body', async () => {
		const [line = ''] = sample('exchangeinfo-20211012.txt').split('\n');
		const body = line.slice(line.indexOf(': {') + 2);
		const { rest, calls } = client(() => new Response(body));
		const symbols = await rest.exchangeInfo();
		expect(calls[0]?.url).toBe(`${BASE}/api/v3/exchangeInfo`);
		expect(symbols).toHaveLength(1695);
		expect(symbols.find((info) => info.symbol === 'ETHBTC')).toEqual({
			symbol: 'ETHBTC',
			status: 'TRADING',
			baseAsset: 'ETH',
			quoteAsset: 'BTC',
			tickSize: '0.00000100',
			stepSize: '0.00010000'
		});
	});

	it('honours Retry-After on 429 and 418, in seconds or as a date', async () => {
		const now = Date.parse('2024-08-09T00:00:00Z');
		const limited = await failure(
			client(() => json({ code: -1003 }, 429, { 'Retry-After': '7' })).rest.time()
		);
		expect([limited.kind, limited.status, limited.retryAfterMs]).toEqual([
			'rate-limited',
			429,
			7000
		]);
		expect(limited.message).toMatch(/HTTP 429.*waiting 7 s/);

		const banned = await failure(client(() => json({}, 418)).rest.time());
		expect([banned.kind, banned.retryAfterMs]).toEqual(['banned', 120_000]);
		expect(banned.message).toMatch(/banned this IP.*HTTP 418.*2 min/);

		expect(retryAfterMs('Fri, 09 Aug 2024 00:10:00 GMT', now)).toBe(600_000);
		expect(retryAfterMs('soon', now)).toBeNull();
	});

	it('explains 451 and 403 in words a user can act on', async () => {
		const refused = await failure(client(() => json({}, 451)).rest.time());
		expect(refused.kind).toBe('restricted-location');
		expect(refused.message).toBe(
			'Binance refuses this location (HTTP 451): choose another REST host in Settings, ' +
				'e.g. the Binance.US one (https://api.binance.us)'
		);
		const blocked = await failure(
			client(() => new Response('<html>', { status: 403 })).rest.time()
		);
		expect(blocked.kind).toBe('forbidden');
		expect(blocked.message).toMatch(
			/^https:\/\/data-api\.binance\.vision refused .*HTTP 403.*Settings/
		);
	});

	it('passes Binance error messages through for other statuses', async () => {
		const { rest } = client(() => json({ code: -1121, msg: 'Invalid symbol.' }, 400));
		const error = await failure(rest.klines('nosuchcoin', '1m'));
		expect([error.kind, error.status, error.message]).toEqual([
			'http',
			400,
			'HTTP 400 from /api/v3/klines: Invalid symbol.'
		]);
	});

	it('reports an unreachable host, and lets an abort through as an abort', async () => {
		const down = await failure(
			client(() => Promise.reject(new TypeError('Failed to fetch'))).rest.time()
		);
		expect(down.kind).toBe('network');
		expect(down.message).toMatch(/Could not reach https:\/\/data-api\.binance\.vision.*Settings/);

		const controller = new AbortController();
		const { rest, calls } = client(() => {
			controller.abort();
			return Promise.reject(new DOMException('aborted', 'AbortError'));
		});
		await expect(rest.time(controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
		expect(calls[0]?.init).toEqual({ signal: controller.signal });
	});

	it('refuses a bad symbol before any request', () => {
		const { rest, calls } = client(() => json([]));
		expect(() => rest.klines('btc/usdt', '1m')).toThrow(RangeError);
		expect(calls).toHaveLength(0);
	});
});
