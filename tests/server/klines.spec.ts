import { describe, expect, it } from 'vitest';
import { RECORDINGS } from '../support/fixtures.ts';
import { klineRows, type KlineRow } from './klines.ts';
import { loadMarket } from './recording-loader.ts';
import { lapFor } from './scheduler.ts';
import { recordedTrades, type PlainTrade } from './spec-helpers.ts';
import { RecordedTape } from './tape.ts';

const FILE = RECORDINGS.btc20240808;
const market = loadMarket([FILE]);
const tape = new RecordedTape(market.symbols.get('BTCUSDT') as never, lapFor(market));
const trades = recordedTrades(FILE, 'BTCUSDT');
const lastTrade = trades[trades.length - 1] as PlainTrade;

/** 1e-8 units of an 8-decimal string. */
const units = (text: string): bigint => {
	const [whole = '0', fraction = ''] = text.split('.');
	return BigInt(whole + fraction.padEnd(8, '0'));
};

interface Reference {
	o: bigint;
	h: bigint;
	l: bigint;
	c: bigint;
	v: bigint;
	q16: bigint;
	n: number;
	V: bigint;
	Q16: bigint;
}

/** Candles straight from the raw `@trade` events, keyed by open time. */
function reference(intervalMs: number, upTo: number): Map<number, Reference> {
	const out = new Map<number, Reference>();
	for (const trade of trades.filter((t) => t.T <= upTo)) {
		const open = trade.T - (trade.T % intervalMs);
		const price = units(trade.p);
		const qty = units(trade.q);
		const row = out.get(open) ?? {
			o: price,
			h: price,
			l: price,
			c: price,
			v: 0n,
			q16: 0n,
			n: 0,
			V: 0n,
			Q16: 0n
		};
		row.h = price > row.h ? price : row.h;
		row.l = price < row.l ? price : row.l;
		row.c = price;
		row.v += qty;
		row.q16 += price * qty;
		row.n += 1;
		if (!trade.m) {
			row.V += qty;
			row.Q16 += price * qty;
		}
		out.set(open, row);
	}
	return out;
}

function asUnits(row: KlineRow): Reference {
	return {
		o: units(row[1]),
		h: units(row[2]),
		l: units(row[3]),
		c: units(row[4]),
		v: units(row[5]),
		q16: units(row[7]),
		n: row[8],
		V: units(row[9]),
		Q16: units(row[10])
	};
}

function expectMatches(rows: KlineRow[], intervalMs: number, upTo: number): number {
	const ref = reference(intervalMs, upTo);
	let previousClose: string | null = null;
	let flat = 0;
	for (const row of rows) {
		expect(row[6]).toBe(row[0] + intervalMs - 1);
		const want = ref.get(row[0]);
		if (want) {
			expect(asUnits(row)).toEqual({
				...want,
				q16: want.q16 / 100_000_000n,
				Q16: want.Q16 / 100_000_000n
			});
		} else {
			flat += 1;
			expect(row).toEqual([
				row[0],
				previousClose,
				previousClose,
				previousClose,
				previousClose,
				'0.00000000',
				row[6],
				'0.00000000',
				0,
				'0.00000000',
				'0.00000000',
				'0'
			]);
		}
		previousClose = row[4];
	}
	return flat;
}

