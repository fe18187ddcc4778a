import { describe, expect, it } from 'vitest';
import { menuKeyTarget, openingIndex } from './menu-keys';

describe('menuKeyTarget', () => {
	it('moves with the arrows and wraps around', () => {
		expect(menuKeyTarget('ArrowDown', 0, 2)).toBe(1);
		expect(menuKeyTarget('ArrowDown', 1, 2)).toBe(0);
		expect(menuKeyTarget('ArrowUp', 0, 2)).toBe(1);
	});
	it('jumps to the ends and closes on Escape or Tab', () => {
		expect(menuKeyTarget('Home', 1, 3)).toBe(0);
		expect(menuKeyTarget('End', 0, 3)).toBe(2);
		expect(menuKeyTarget('Escape', 0, 3)).toBe('close');
		expect(menuKeyTarget('Tab', 0, 3)).toBe('close');
		expect(menuKeyTarget('a', 0, 3)).toBeNull();
		expect(menuKeyTarget('ArrowDown', 0, 0)).toBeNull();
	});
});

describe('openingIndex', () => {
	it('opens onto the first item, or the last with ArrowUp', () => {
		expect(openingIndex('ArrowDown')).toBe('first');
		expect(openingIndex('Enter')).toBe('first');
		expect(openingIndex('ArrowUp')).toBe('last');
		expect(openingIndex('x')).toBeNull();
	});
});
