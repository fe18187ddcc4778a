import { describe, expect, it } from 'vitest';
import { keyboardMove } from './keyboard-view';

const range = { from: 100, to: 200 };

describe('keyboardMove', () => {
	it('pans by a share of the visible bars', () => {
		expect(keyboardMove('ArrowLeft', range)).toEqual({ range: { from: 85, to: 185 } });
		expect(keyboardMove('ArrowRight', range)).toEqual({ range: { from: 115, to: 215 } });
	});
	it('zooms around the middle, never below a few bars', () => {
		expect(keyboardMove('+', range)).toEqual({ range: { from: 110, to: 190 } });
		expect(keyboardMove('-', range)).toEqual({ range: { from: 87.5, to: 212.5 } });
		expect(keyboardMove('+', { from: 0, to: 4 })).toEqual({ range: { from: -2, to: 6 } });
	});
	it('returns to the latest bar on End and ignores other keys', () => {
		expect(keyboardMove('End', range)).toEqual({ latest: true });
		expect(keyboardMove('a', range)).toBeNull();
	});
});
