import { describe, expect, it } from 'vitest';
import { benchPlan, medianLines } from './e2e-plan';
import { e2eOptions } from './e2e-options';

describe('bench plan', () => {
	it('interleaves the variants of a rate and view, every other round reversed', () => {
		const plan = benchPlan({
			rates: [5000, 20_000],
			views: ['panels'],
			modes: ['adaptive', 'off'],
			builds: ['current'],
			repeat: 3
		});
		const order = plan.map((run) => `${run.rate}:${run.mode}:${run.round}`);
		expect(order).toEqual([
			'5000:adaptive:1',
			'5000:off:1',
			'5000:off:2',
			'5000:adaptive:2',
			'5000:adaptive:3',
			'5000:off:3',
			'20000:adaptive:1',
			'20000:off:1',
			'20000:off:2',
			'20000:adaptive:2',
			'20000:adaptive:3',
			'20000:off:3'
		]);
	});

	it('crosses builds with modes', () => {
		const plan = benchPlan({
			rates: [1000],
			views: ['chart'],
			modes: ['adaptive'],
			builds: ['current', 'baseline'],
			repeat: 2
		});
		expect(plan.map((run) => `${run.build}:${run.round}`)).toEqual([
			'current:1',
			'baseline:1',
			'baseline:2',
			'current:2'
		]);
	});
});

describe('median lines', () => {
	it('takes each figure’s median per variant, apart from the rounds', () => {
		const lines = [
			{ bench: 'e2e', rate: 1000, throttle: 'off', view: 'chart', round: 1, fps: 50, lag: 30 },
			{ bench: 'e2e', rate: 1000, throttle: 'adaptive', view: 'chart', round: 1, fps: 60, lag: 9 },
			{ bench: 'e2e', rate: 1000, throttle: 'off', view: 'chart', round: 2, fps: 40, lag: null },
			{ bench: 'e2e', rate: 1000, throttle: 'off', view: 'chart', round: 3, fps: 58, lag: 10 }
		];
		expect(medianLines(lines)).toEqual([
			{ summary: 'median', runs: 3, rate: 1000, throttle: 'off', view: 'chart', fps: 50, lag: 20 },
			{
				summary: 'median',
				runs: 1,
				rate: 1000,
				throttle: 'adaptive',
				view: 'chart',
				fps: 60,
				lag: 9
			}
		]);
	});
});

describe('bench options', () => {
	it('reads --repeat and refuses nonsense', () => {
		expect(e2eOptions(['--repeat', '3']).repeat).toBe(3);
		expect(e2eOptions([]).repeat).toBe(1);
		expect(() => e2eOptions(['--repeat', '0'])).toThrow(/--repeat takes a whole number/);
		expect(() => e2eOptions(['--modes', 'fast'])).toThrow(/--modes takes adaptive and\/or off/);
		expect(() => e2eOptions(['--baseline', '/nonexistent'])).toThrow(/--baseline takes a built/);
	});
});
