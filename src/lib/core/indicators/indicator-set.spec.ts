import { describe, expect, it } from 'vitest';
import { recordedTrades } from '../../../../tests/support/recordings';
import { SymbolAggregator } from '../aggregator';
import type { Interval } from '../interval';
import { INDICATOR_KINDS, defaultSpec, parseSpecs, type IndicatorSpec } from './indicator-spec';
import { IndicatorSet, type IndicatorSeries } from './indicator-set';
import { sessionStart } from './vwap';

const SPECS: IndicatorSpec[] = [
	...INDICATOR_KINDS.map((kind) => defaultSpec(kind, kind)),
	{ id: 'short', kind: 'sma', period: 3 },
	{ id: 'week', kind: 'vwap', session: 'week', resetAt: null }
];

/** Value of every line at every candle time, from a reset's series or the deltas' last word. */
type Timeline = Map<number, number[]>;

function record(timeline: Timeline, times: Float64Array, series: IndicatorSeries[]): void {
	times.forEach((time, i) => {
		timeline.set(
			time,
			series.flatMap((s) => s.lines.map((line) => line[i] ?? NaN))
		);
	});
}

describe('IndicatorSet fed as the worker feeds it', () => {
	it.each<[Interval, number]>([
		['1s', 7],
		['1s', 131],
		['1m', 53]
	])('deltas every %s/%i trades end where one reset over all candles does', (interval, every) => {
		const trades = [
			...recordedTrades('btcusdt-trade-depth-20240808.txt.gz', 'BTCUSDT'),
			...recordedTrades('btcusdt-trade-depth-20240809.txt.gz', 'BTCUSDT')
		];
		const aggregator = new SymbolAggregator('BTCUSDT', { maxBars: 5000 });
		const live = new IndicatorSet(SPECS);
		const timeline: Timeline = new Map();
		let sent = -1;
		trades.forEach((trade, i) => {
			aggregator.add(trade);
			if (i % every !== 0 && i !== trades.length - 1) return;
			const first = sent < 0;
			const bars = first ? aggregator.bars(interval) : aggregator.barsSince(interval, sent);
			sent = aggregator.revision;
			record(timeline, bars.time, first ? live.reset(bars) : live.update(bars));
		});
		const all = aggregator.bars(interval);
		const whole: Timeline = new Map();
		record(whole, all.time, new IndicatorSet(SPECS).reset(all));
		expect(whole.size).toBeGreaterThan(interval === '1m' ? 10 : 600);
		expect([...timeline.entries()]).toEqual([...whole.entries()]);
	});

	it('a delta that skips the open candle commits it as last seen', () => {
		const set = new IndicatorSet([{ id: 's', kind: 'sma', period: 2 }]);
		const bars = (rows: [number, number][]) => {
			const column = (f: (r: [number, number]) => number) => Float64Array.from(rows, f);
			const close = column((r) => r[1]);
			return {
				time: column((r) => r[0]),
				open: close,
				high: close,
				low: close,
				close,
				volume: close,
				buyVolume: close,
				count: close
			};
		};
		set.reset(
			bars([
				[0, 1],
				[1000, 3]
			])
		);
		// The candle at 1000 closed at 3 unchanged; the next delta brings only the candle at 2000.
		const [series] = set.update(bars([[2000, 7]]));
		expect(series?.lines[0]?.[0]).toBe(5);
	});
});

describe('VWAP sessions', () => {
	it('a day starts at 00:00 UTC, a week on Monday 00:00 UTC', () => {
		const wednesday = Date.UTC(2024, 7, 7, 15, 30);
		expect(sessionStart(wednesday, 'day')).toBe(Date.UTC(2024, 7, 7));
		expect(sessionStart(wednesday, 'week')).toBe(Date.UTC(2024, 7, 5));
		expect(sessionStart(Date.UTC(2024, 7, 5), 'week')).toBe(Date.UTC(2024, 7, 5));
	});

	it('starts over at a new day and at the manual reset', () => {
		const day = 86_400_000;
		const rows = [
			[day - 2000, 10],
			[day - 1000, 20],
			[day, 40],
			[day + 1000, 50],
			[day + 2000, 70]
		];
		const close = Float64Array.from(rows, (r) => r[1] ?? 0);
		const ones = close.map(() => 1);
		const bars = {
			time: Float64Array.from(rows, (r) => r[0] ?? 0),
			open: close,
			high: close,
			low: close,
			close,
			volume: ones,
			buyVolume: ones,
			count: ones
		};
		const [byDay] = new IndicatorSet([
			{ id: 'v', kind: 'vwap', session: 'day', resetAt: null }
		]).reset(bars);
		expect([...(byDay?.lines[0] ?? [])]).toEqual([10, 15, 40, 45, 160 / 3]);
		const [reset] = new IndicatorSet([
			{ id: 'v', kind: 'vwap', session: 'day', resetAt: day + 1000 }
		]).reset(bars);
		expect([...(reset?.lines[0] ?? [])]).toEqual([10, 15, 40, 50, 60]);
	});
});

describe('parseSpecs', () => {
	it('takes every default spec', () => {
		expect(parseSpecs(SPECS)).toEqual({ specs: SPECS });
	});

	it.each([
		[
			[{ id: 'a', kind: 'sma', period: 0 }],
			'indicator 1: SMA period must be a whole number from 1 to 1000'
		],
		[[{ id: 'a', kind: 'wma', period: 3 }], 'indicator 1: unknown indicator kind "wma"'],
		[
			[{ id: 'a', kind: 'macd', fast: 26, slow: 12, signal: 9 }],
			'indicator 1: MACD fast period must be below the slow one'
		],
		[
			[
				{ id: 'a', kind: 'ema', period: 3 },
				{ id: 'a', kind: 'ema', period: 4 }
			],
			'indicator 2: id "a" is used twice'
		],
		['x', 'indicators must be a list']
	])('refuses %j: %s', (value, message) => {
		const result = parseSpecs(value);
		expect('error' in result && result.error).toContain(message);
	});
});
