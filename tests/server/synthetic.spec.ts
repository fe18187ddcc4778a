import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORDINGS } from '../support/fixtures.ts';
import type { AggTradeRow } from './market.ts';
import { startBinanceServer, type BinanceServer } from './server.ts';
import { Recorder, recordedTrades, until } from './spec-helpers.ts';

const RATE = 20_000;
let server: BinanceServer;
let client: Recorder;

beforeAll(async () => {
	server = await startBinanceServer({
		recordings: [RECORDINGS.btc20240808],
		synthetic: { symbol: 'BTCUSDT', rate: RATE }
	});
	client = await Recorder.open(`${server.wsUrl}/stream?streams=btcusdt@aggTrade`);
	await until(() => client.messages.length >= 5000, '5000 synthetic aggTrades');
	server.control({ fault: 'stall' });
});

afterAll(async () => {
	client.close();
	await server.close();
});

describe('synthetic mode', () => {
	it('loops recorded trades at the rate with fresh increasing ids and spaced times', () => {
		const frames = client.data<AggTradeRow & { E: number }>('btcusdt@aggTrade');
		const trades = recordedTrades(RECORDINGS.btc20240808, 'BTCUSDT');
		const { startMs } = server.state().clock;
		const first = frames[0];
		expect(first?.f).toBe(trades[0]?.t);
		const firstAggId = first?.a ?? 0;
		const firstTradeId = trades[0]?.t ?? 0;
		/** The fields the `i`-th synthetic frame must carry: ids counting up, times at the rate. */
		const expected = (i: number) => {
			const source = trades[i % trades.length];
			const time = startMs + Math.floor((i * 1000) / RATE);
			const id = firstTradeId + i;
			return {
				a: firstAggId + i,
				f: id,
				l: id,
				T: time,
				E: time,
				p: source?.p,
				q: source?.q,
				m: source?.m
			};
		};
		const wrong = frames.filter((frame, i) => {
			const want = expected(i);
			return (Object.keys(want) as (keyof typeof want)[]).some((key) => frame[key] !== want[key]);
		});
		expect(wrong).toEqual([]);
	});

	it('sends exactly what the clock has reached', async () => {
		await until(
			() => server.state().framesSent['btcusdt@aggTrade'] === client.messages.length,
			'delivery'
		);
		const { clock, framesSent, framesSuppressed } = server.state();
		const due = Math.ceil(((clock.emittedMs - clock.startMs + 1) * RATE) / 1000);
		expect((framesSent['btcusdt@aggTrade'] ?? 0) + framesSuppressed).toBe(due);
	});

	it('answers REST aggTrades from the synthetic tape', async () => {
		const [first] = client.data<AggTradeRow>('btcusdt@aggTrade');
		const res = await fetch(
			`${server.httpUrl}/api/v3/aggTrades?symbol=BTCUSDT&fromId=${(first?.a ?? 0) + 10}&limit=3`
		);
		const rows = (await res.json()) as AggTradeRow[];
		expect(rows.map((row) => row.a)).toEqual([10, 11, 12].map((n) => (first?.a ?? 0) + n));
		expect(rows[0]).toEqual(
			client
				.data<AggTradeRow>('btcusdt@aggTrade')
				.map(({ a, p, q, f, l, T, m, M }) => ({ a, p, q, f, l, T, m, M }))[10]
		);
	});
});
