import { afterEach, describe, expect, it } from 'vitest';
import { RECORDINGS } from '../support/fixtures.ts';
import { startBinanceServer, type BinanceServer, type BinanceServerOptions } from './server.ts';
import { Recorder, until } from './spec-helpers.ts';

let server: BinanceServer | null = null;
const sockets: Recorder[] = [];

async function start(options: BinanceServerOptions = {}): Promise<BinanceServer> {
	server = await startBinanceServer({ recordings: [RECORDINGS.btc20240808], ...options });
	return server;
}

async function open(path = '/stream?streams=btcusdt@aggTrade'): Promise<Recorder> {
	const socket = await Recorder.open(`${server?.wsUrl ?? ''}${path}`);
	sockets.push(socket);
	return socket;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(async () => {
	for (const socket of sockets.splice(0)) socket.close();
	await server?.close();
	server = null;
});

describe('fault switches', () => {
	it('drop closes every stream socket and still accepts new ones', async () => {
		const srv = await start({ speed: 20 });
		const [a, b] = [await open(), await open('/ws/btcusdt@trade')];
		srv.control({ fault: 'drop' });
		expect((await a.closed).code).toBe(1006);
		expect((await b.closed).code).toBe(1006);
		const again = await open();
		await until(() => again.messages.length > 0, 'frames after the drop');
		expect(srv.state().fault).toBe('none');
	});

	it('refuse rejects new stream connections until cleared', async () => {
		const srv = await start({ speed: 20 });
		const kept = await open();
		srv.control({ fault: 'refuse' });
		await expect(open()).rejects.toThrow('HTTP 503');
		const count = kept.messages.length;
		await until(() => kept.messages.length > count, 'frames on the open socket');
		srv.control({ fault: 'none' });
		await open();
		expect(srv.state()).toMatchObject({ connections: 2, connectionsRejected: 1 });
	});

	it('stall keeps sockets open and sends nothing, replies included', async () => {
		const srv = await start({ speed: 50 });
		const client = await open();
		await until(() => client.messages.length > 5, 'first frames');
		srv.control({ fault: 'stall' });
		await until(
			() => client.messages.length === srv.state().framesSent['btcusdt@aggTrade'],
			'frames sent before the stall'
		);
		const count = client.messages.length;
		client.send({ method: 'LIST_SUBSCRIPTIONS', id: 1 });
		await pause(300);
		expect(client.messages).toHaveLength(count);
		expect(client.socket.readyState).toBe(client.socket.OPEN);
		expect(srv.state().framesSuppressed).toBeGreaterThan(0);
		srv.control({ fault: 'none' });
		await until(() => client.messages.length > count, 'frames after the stall');
	});

	it('garbage puts malformed frames among the good ones', async () => {
		const srv = await start({ speed: 50, fault: 'garbage' });
		const client = await open('/stream?streams=btcusdt@aggTrade/btcusdt@depth20@100ms');
		await until(() => srv.state().garbageSent >= 20, '20 malformed frames');
		const kinds = new Set<string>();
		const goodIds: number[] = [];
		for (const text of client.messages) {
			let frame: { stream?: unknown; data?: Record<string, unknown> };
			try {
				frame = JSON.parse(text) as typeof frame;
			} catch {
				kinds.add('invalid JSON');
				continue;
			}
			const data = frame.data;
			if (!data || Array.isArray(data)) kinds.add('not an object');
			else if (frame.stream === 'btcusdt@noSuchStream') kinds.add('unknown stream');
			else if (frame.stream === 'btcusdt@aggTrade' && typeof data.a !== 'number')
				kinds.add('wrong types');
			else if (String(data.q).startsWith('-') || JSON.stringify(data).includes('","-'))
				kinds.add('negative quantity');
			else if (frame.stream === 'btcusdt@aggTrade') goodIds.push(data.a as number);
		}
		expect([...kinds].sort()).toEqual([
			'invalid JSON',
			'negative quantity',
			'not an object',
			'unknown stream',
			'wrong types'
		]);
		goodIds.forEach((id, i) => i > 0 && expect(id).toBe((goodIds[i - 1] ?? 0) + 1));
	});

	it('http429 answers REST with 429 and Retry-After', async () => {
		const srv = await start({ fault: 'http429', retryAfterSeconds: 7 });
		const res = await fetch(`${srv.httpUrl}/api/v3/time`);
		expect(res.status).toBe(429);
		expect(res.headers.get('retry-after')).toBe('7');
		expect(res.headers.get('access-control-allow-origin')).toBe('*');
		expect(((await res.json()) as { code: number }).code).toBe(-1003);
	});

	it('going over the weight budget answers 429 like Binance', async () => {
		const srv = await start({ weightLimit: 10 });
		expect((await fetch(`${srv.httpUrl}/api/v3/time`)).status).toBe(200);
		const res = await fetch(`${srv.httpUrl}/api/v3/exchangeInfo?symbol=BTCUSDT`);
		expect(res.status).toBe(429);
		expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
	});

	it('http451 answers REST and stream upgrades with 451', async () => {
		const srv = await start({});
		srv.control({ fault: 'http451' });
		const res = await fetch(`${srv.httpUrl}/api/v3/exchangeInfo`);
		expect(res.status).toBe(451);
		expect(((await res.json()) as { msg: string }).msg).toMatch(/restricted location/);
		await expect(open()).rejects.toThrow('HTTP 451');
	});
});

describe('/__control over HTTP', () => {
	it('reads and sets the switches, refusing what it does not know', async () => {
		const srv = await start({});
		const post = (body: string) => fetch(`${srv.httpUrl}/__control`, { method: 'POST', body });
		const set = await post('{"speed":5,"fault":"stall","loop":true}');
		expect(set.status).toBe(200);
		expect(await set.json()).toMatchObject({
			fault: 'stall',
			loop: true,
			clock: { speed: 5, running: false }
		});
		expect((await post('{"fault":"melt"}')).status).toBe(400);
		expect((await post('{"speed":0}')).status).toBe(400);
		expect((await post('{"sped":2}')).status).toBe(400);
		expect((await post('not json')).status).toBe(400);
		const read = await fetch(`${srv.httpUrl}/__control`);
		expect(await read.json()).toMatchObject({ fault: 'stall', symbols: ['BTCUSDT'] });
	});
});

describe('looping', () => {
	it('goes on past the end with ids and times still increasing', async () => {
		const srv = await start({ speed: 5000, loop: true });
		const client = await open('/ws/btcusdt@aggTrade');
		const lastRecorded = 3_735_693_015;
		const lastF = () =>
			(JSON.parse(client.messages[client.messages.length - 1] ?? '{"f":0}') as { f: number }).f;
		// Waits, never times: loading and replaying a lap takes much longer on a busy machine.
		await until(
			() => client.messages.length > 0 && lastF() > lastRecorded + 10,
			'the second lap',
			60_000
		);
		const trades = client.parsed() as { a: number; f: number; l: number; T: number }[];
		expect(trades[0]?.f).toBe(3_735_683_259);
		trades.forEach((trade, i) => {
			const previous = trades[i - 1];
			if (!previous) return;
			expect([trade.a, trade.f]).toEqual([previous.a + 1, previous.l + 1]);
			expect(trade.T).toBeGreaterThanOrEqual(previous.T);
		});
		srv.control({ loop: false });
		expect(srv.state().loop).toBe(false);
		expect(srv.state().clock.replayMs).toBeGreaterThan(srv.state().clock.endMs);
	}, 90_000);
});
