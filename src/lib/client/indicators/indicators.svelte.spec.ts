import { describe, expect, it } from 'vitest';
import type { IndicatorSpec } from '../../core/indicators/indicator-spec';
import { IndicatorsState } from './indicators.svelte';

/** A key-value store in memory, as localStorage. */
function memoryStorage() {
	const items = new Map<string, string>();
	return {
		getItem: (key: string) => items.get(key) ?? null,
		setItem: (key: string, value: string) => void items.set(key, value)
	};
}

const key = (i: number) => (i === 0 ? 'main' : `grid:${i}`);

function threeCharts() {
	const storage = memoryStorage();
	const changed: [string, string[]][] = [];
	const state = new IndicatorsState(storage, (chart, specs) =>
		changed.push([chart, specs.map((s: IndicatorSpec) => s.id)])
	);
	state.add('main', 'sma');
	state.add('grid:1', 'rsi');
	state.add('grid:2', 'ema');
	changed.length = 0;
	const ids = () =>
		Object.fromEntries(Object.entries(state.charts).map(([k, v]) => [k, v.map((s) => s.id)]));
	return { state, storage, changed, ids };
}

describe('IndicatorsState.reorder', () => {
	it('a chart removed: the ones after it move up with their indicators, the last name is freed', () => {
		const t = threeCharts();
		t.state.reorder(key, [0, 2], 3);
		expect(t.ids()).toEqual({ main: ['sma1'], 'grid:1': ['ema1'] });
		expect(t.changed).toEqual([
			['grid:1', ['ema1']],
			['grid:2', []]
		]);
		// Kept across a reload.
		const reloaded = new IndicatorsState(t.storage, () => {});
		expect(reloaded.of('grid:1').map((s) => s.id)).toEqual(['ema1']);
		expect(reloaded.of('grid:2')).toEqual([]);
	});

	it('the main chart removed: the next one becomes the main chart, indicators and all', () => {
		const t = threeCharts();
		t.state.reorder(key, [1, 2], 3);
		expect(t.ids()).toEqual({ main: ['rsi1'], 'grid:1': ['ema1'] });
	});

	it('a chart duplicated: the copy after it gets its indicators, the rest move down', () => {
		const t = threeCharts();
		t.state.reorder(key, [0, 1, 1, 2], 3);
		expect(t.ids()).toEqual({
			main: ['sma1'],
			'grid:1': ['rsi1'],
			'grid:2': ['rsi1'],
			'grid:3': ['ema1']
		});
		expect(t.changed.map(([chart]) => chart)).toEqual(['grid:2', 'grid:3']);
	});
});
