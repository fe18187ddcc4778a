import { describe, expect, it } from 'vitest';
import { recordedTrades } from '../../../tests/support/recordings';
import { SymbolAggregator } from './aggregator';
import { candleFromKline } from './kline-candle';
import { Candle } from './candle';
import { concatBars, joinFresh, KlineHistory, rollUp } from './kline-history';
import { INTERVAL_MS } from './interval';

const ETH = recordedTrades('ethusdt-trade-depth-20240808.txt.gz');

function aggregate(): SymbolAggregator {
	const aggregator = new SymbolAggregator('ETHUSDT');
	for (const trade of ETH) aggregator.add(trade);
	return aggregator;
}

describe('rollUp', () => {
	it('builds 5s and 15s candles from 1s klines exactly as from the trades', () => {
		const aggregator = aggregate();
		const seconds = aggregator.klines('1s').map((row) => candleFromKline(row, 0));
		for (const interval of ['5s', '15s'] as const) {
			const size = INTERVAL_MS[interval];
			const rolled = rollUp(seconds, size).map((candle) => candle.toKlineRow(size));
			// The last bucket is still open in the aggregator: compare the closed ones.
			expect(rolled.slice(0, -1)).toEqual(aggregator.klines(interval).slice(0, -1));
		}
	});

	it('fills a bucket no second covers with a flat candle at the last close', () => {
		const aggregator = aggregate();
		const rows = aggregator.klines('1s');
		// Drop every second of one 5 s bucket that Binance would have reported (flat or not).
		const firstBucket = rows[0]?.[0] ?? 0;
		const gapStart = firstBucket - (firstBucket % 5000) + 10_000;
		const kept = rows.filter(([time]) => time < gapStart || time >= gapStart + 5000);
		const rolled = rollUp(
			kept.map((row) => candleFromKline(row, 0)),
			5000
		);
		const flat = rolled.find((candle) => candle.time === gapStart);
		const before = rolled.find((candle) => candle.time === gapStart - 5000);
		expect(flat?.count).toBe(0);
		expect(flat?.open).toBe(before?.close);
		expect(flat?.close).toBe(before?.close);
	});
});

describe('KlineHistory', () => {
	it('merges pages by open time, never doubles, and cuts before the first live bucket', () => {
		const rows = aggregate().klines('1m');
		const history = new KlineHistory(60_000);
		history.addRows(rows.slice(3));
		history.addRows(rows.slice(0, 5));
		expect(history.length).toBe(rows.length);
		expect(history.oldest).toBe(rows[0]?.[0]);
		const cut = rows[4]?.[0] ?? 0;
		expect(history.rowsBefore(cut)).toEqual(rows.slice(0, 4));
		expect([...history.columnsBefore(cut).time]).toEqual(rows.slice(0, 4).map(([time]) => time));
	});
});

describe('concatBars', () => {
	it('joins two ascending column sets', () => {
		const history = new KlineHistory(60_000);
		history.addRows(aggregate().klines('1m'));
		const all = history.columnsBefore(Infinity);
		const cut = all.time[3] ?? 0;
		const joined = concatBars(history.columnsBefore(cut), {
			...all,
			time: all.time.slice(3),
			open: all.open.slice(3),
			high: all.high.slice(3),
			low: all.low.slice(3),
			close: all.close.slice(3),
			volume: all.volume.slice(3),
			buyVolume: all.buyVolume.slice(3),
			count: all.count.slice(3)
		});
		expect(joined).toEqual(all);
	});
});

describe('joinFresh', () => {
	const MINUTE = 60_000;
	/** 1m candles at minutes `from` to `to`, closing at `close`. */
	const minutes = (from: number, to: number, close: number): Candle[] =>
		Array.from({ length: to - from + 1 }, (_, i) => Candle.flat((from + i) * MINUTE, close, 0));
	const stored = (from: number, to: number): KlineHistory => {
		const held = new KlineHistory(MINUTE);
		held.add(minutes(from, to, 1));
		return held;
	};
	const closes = (held: KlineHistory) =>
		held.before(Infinity).map((c) => [c.time / MINUTE, c.close]);

	it('keeps stored candles that overlap or touch the fresh page, the fresh ones winning ties', () => {
		expect(closes(joinFresh(stored(1, 4), minutes(3, 5, 2)))).toEqual([
			[1, 1],
			[2, 1],
			[3, 2],
			[4, 2],
			[5, 2]
		]);
		expect(closes(joinFresh(stored(1, 2), minutes(3, 3, 2)))).toEqual([
			[1, 1],
			[2, 1],
			[3, 2]
		]);
	});

	it('drops stored candles a gap away, and keeps them when the exchange sent none', () => {
		expect(closes(joinFresh(stored(1, 2), minutes(4, 5, 2)))).toEqual([
			[4, 2],
			[5, 2]
		]);
		expect(closes(joinFresh(stored(1, 2), []))).toEqual([
			[1, 1],
			[2, 1]
		]);
	});
});
