import { describe, expect, it } from 'vitest';
import {
	addChart,
	chartsToText,
	choosePreset,
	duplicateChart,
	parseCharts,
	parsePreset,
	presetFor,
	removeChart,
	replaceChart,
	resolveGrid,
	type GridLayout
} from './grid-layout';
import { checkShares, equalShares, MIN_SHARE, moveSplit, splitPercent } from './splits';

const btc1m = { symbol: 'btcusdt', interval: '1m' } as const;
const eth5m = { symbol: 'ethusdt', interval: '5m' } as const;

describe('grid= and charts=', () => {
	it('reads the issue example in order and writes it back the same', () => {
		const text = 'btcusdt:1m,ethusdt:5m,btcusdt:1s,solusdt:1h';
		const { layout, errors } = resolveGrid('2x2', text, btc1m);
		expect(errors).toEqual([]);
		expect(layout.preset).toBe('2x2');
		expect(layout.charts.map((c) => c.symbol)).toEqual([
			'btcusdt',
			'ethusdt',
			'btcusdt',
			'solusdt'
		]);
		expect(chartsToText(layout.charts)).toBe(text);
	});

	it('an old link with neither opens one chart: the symbol/interval one', () => {
		expect(resolveGrid(undefined, undefined, eth5m)).toEqual({
			layout: { preset: '1', charts: [eth5m] },
			errors: []
		});
	});

	it('folds the symbol case, keeps the interval case, ignores blanks', () => {
		expect(parseCharts(' BTCUSDT:1m , ,ethusdt:5m,')).toEqual({ ok: true, value: [btc1m, eth5m] });
		// 1M is a month, 1m a minute: the case of an interval is part of its name.
		expect(parseCharts('btcusdt:1M')).toEqual({
			ok: true,
			value: [{ symbol: 'btcusdt', interval: '1M' }]
		});
		expect(parseCharts('btcusdt:1H').ok).toBe(false);
	});

	it('refuses bad items naming them', () => {
		const cases: [string, RegExp][] = [
			['btcusdt', /"btcusdt" is not symbol:interval/],
			['btcusdt:1m:x', /"btcusdt:1m:x" is not symbol:interval/],
			['btc-usdt:1m', /"btc-usdt:1m": "btc-usdt" is not a symbol/],
			['btcusdt:7m', /"btcusdt:7m": "7m" is not an interval \(tick 1s 5s /],
			['', /no chart given/],
			[Array.from({ length: 10 }, () => 'btcusdt:1m').join(','), /10 charts given, at most 9/]
		];
		for (const [raw, message] of cases) {
			const parsed = parseCharts(raw);
			expect(parsed.ok).toBe(false);
			if (!parsed.ok) expect(parsed.reason).toMatch(message);
		}
	});

	it('refuses an unknown grid and one too small, keeping the charts', () => {
		expect(parsePreset('1 3')).toEqual({ ok: true, value: '1+3' });
		expect(parsePreset('4x4')).toEqual({
			ok: false,
			reason: '"4x4" is not a grid (1, 2, 2x2, 1+3, 3x3)'
		});
		const small = resolveGrid('2', 'btcusdt:1m,ethusdt:5m,btcusdt:1s', btc1m);
		expect(small.errors).toEqual([{ param: 'grid', reason: '"2" holds 2 charts, the link has 3' }]);
		expect(small.layout.preset).toBe('2x2');
		expect(small.layout.charts).toHaveLength(3);
		const bad = resolveGrid('2x2', 'nope', btc1m);
		expect(bad.errors.map((e) => e.param)).toEqual(['charts']);
		expect(bad.layout).toEqual({ preset: '2x2', charts: [btc1m] });
	});

	it('picks the smallest preset that fits when only charts are given', () => {
		expect(resolveGrid(undefined, 'btcusdt:1m,ethusdt:5m,btcusdt:1s', btc1m).layout.preset).toBe(
			'2x2'
		);
		expect(presetFor(5, '1+3')).toBe('3x3');
		expect(presetFor(3, '1+3')).toBe('1+3');
	});
});

describe('add, remove, duplicate', () => {
	const two: GridLayout = { preset: '2', charts: [btc1m, eth5m] };

	it('duplicates right after the chart and grows the grid when full', () => {
		expect(duplicateChart(two, 0)).toEqual({ preset: '2x2', charts: [btc1m, btc1m, eth5m] });
	});

	it('adds at the end, never past 9', () => {
		let layout: GridLayout = two;
		for (let i = 0; i < 10; i++) layout = addChart(layout, eth5m);
		expect(layout.charts).toHaveLength(9);
		expect(layout.preset).toBe('3x3');
		expect(duplicateChart(layout, 0)).toBe(layout);
	});

	it('removes any chart but the last one, keeping the preset', () => {
		expect(removeChart(two, 0)).toEqual({ preset: '2', charts: [eth5m] });
		const one = removeChart(two, 1);
		expect(removeChart(one, 0)).toBe(one);
		expect(removeChart(two, 5)).toBe(two);
	});

	it('refuses a preset too small; replaces one chart', () => {
		const three = duplicateChart(two, 1);
		expect(choosePreset(three, '2')).toBe(three);
		expect(choosePreset(three, '1+3').preset).toBe('1+3');
		expect(replaceChart(two, 1, btc1m).charts).toEqual([btc1m, btc1m]);
	});
});

describe('splits', () => {
	it('moves only the two tracks beside the line, never below the minimum', () => {
		const moved = moveSplit(equalShares(3), 0, 0.1);
		expect(moved[0]).toBeCloseTo(1 / 3 + 0.1);
		expect(moved[1]).toBeCloseTo(1 / 3 - 0.1);
		expect(moved[2]).toBeCloseTo(1 / 3);
		const squeezed = moveSplit(equalShares(2), 0, 5);
		expect(squeezed[1]).toBeCloseTo(MIN_SHARE);
		expect(splitPercent(squeezed, 0)).toBe(Math.round((1 - MIN_SHARE) * 100));
		expect(moveSplit(equalShares(2), 1, 0.1)).toEqual(equalShares(2));
	});

	it('reads stored shares back only when they are whole', () => {
		expect(checkShares([0.7, 0.3], 2)).toEqual([0.7, 0.3]);
		expect(checkShares([0.7, 0.2], 2)).toEqual([0.5, 0.5]);
		expect(checkShares([0.95, 0.05], 2)).toEqual([0.5, 0.5]);
		expect(checkShares('x', 3)).toEqual(equalShares(3));
	});
});
