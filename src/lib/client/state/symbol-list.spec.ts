import { describe, expect, it } from 'vitest';
import { moveItem } from './symbol-list';

describe('moveItem', () => {
	const list = ['a', 'b', 'c', 'd'];

	it('moves an item left or right, clamped to the ends', () => {
		expect(moveItem(list, 'c', -1)).toEqual(['a', 'c', 'b', 'd']);
		expect(moveItem(list, 'a', 2)).toEqual(['b', 'c', 'a', 'd']);
		expect(moveItem(list, 'b', 10)).toEqual(['a', 'c', 'd', 'b']);
	});

	it('gives the same array when nothing moves', () => {
		expect(moveItem(list, 'a', -1)).toBe(list);
		expect(moveItem(list, 'x', 1)).toBe(list);
	});
});
