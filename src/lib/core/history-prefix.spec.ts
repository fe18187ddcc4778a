import { describe, expect, it } from 'vitest';
import { recordedTrades } from '../../../tests/support/recordings';
import { SymbolAggregator } from './aggregator';
import { prefixCandles, prefixRanges, type PrefixRows } from './history-prefix';
import { INTERVAL_MS, FIXED_INTERVALS } from './interval';
import { epochMs } from './time';
import type { Trade } from './trade';

const NO_PREFIX = { beforeCut: new Map(), cutSecond: null };

/** 23:54 to 00:05 UTC across midnight: the 1d and 4h buckets change inside it. */
const BTC = [
	...recordedTrades('btcusdt-trade-depth-20240808.txt.gz'),
	...recordedTrades('btcusdt-trade-depth-20240809.txt.gz')
];

function aggregate(trades: readonly Trade[]): SymbolAggregator {
	const aggregator = new SymbolAggregator('BTCUSDT');
	for (const trade of trades) aggregator.add(trade);
	return aggregator;
}

/** What Binance's `klines` would answer for each prefix range: the exchange's exact candles. */
function klinesBefore(cut: number, before: SymbolAggregator): PrefixRows[] {
	return prefixRanges(cut).map((range) => ({
		range,
		rows: before
			.klines(range.interval)
			.filter(([time]) => time >= range.startTime && time <= range.endTime)
	}));
}

describe('prefixRanges', () => {
	it('covers the day up to the cut in 1h, 1m and 1s klines, without overlap', () => {
		// 2024-08-09 13:27:45 UTC.
		const cut = Date.UTC(2024, 7, 9, 13, 27, 45);
		expect(prefixRanges(cut)).toEqual([
			{ interval: '1h', startTime: Date.UTC(2024, 7, 9), endTime: Date.UTC(2024, 7, 9, 13) - 1 },
			{
				interval: '1m',
				startTime: Date.UTC(2024, 7, 9, 13),
				endTime: Date.UTC(2024, 7, 9, 13, 27) - 1
			},
			{
				interval: '1s',
				startTime: Date.UTC(2024, 7, 9, 13, 27),
				endTime: cut - 1
			}
		]);
	});

	it('asks nothing at midnight, and refuses a cut inside a second', () => {
		expect(prefixRanges(Date.UTC(2024, 7, 9))).toEqual([]);
		expect(() => prefixRanges(Date.UTC(2024, 7, 9) + 1)).toThrow(RangeError);
	});
});

describe('an aggregator completed from klines', () => {
	// Cuts spread over the recording: the first trade the worker sees is BTC[index].
	const indexes = [1, 37, 500, 2_222, 5_000, 9_000, 9_757, 12_345, 17_000, 19_800];

	it.each(indexes)(
		'joins the klines exactly: every candle from the cut on equals trades-only (stream from trade %i)',
		(index) => {
			const first = BTC[index];
			if (first === undefined) throw new Error('no such trade');
			const cut = first.time - (first.time % 1000);
			const whole = aggregate(BTC);
			// The worker sees the stream from `first` on...
			const live = aggregate(BTC.slice(index));
			expect(live.firstTrade).toEqual({ id: first.id, second: cut });
			// ...and asks the exchange for the klines before the cut and the cut's earlier trades.
			const before = aggregate(BTC.filter((trade) => trade.time < cut));
			const partial = BTC.slice(0, index).filter((trade) => trade.time >= cut);
			const prefixes = prefixCandles(cut, klinesBefore(cut, before), FIXED_INTERVALS, partial);
			expect(live.completeFirst(prefixes)).toBe(true);
			for (const interval of FIXED_INTERVALS) {
				const bucket = cut - (cut % INTERVAL_MS[interval]);
				const expected = whole.klines(interval).filter(([time]) => time >= bucket);
				expect(live.klines(interval), interval).toEqual(expected);
			}
		}
	);

	it.each(indexes)(
		'joins the klines exactly when completed while the cut second is still open (stream from trade %i)',
		(index) => {
			const first = BTC[index];
			if (first === undefined) throw new Error('no such trade');
			const cut = first.time - (first.time % 1000);
			const whole = aggregate(BTC);
			const stream = BTC.slice(index);
			const inCut = stream.filter((trade) => trade.time < cut + 1000);
			// The exchange answers before a trade of the next second arrives: only the cut's second
			// is held, as the open 1 s candle, when the first bucket is completed.
			const live = aggregate(inCut);
			const before = aggregate(BTC.filter((trade) => trade.time < cut));
			const partial = BTC.slice(0, index).filter((trade) => trade.time >= cut);
			const prefixes = prefixCandles(cut, klinesBefore(cut, before), FIXED_INTERVALS, partial);
			expect(live.completeFirst(prefixes)).toBe(true);
			for (const trade of stream.slice(inCut.length)) live.add(trade);
			for (const interval of FIXED_INTERVALS) {
				const bucket = cut - (cut % INTERVAL_MS[interval]);
				const expected = whole.klines(interval).filter(([time]) => time >= bucket);
				expect(live.klines(interval), interval).toEqual(expected);
			}
		}
	);

	it('completes its first buckets once, and only after its first trade', () => {
		const aggregator = new SymbolAggregator('BTCUSDT');
		expect(aggregator.completeFirst(NO_PREFIX)).toBe(false);
		if (BTC[0]) aggregator.add(BTC[0]);
		expect(aggregator.completeFirst(NO_PREFIX)).toBe(true);
		expect(aggregator.completeFirst(NO_PREFIX)).toBe(false);
	});

	it('ignores rows outside their range or not closed by the cut', () => {
		const first = BTC[5_000];
		if (first === undefined) throw new Error('no such trade');
		const cut = first.time - (first.time % 1000);
		const before = aggregate(BTC.filter((trade) => trade.time < cut));
		const fetched = klinesBefore(cut, before).map(({ range, rows }) => ({
			range,
			rows: [
				...rows,
				[
					epochMs(cut + 5000),
					'1',
					'1',
					'1',
					'1',
					'1',
					epochMs(cut + 5999),
					'1',
					1,
					'1',
					'1',
					'0'
				] as const
			]
		}));
		const clean = prefixCandles(cut, klinesBefore(cut, before), FIXED_INTERVALS, []);
		expect(prefixCandles(cut, fetched, FIXED_INTERVALS, [])).toEqual(clean);
	});
});
