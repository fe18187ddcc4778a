import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkShares, equalShares, MIN_SHARE, moveSplit, splitPercent } from './splits';

const sum = (shares: readonly number[]) => shares.reduce((a, b) => a + b, 0);

describe('grid splits', () => {
	it('moves only the two tracks beside the line', () => {
		expect(moveSplit([0.5, 0.5], 0, 0.1)).toEqual([0.6, 0.4]);
		const three = moveSplit(equalShares(3), 1, -0.1);
		expect(three[0]).toBeCloseTo(1 / 3, 12);
		expect(three[1]).toBeCloseTo(1 / 3 - 0.1, 12);
		expect(three[2]).toBeCloseTo(1 / 3 + 0.1, 12);
	});

	it('keeps every track at the minimum share or more, and the whole at 1', () => {
		expect(moveSplit([0.5, 0.5], 0, 0.9)).toEqual([1 - MIN_SHARE, MIN_SHARE]);
		expect(moveSplit([0.5, 0.5], 0, -0.9)).toEqual([MIN_SHARE, 1 - MIN_SHARE]);
		fc.assert(
			fc.property(
				fc.integer({ min: 2, max: 3 }),
				fc.array(fc.tuple(fc.nat(2), fc.double({ min: -1, max: 1, noNaN: true })), {
					maxLength: 30
				}),
				(count, moves) => {
					let shares = equalShares(count);
					for (const [boundary, delta] of moves) shares = moveSplit(shares, boundary, delta);
					expect(sum(shares)).toBeCloseTo(1, 9);
					for (const share of shares) expect(share).toBeGreaterThanOrEqual(MIN_SHARE - 1e-12);
				}
			)
		);
	});

	it('ignores a line that is not there and a move that is not a number', () => {
		const shares = [0.5, 0.5];
		expect(moveSplit(shares, 1, 0.1)).toBe(shares);
		expect(moveSplit(shares, 0, Number.NaN)).toBe(shares);
	});

	it('reads stored shares back only when they fit the preset', () => {
		expect(checkShares([0.7, 0.3], 2)).toEqual([0.7, 0.3]);
		for (const bad of [[0.7, 0.3, 0], [0.9, 0.05], [0.5, 0.6], 'x', null, [0.5, '0.5']]) {
			expect(checkShares(bad, 2)).toEqual([0.5, 0.5]);
		}
	});

	it('says where a line sits in percent', () => {
		expect(splitPercent([0.25, 0.25, 0.5], 0)).toBe(25);
		expect(splitPercent([0.25, 0.25, 0.5], 1)).toBe(50);
	});
});
