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
});
