import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SymbolAggregator } from './aggregator';
import { buildAnchored, openAfter, type Anchor } from './anchored-buckets';
import { candleFromKline } from './kline-candle';
import { FIXED_INTERVALS, INTERVAL_MS } from './interval';
import type { KlineRow } from './kline';
import { epochMs } from './time';
import type { Trade } from './trade';

/**
 * BTCUSDT `@trade` 2024-08-08 23:54:15 -> 2024-08-09 00:05:05 UTC (19,904 trades, no gap): it
 * crosses midnight, so every interval up to 1d has a boundary inside it. The reference candles
 * below are built by hand from the trades with BigInt sums, not with the aggregator's code.
 */
const FILES = ['btcusdt-trade-depth-20240808.txt.gz', 'btcusdt-trade-depth-20240809.txt.gz'];
const DAY = 86_400_000;
const MIDNIGHT = Date.UTC(2024, 7, 9);

function readTrades(): Trade[] {
	const trades: Trade[] = [];
	for (const file of FILES) {
		const url = new URL(
			`../../../../shared/fixtures/binance/ws-recordings/${file}`,
			import.meta.url
		);
		for (const line of gunzipSync(readFileSync(url)).toString('utf8').split('\n')) {
			const json = line.slice(line.indexOf(' ') + 1);
			if (!json.startsWith('{"stream":"btcusdt@trade"')) continue;
			const { data } = JSON.parse(json) as {
				data: { t: number; p: string; q: string; T: number; m: boolean };
			};
			trades.push({
				symbol: 'BTCUSDT',
				id: data.t,
				price: data.p,
				qty: data.q,
				time: epochMs(data.T),
				buyerMaker: data.m,
				count: 1,
				firstTradeId: data.t,
				lastTradeId: data.t
			});
		}
	}
	return trades;
}

/** A decimal string as an integer of 1e-16 units: compares prices and sums exactly. */
function scaled(text: string): bigint {
	const [whole = '0', fraction = ''] = text.split('.');
	return BigInt(whole + fraction.padEnd(16, '0').slice(0, 16));
}

interface HandCandle {
	open: number;
	o: bigint;
	h: bigint;
	l: bigint;
	c: bigint;
	v: bigint;
	q: bigint;
	n: number;
	bv: bigint;
	bq: bigint;
}

/** Candles keyed by open time, as a trader would tally them on paper, one bucket at a time. */
function byHand(trades: readonly Trade[], openOf: (time: number) => number): HandCandle[] {
	const out: HandCandle[] = [];
	for (const trade of trades) {
		const open = openOf(trade.time);
		const p = scaled(trade.price);
		const qty = scaled(trade.qty);
		const quote = (p * qty) / 10n ** 16n;
		let candle = out.at(-1);
		if (candle?.open !== open) {
			candle = { open, o: p, h: p, l: p, c: p, v: 0n, q: 0n, n: 0, bv: 0n, bq: 0n };
			out.push(candle);
		}
		if (p > candle.h) candle.h = p;
		if (p < candle.l) candle.l = p;
		candle.c = p;
		candle.v += qty;
		candle.q += quote;
		candle.n += trade.count;
		if (!trade.buyerMaker) {
			candle.bv += qty;
			candle.bq += quote;
		}
	}
	return out;
}

/** A kline row in the same exact units; flat rows (no trade) are left out, as `byHand` has none. */
function fromRow(row: KlineRow): HandCandle {
	return {
		open: row[0],
		o: scaled(row[1]),
		h: scaled(row[2]),
		l: scaled(row[3]),
		c: scaled(row[4]),
		v: scaled(row[5]),
		q: scaled(row[7]),
		n: row[8],
		bv: scaled(row[9]),
		bq: scaled(row[10])
	};
}

const trades = readTrades();
const aggregator = new SymbolAggregator('BTCUSDT', { maxBars: 100_000 });
for (const trade of trades) aggregator.add(trade);

