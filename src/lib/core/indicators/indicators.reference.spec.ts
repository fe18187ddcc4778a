import {
	AverageGain,
	AverageLoss,
	BollingerBands,
	EMA,
	MACD,
	RSI,
	SMA,
	VWAP
} from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { recordedTrades } from '../../../../tests/support/recordings';
import { SymbolAggregator } from '../aggregator';
import type { BarColumns } from '../bar-columns';
import type { Interval } from '../interval';
import type { IndicatorSpec } from './indicator-spec';
import { IndicatorSet, type IndicatorSeries } from './indicator-set';

/**
 * Every indicator against technicalindicators (a well-known npm package, test dependency only) on
 * candles built from real recordings, seeded the same way: within 1e-9 relative, candle by candle.
 */
const RELATIVE = 1e-9;

function barsOf(file: string, symbol: string, interval: Interval): BarColumns {
	const aggregator = new SymbolAggregator(symbol, { maxBars: 5000 });
	for (const trade of recordedTrades(file, symbol)) aggregator.add(trade);
	return aggregator.bars(interval);
}

const BTC_2024 = barsOf('btcusdt-trade-depth-20240808.txt.gz', 'BTCUSDT', '1s');
const ETH_2024 = barsOf('ethusdt-trade-depth-20240808.txt.gz', 'ETHUSDT', '1s');
const BTC_2023 = barsOf('btcusdt-trade-depth-20230405.txt.gz', 'BTCUSDT', '1s');
const RECORDED: readonly [string, BarColumns][] = [
	['BTCUSDT 1s 2024-08-08', BTC_2024],
	['ETHUSDT 1s 2024-08-08', ETH_2024],
	['BTCUSDT 1s 2023-04-05', BTC_2023]
];

function computed(spec: IndicatorSpec, bars: BarColumns): IndicatorSeries {
	const [series] = new IndicatorSet([spec]).reset(bars);
	if (series === undefined) throw new Error('no series');
	return series;
}

/** The reference's values end aligned with the candles: the first ones are missing (warm-up). */
function expectAligned(ours: Float64Array, reference: readonly number[]): void {
	const offset = ours.length - reference.length;
	expect(offset).toBeGreaterThanOrEqual(0);
	for (let i = 0; i < ours.length; i++) {
		const value = ours[i] ?? NaN;
		if (i < offset) {
			expect(value, `candle ${i} warms up`).toBeNaN();
			continue;
		}
		const expected = reference[i - offset] ?? NaN;
		const tolerance = Math.max(Math.abs(expected) * RELATIVE, 1e-300);
		if (Math.abs(value - expected) > tolerance) {
			throw new Error(`candle ${i}: ${value} != reference ${expected}`);
		}
	}
}

const closes = (bars: BarColumns): number[] => [...bars.close];

describe.each(RECORDED)('indicators on %s equal technicalindicators', (_, bars) => {
	it('has enough candles to mean something', () => {
		expect(bars.time.length).toBeGreaterThan(40);
	});

	it.each([5, 20, 50])('SMA %i', (period) => {
		const ours = computed({ id: 's', kind: 'sma', period }, bars);
		expectAligned(ours.lines[0]!, SMA.calculate({ period, values: closes(bars) }));
	});

	it.each([5, 20, 50])('EMA %i', (period) => {
		const ours = computed({ id: 'e', kind: 'ema', period }, bars);
		expectAligned(ours.lines[0]!, EMA.calculate({ period, values: closes(bars) }));
	});

	it('volume MA 20', () => {
		const ours = computed({ id: 'v', kind: 'vma', period: 20 }, bars);
		expectAligned(ours.lines[0]!, SMA.calculate({ period: 20, values: [...bars.volume] }));
	});

	it('Bollinger 20 2', () => {
		const ours = computed({ id: 'b', kind: 'bb', period: 20, mult: 2 }, bars);
		const reference = BollingerBands.calculate({ period: 20, stdDev: 2, values: closes(bars) });
		expectAligned(
			ours.lines[0]!,
			reference.map((r) => r.middle)
		);
		expectAligned(
			ours.lines[1]!,
			reference.map((r) => r.upper)
		);
		expectAligned(
			ours.lines[2]!,
			reference.map((r) => r.lower)
		);
	});

	it('RSI 14: Wilder averages exact, the index as the reference rounds it', () => {
		const ours = computed({ id: 'r', kind: 'rsi', period: 14 }, bars);
		const values = closes(bars);
		const gains = AverageGain.calculate({ period: 14, values });
		const losses = AverageLoss.calculate({ period: 14, values });
		const unrounded = gains.map((gain, i) => {
			const loss = losses[i] ?? NaN;
			if (loss === 0) return 100;
			if (gain === 0) return 0;
			return 100 - 100 / (1 + gain / loss);
		});
		expectAligned(ours.lines[0]!, unrounded);
		// technicalindicators' RSI itself prints two decimals.
		const rounded = RSI.calculate({ period: 14, values });
		const offset = ours.lines[0]!.length - rounded.length;
		rounded.forEach((value, i) => {
			expect(Math.abs((ours.lines[0]![i + offset] ?? NaN) - value)).toBeLessThanOrEqual(
				0.005 + 1e-9
			);
		});
	});

	it('MACD 12 26 9 with EMAs', () => {
		const ours = computed({ id: 'm', kind: 'macd', fast: 12, slow: 26, signal: 9 }, bars);
		const reference = MACD.calculate({
			fastPeriod: 12,
			slowPeriod: 26,
			signalPeriod: 9,
			SimpleMAOscillator: false,
			SimpleMASignal: false,
			values: closes(bars)
		});
		expectAligned(
			ours.lines[0]!,
			reference.map((r) => r.MACD ?? NaN)
		);
		const signals = reference.filter((r) => r.signal !== undefined);
		expectAligned(
			ours.lines[1]!,
			signals.map((r) => r.signal ?? NaN)
		);
		expectAligned(
			ours.lines[2]!,
			signals.map((r) => r.histogram ?? NaN)
		);
	});

	it('VWAP over the whole recording (no session break inside it)', () => {
		const ours = computed({ id: 'w', kind: 'vwap', session: 'none', resetAt: null }, bars);
		const reference = VWAP.calculate({
			high: [...bars.high],
			low: [...bars.low],
			close: [...bars.close],
			volume: [...bars.volume]
		});
		expectAligned(ours.lines[0]!, reference);
	});
});
