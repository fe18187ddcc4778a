import { describe, expect, it } from 'vitest';
import { formatScaled, isZeroDecimal, parseScaled } from './decimal.ts';

describe('decimal', () => {
	it('parses Binance decimal strings into 1e-8 units', () => {
		expect(parseScaled('61837.63000000')).toBe(6_183_763_000_000n);
		expect(parseScaled('0.00000001')).toBe(1n);
		expect(parseScaled('-1.5')).toBe(-150_000_000n);
		expect(parseScaled('7')).toBe(700_000_000n);
		expect(parseScaled('0.10000000000', 8)).toBe(10_000_000n);
	});

	it('refuses text that is not a decimal or has more digits than the scale', () => {
		expect(() => parseScaled('1.000000001')).toThrow(/more than 8 decimals/);
		expect(() => parseScaled('1e-8')).toThrow(/not a decimal/);
		expect(() => parseScaled('')).toThrow(/not a decimal/);
	});

	it('formats with 8 decimals and truncates a larger scale', () => {
		expect(formatScaled(1n)).toBe('0.00000001');
		expect(formatScaled(-150_000_000n)).toBe('-1.50000000');
		expect(formatScaled(0n)).toBe('0.00000000');
		expect(formatScaled(123_456_789_012_345_678n, 16, 8)).toBe('12.34567890');
		expect(formatScaled(-5n, 16, 8)).toBe('0.00000000');
	});

	it('sums 0.1 + 0.2 exactly', () => {
		expect(formatScaled(parseScaled('0.1') + parseScaled('0.2'))).toBe('0.30000000');
	});

	it('recognises zero quantities', () => {
		expect(isZeroDecimal('0.00000000')).toBe(true);
		expect(isZeroDecimal('0')).toBe(true);
		expect(isZeroDecimal('0.00000001')).toBe(false);
		expect(isZeroDecimal('10.0')).toBe(false);
	});
});
