import { describe, expect, it } from 'vitest';
import { framesPerSecond, megabytes, percentile, round } from './e2e-stats';

describe('percentile', () => {
	it('takes the nearest rank', () => {
		const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
		expect(percentile(values, 50)).toBe(5);
		expect(percentile(values, 99)).toBe(10);
		expect(percentile(values, 5)).toBe(1);
		expect(percentile(values, 0)).toBe(1);
		expect(percentile([], 50)).toBeNull();
	});
});

describe('framesPerSecond', () => {
	it('counts frames per whole second and drops the partial tail', () => {
		const at60 = Array.from({ length: 150 }, (_, i) => 1000 + (i * 1000) / 60);
		expect(framesPerSecond(at60)).toEqual([60, 60]);
		const stall = [0, 16, 33, 1500, 1516, 2600];
		expect(framesPerSecond(stall)).toEqual([3, 2]);
		expect(framesPerSecond([])).toEqual([]);
	});
});

describe('rounding', () => {
	it('rounds figures for the JSON line', () => {
		expect(round(12.345, 1)).toBe(12.3);
		expect(round(null)).toBeNull();
		expect(megabytes(123_456_789)).toBe(123.5);
	});
});
