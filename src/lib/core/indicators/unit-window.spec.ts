import { describe, expect, it } from 'vitest';
import { SquareWindow, UnitWindow } from './unit-window';

describe('UnitWindow and SquareWindow', () => {
	it('give the exact sum and sum of squares of the last values, looked ahead and pushed', () => {
		const size = 5;
		const units = new UnitWindow(size);
		const squares = new SquareWindow(size);
		const pushed: bigint[] = [];
		let seed = 11;
		for (let i = 0; i < 200; i++) {
			seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
			// Prices of 60 000 and more in 1e-8 units, and now and then one near 2^53.
			const value = i % 37 === 0 ? Number.MAX_SAFE_INTEGER - seed : 6e12 + seed;
			const window = [...pushed.slice(-(size - 1)), BigInt(value)];
			const sum = window.reduce((a, b) => a + b, 0n);
			const sumOfSquares = window.reduce((a, b) => a + b * b, 0n);
			const square = SquareWindow.square(value);
			expect(units.bigSumWith(value)).toBe(sum);
			expect(squares.sumWith(square)).toBe(sumOfSquares);
			units.push(value);
			squares.push(square, squares.sumWith(square));
			pushed.push(BigInt(value));
		}
	});
});
