import { describe, expect, it } from 'vitest';
import { decimalsOf, formatDecimal, roundDecimal, subtractDecimal } from './decimal-text';

describe('decimalsOf', () => {
	it('counts significant decimals of Binance strings', () => {
		expect(decimalsOf('61837.63000000')).toBe(2);
		expect(decimalsOf('61837.60000000')).toBe(1);
		expect(decimalsOf('0.00001230')).toBe(7);
		expect(decimalsOf('12')).toBe(0);
		expect(decimalsOf('12.')).toBe(0);
		expect(decimalsOf('abc')).toBe(-1);
		expect(decimalsOf('1e-7')).toBe(-1);
	});
});

describe('formatDecimal', () => {
	it('pads to the wanted decimals and groups thousands', () => {
		expect(formatDecimal('61837.60000000', 2)).toBe('61,837.60');
		expect(formatDecimal('1234567.5', 0)).toBe('1,234,567.5');
		expect(formatDecimal('0.00001230', 8)).toBe('0.00001230');
		expect(formatDecimal('00042.10', 3)).toBe('42.100');
		expect(formatDecimal('999', 0)).toBe('999');
		expect(formatDecimal('-1000.5', 1)).toBe('-1,000.5');
		expect(formatDecimal('-0.000', 2)).toBe('0.00');
	});

	it('never cuts decimals and passes non-decimals through', () => {
		expect(formatDecimal('1.23456', 2)).toBe('1.23456');
		expect(formatDecimal('n/a', 2)).toBe('n/a');
	});
});

describe('subtractDecimal', () => {
	it('is exact where floats are not', () => {
		expect(0.3 - 0.1).not.toBe(0.2);
		expect(subtractDecimal('0.30000000', '0.10000000')).toBe('0.2');
		expect(subtractDecimal('61837.64000000', '61837.63000000')).toBe('0.01');
		expect(subtractDecimal('100', '0.5')).toBe('99.5');
		expect(subtractDecimal('1.5', '2')).toBe('-0.5');
		expect(subtractDecimal('7', '7')).toBe('0');
		expect(subtractDecimal('x', '1')).toBeNull();
	});
});

describe('roundDecimal', () => {
	it('rounds half away from zero on the text, with separators', () => {
		expect(roundDecimal('-1.12105', 4)).toBe('-1.1211');
		expect(roundDecimal('1.12104999', 4)).toBe('1.1210');
		expect(roundDecimal('99999.99996', 4)).toBe('100,000.0000');
		expect(roundDecimal('0.00004', 4)).toBe('0.0000');
		expect(roundDecimal('-0.00004', 4)).toBe('0.0000');
		expect(roundDecimal('12', 2)).toBe('12.00');
		expect(roundDecimal('1234.5', 0)).toBe('1,235');
		expect(roundDecimal('n/a', 2)).toBe('n/a');
	});
});