describe('klineRows', () => {
	it('reproduces 1m candles of the whole recording from the raw trades', () => {
		const clock = market.endMs;
		const rows = klineRows(tape, tape.tradedCount(clock), 60_000, { limit: 1000 }, clock);
		expect(rows.map((row) => row[0])).toEqual([
			1_723_161_240_000, 1_723_161_300_000, 1_723_161_360_000, 1_723_161_420_000, 1_723_161_480_000,
			1_723_161_540_000, 1_723_161_600_000
		]);
		expectMatches(rows, 60_000, clock);
		expect(rows.reduce((n, row) => n + row[8], 0)).toBe(trades.length);
	});

	it('reproduces a window of 1s candles, with flat candles for seconds without trades', () => {
		const clock = market.endMs;
		const startTime = 1_723_161_300_000;
		const rows = klineRows(
			tape,
			tape.tradedCount(clock),
			1000,
			{ startTime, endTime: startTime + 299_999, limit: 1000 },
			clock
		);
		expect(rows).toHaveLength(300);
		expect(rows[0]?.[0]).toBe(startTime);
		expect(expectMatches(rows, 1000, clock)).toBeGreaterThan(0);
	});

	it('shows only trades up to the clock; the last candle is the open one', () => {
		const clock = 1_723_161_330_500;
		const rows = klineRows(tape, tape.tradedCount(clock), 60_000, { limit: 500 }, clock);
		expect(rows[rows.length - 1]?.[0]).toBe(1_723_161_300_000);
		expectMatches(rows, 60_000, clock);
		const open = reference(60_000, clock).get(1_723_161_300_000);
		expect(rows[rows.length - 1]?.[8]).toBe(open?.n);
		expect(open?.n).toBeLessThan(reference(60_000, market.endMs).get(1_723_161_300_000)?.n ?? 0);
	});

	it('selects like Binance: the latest by default, startTime rounded up, endTime inclusive', () => {
		const clock = lastTrade.T;
		const visible = tape.tradedCount(clock);
		const latest = klineRows(tape, visible, 1000, { limit: 3 }, clock);
		expect(latest.map((row) => row[0])).toEqual([
			clock - (clock % 1000) - 2000,
			clock - (clock % 1000) - 1000,
			clock - (clock % 1000)
		]);
		const fromStart = klineRows(
			tape,
			visible,
			60_000,
			{ startTime: 1_723_161_300_001, limit: 2 },
			clock
		);
		expect(fromStart.map((row) => row[0])).toEqual([1_723_161_360_000, 1_723_161_420_000]);
		const beforeEnd = klineRows(
			tape,
			visible,
			60_000,
			{ endTime: 1_723_161_360_000, limit: 2 },
			clock
		);
		expect(beforeEnd.map((row) => row[0])).toEqual([1_723_161_300_000, 1_723_161_360_000]);
		const beforeData = klineRows(
			tape,
			visible,
			60_000,
			{ endTime: 1_723_161_000_000, limit: 2 },
			clock
		);
		expect(beforeData).toEqual([]);
	});
});

describe('klineRows against Binance', () => {
	interface KlineEvent {
		k: {
			t: number;
			T: number;
			f: number;
			L: number;
			o: string;
			h: string;
			l: string;
			c: string;
			v: string;
			n: number;
			q: string;
			V: string;
			Q: string;
		};
	}

	it("reproduces Binance's own 1m kline updates from the recorded aggTrades, field by field", () => {
		const recorded = loadMarket([RECORDINGS.btcEthDot20210404]);
		const lap = lapFor(recorded);
		let checked = 0;
		let straddling = 0;
		for (const rec of recorded.symbols.values()) {
			const aggTape = new RecordedTape(rec, lap);
			for (const frame of rec.frames.filter((f) => f.stream === 'kline_1m')) {
				const { k } = JSON.parse(frame.data) as KlineEvent;
				if (k.t !== 1_617_566_640_000) continue;
				// A kline update can land inside an aggTrade (its trades split across two updates):
				// no set of whole aggTrades gives that state.
				if (rec.aggTrades.some((agg) => agg.f <= k.L && agg.l > k.L)) {
					straddling += 1;
					continue;
				}
				const visible = rec.aggTrades.findIndex((agg) => agg.l > k.L);
				const rows = klineRows(
					aggTape,
					visible === -1 ? rec.aggTrades.length : visible,
					60_000,
					{ startTime: k.t, limit: 1 },
					k.t
				);
				expect(rows).toEqual([[k.t, k.o, k.h, k.l, k.c, k.v, k.T, k.q, k.n, k.V, k.Q, '0']]);
				checked += 1;
			}
		}
		expect([checked, straddling]).toEqual([51, 2]);
	});
});