describe('every interval against candles built by hand from a recording', () => {
	it('reads the whole recording across midnight', () => {
		expect(trades.length).toBe(19_904);
		expect(trades[0]?.time).toBeLessThan(MIDNIGHT);
		expect(trades.at(-1)?.time).toBeGreaterThan(MIDNIGHT);
	});

	for (const interval of FIXED_INTERVALS) {
		it(`${interval}: the same candles, field by field, flat buckets between`, () => {
			const size = INTERVAL_MS[interval];
			const rows = aggregator.klines(interval);
			const expected = byHand(trades, (time) => time - (time % size));
			expect(rows.filter((row) => row[8] > 0).map(fromRow)).toEqual(expected);
			// Contiguous open times: a bucket without a trade is a flat candle, not a hole.
			rows.forEach((row, i) => {
				if (i > 0) expect(row[0] - (rows[i - 1]?.[0] ?? 0)).toBe(size);
				expect(row[6]).toBe(row[0] + size - 1);
			});
		});
	}

	it('tick: the newest trades, each one a point', () => {
		const ticks = aggregator.bars('tick');
		expect(ticks.time.length).toBe(10_000);
		const last = trades.at(-1);
		expect(ticks.time.at(-1)).toBe(last?.time);
		expect(ticks.close.at(-1)).toBe(Number(last?.price));
		expect(ticks.volume.at(-1)).toBe(Number(last?.qty));
		const sinceLast = aggregator.barsSince('tick', aggregator.revision - 3);
		expect([...sinceLast.time]).toEqual(trades.slice(-3).map((trade) => trade.time));
	});
});

describe('3d, 1w and 1M from the exchange boundaries and the 1 day candles', () => {
	const days = aggregator.candles('1d');
	const open = (anchor: Anchor) => (time: number) => {
		let at = anchor.open;
		for (let next = anchor.next; next <= time; next = openAfter(anchor, next)) at = next;
		return at;
	};

	it('3d anchored on 2024-08-06: the bucket boundary at midnight splits the recording', () => {
		const anchor: Anchor = { interval: '3d', open: Date.UTC(2024, 7, 6), next: MIDNIGHT };
		const built = buildAnchored(anchor, days).map((c) => fromRow(c.toKlineRow(3 * DAY)));
		expect(built.map((c) => c.open)).toEqual([anchor.open, MIDNIGHT]);
		expect(built).toEqual(byHand(trades, open(anchor)));
	});

	it('1w anchored on Monday 2024-08-05 and 1M on 2024-08-01: one bucket each, with the earlier closed days', () => {
		// The exchange's closed days of the bucket before the first day the aggregator saw.
		const before: KlineRow = [
			epochMs(Date.UTC(2024, 7, 7)),
			'55000.00000000',
			'62000.00000000',
			'54000.00000000',
			'61000.00000000',
			'100.00000000',
			epochMs(Date.UTC(2024, 7, 8) - 1),
			'6000000.00000000',
			50,
			'60.00000000',
			'3600000.00000000',
			'0'
		];
		for (const anchor of [
			{ interval: '1w', open: Date.UTC(2024, 7, 5), next: Date.UTC(2024, 7, 12) },
			{ interval: '1M', open: Date.UTC(2024, 7, 1), next: Date.UTC(2024, 8, 1) }
		] as const) {
			const [candle, ...more] = buildAnchored(anchor, [candleFromKline(before, 0), ...days]);
			expect(more).toEqual([]);
			const [hand] = byHand(trades, () => anchor.open);
			const row = fromRow(candle?.toKlineRow(anchor.next - anchor.open) ?? before);
			expect(row.o).toBe(scaled(before[1]));
			expect(row.n).toBe((hand?.n ?? 0) + 50);
			expect(row.v).toBe((hand?.v ?? 0n) + scaled(before[5]));
			expect(row.c).toBe(hand?.c);
			expect(row.h).toBe(scaled(before[2]) > (hand?.h ?? 0n) ? scaled(before[2]) : hand?.h);
		}
	});

	it('continues a month series by calendar month from the exchange boundary, and refuses split days', () => {
		const month: Anchor = {
			interval: '1M',
			open: Date.UTC(2024, 0, 1),
			next: Date.UTC(2024, 1, 1)
		};
		expect(openAfter(month, Date.UTC(2024, 1, 1))).toBe(Date.UTC(2024, 2, 1));
		const week: Anchor = { interval: '1w', open: 3 * 3_600_000, next: 3 * 3_600_000 + 7 * DAY };
		expect(() => buildAnchored(week, days)).toThrow(/does not start a UTC day/);
	});
});
