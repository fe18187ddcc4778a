import { describe, expect, it } from 'vitest';
import { budgetShare, busyWait, renderParams, slowRenderMs } from './render-params';
import { levelDetail, rateLabel, steppedLabel } from './render-status.svelte';

describe('renderParams', () => {
	it('reads the throttle mode and the injected slow render from the URL', () => {
		expect(renderParams('')).toEqual({ throttle: 'adaptive', slowRenderMs: 0, budgetShare: null });
		expect(
			renderParams('?symbol=btcusdt&throttle=off&debugSlowRenderMs=25&debugBudgetShare=0.05')
		).toEqual({ throttle: 'off', slowRenderMs: 25, budgetShare: 0.05 });
		expect(renderParams('?throttle=OFF&debugSlowRenderMs=abc').throttle).toBe('adaptive');
	});

	it('clamps a slow render to 0..1000 ms and refuses what is not a number', () => {
		expect(slowRenderMs('5000')).toBe(1000);
		expect(slowRenderMs(-3)).toBe(0);
		expect(slowRenderMs('abc')).toBe(0);
		expect(slowRenderMs(null)).toBe(0);
		expect(slowRenderMs(Number.POSITIVE_INFINITY)).toBe(0);
		expect(slowRenderMs(12.5)).toBe(12.5);
	});

	it('takes a budget share within (0, 1] only', () => {
		expect(['0.5', '1', '0', '-1', '2', 'abc', null].map(budgetShare)).toEqual([
			0.5,
			1,
			null,
			null,
			null,
			null,
			null
		]);
	});
});

describe('busyWait', () => {
	it('spins until the clock has moved on by the given ms', () => {
		let now = 100;
		let reads = 0;
		busyWait(5, () => {
			reads += 1;
			return (now += 1);
		});
		expect(now).toBeGreaterThanOrEqual(106);
		expect(reads).toBe(6);
		busyWait(0, () => {
			throw new Error('a zero wait reads no clock');
		});
	});
});

describe('throttle rate words', () => {
	const FRAME = 1000 / 60;
	it('says how often a view renders', () => {
		expect([1, 2, 3, 7, 10].map((frames) => rateLabel(frames, FRAME))).toEqual([
			'every frame',
			'1/2',
			'1/3',
			'1/7',
			'1/10'
		]);
		expect(rateLabel(15, FRAME)).toBe('4/s');
		expect(rateLabel(60, FRAME)).toBe('1 s');
	});

	it('lists every view for the tooltip, and names the one stepped down furthest', () => {
		const snapshot = {
			level: 1,
			costMs: 3.05,
			frameMs: FRAME,
			views: [
				{ id: 'chart', level: 2, framesPerRender: 3, stepped: 2, costMs: 2.96 },
				{ id: 'status', level: 2, framesPerRender: 5, stepped: 1, costMs: 0.09 }
			]
		};
		expect(levelDetail(snapshot)).toBe('chart 1/3 3.0 ms, status 1/5 0.1 ms');
		expect(steppedLabel(snapshot)).toBe('1/3');
		const calm = { ...snapshot, views: snapshot.views.map((view) => ({ ...view, stepped: 0 })) };
		expect(steppedLabel(calm)).toBe('every frame');
	});
});
