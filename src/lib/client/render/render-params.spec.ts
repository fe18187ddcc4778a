import { describe, expect, it } from 'vitest';
import { busyWait, renderParams, slowRenderMs } from './render-params';
import { levelDetail, levelLabel } from './render-status.svelte';

describe('renderParams', () => {
	it('reads the throttle mode and the injected slow render from the URL', () => {
		expect(renderParams('')).toEqual({ throttle: 'adaptive', slowRenderMs: 0 });
		expect(renderParams('?symbol=btcusdt&throttle=off&debugSlowRenderMs=25')).toEqual({
			throttle: 'off',
			slowRenderMs: 25
		});
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

describe('throttle level words', () => {
	it('names every level and lists every view for the tooltip', () => {
		expect([0, 1, 2, 3, 4].map(levelLabel)).toEqual(['every frame', '1/2', '1/4', '1/10', '1 s']);
		expect(levelLabel(9)).toBe('1 s');
		expect(
			levelDetail({
				level: 2,
				costMs: 3.05,
				views: [
					{ id: 'chart', level: 2, costMs: 2.96 },
					{ id: 'status', level: 0, costMs: 0.09 }
				]
			})
		).toBe('chart 1/4 3.0 ms, status every frame 0.1 ms');
	});
});
