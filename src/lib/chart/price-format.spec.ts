import { describe, expect, it } from 'vitest';
import type { BarPrice } from 'lightweight-charts';
import {
	decimalsOfNumber,
	formatVolume,
	priceDecimals,
	priceFormat,
	groupedPrice
} from './price-format';
import { fromChartTime, toChartTime } from './chart-time';

describe('decimalsOfNumber', () => {
	it('reads the decimals a price string had', () => {
		expect(decimalsOfNumber(Number('61837.63000000'))).toBe(2);
		expect(decimalsOfNumber(Number('61837.60000000'))).toBe(1);
		expect(decimalsOfNumber(Number('0.00001234'))).toBe(8);
		expect(decimalsOfNumber(0.1 + 0.2)).toBe(1);
		expect(decimalsOfNumber(2611)).toBe(0);
		expect(decimalsOfNumber(Number.NaN)).toBe(0);
	});
});

describe('priceDecimals', () => {
	it('takes the maximum from index `from`, at least the known value', () => {
		const prices = Float64Array.from([0.123, 61837.6, 61837.63]);
		expect(priceDecimals([prices], 0, 0)).toBe(3);
		expect(priceDecimals([prices], 1, 0)).toBe(2);
		expect(priceDecimals([Float64Array.from([100])], 0)).toBe(2);
		expect(priceDecimals([Float64Array.from([1e-8])], 0, 5)).toBe(8);
	});

	it('gives a chart price format with the header thousands separators', () => {
		const format = priceFormat(2);
		expect(format).toMatchObject({ type: 'custom', minMove: 0.01 });
		expect(format.type === 'custom' ? format.formatter(61837.6 as BarPrice) : '').toBe('61,837.60');
		expect(groupedPrice(-1234567.891, 2)).toBe('-1,234,567.89');
		expect(groupedPrice(0.5, 4)).toBe('0.5000');
	});
});

describe('formatVolume', () => {
	it('keeps a few significant digits', () => {
		expect(formatVolume(0)).toBe('0');
		expect(formatVolume(0.012345)).toBe('0.0123');
		expect(formatVolume(12.345)).toBe('12.35');
		expect(formatVolume(1234.5)).toBe('1234.5');
		expect(formatVolume(123_456)).toBe('123.46K');
	});
});

describe('chart time', () => {
	it('converts ms open times to whole seconds and back', () => {
		expect(toChartTime(1_723_075_200_000)).toBe(1_723_075_200);
		expect(toChartTime(1_723_075_200_999)).toBe(1_723_075_200);
		expect(fromChartTime(toChartTime(1_723_075_201_000))).toBe(1_723_075_201_000);
	});
});
