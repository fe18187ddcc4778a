import { describe, expect, it } from 'vitest';
import { Thresholds } from './thresholds';

describe('Thresholds', () => {
	const levels = new Thresholds([
		[3, 'c'],
		[1, 'a'],
		[2, 'b1'],
		[2, 'b2']
	]);

	it('sorts the items by their value', () => {
		expect([...levels.values]).toEqual([1, 2, 2, 3]);
		expect(levels.items).toEqual(['a', 'b1', 'b2', 'c']);
	});

	it('finds the first value above, or at or above, a number', () => {
		expect(levels.firstAbove(2)).toBe(3);
		expect(levels.firstAtOrAbove(2)).toBe(1);
		expect(levels.firstAbove(0)).toBe(0);
		expect(levels.firstAtOrAbove(4)).toBe(4);
	});

	it('steps to the same places from any start', () => {
		for (const x of [0, 1, 1.5, 2, 2.5, 3, 4]) {
			for (let from = -1; from <= 5; from++) {
				expect(levels.firstAboveFrom(from, x)).toBe(levels.firstAbove(x));
				expect(levels.firstAtOrAboveFrom(from, x)).toBe(levels.firstAtOrAbove(x));
			}
		}
	});
});
