import { describe, expect, it } from 'vitest';
import { direction, priceDecimals, quoteView } from './quote';

const book = {
	symbol: 'btcusdt',
	bestBid: '61837.62000000',
	bestAsk: '61837.63000000',
	lastUpdateId: 1
};

describe('quoteView', () => {
	it('formats last, bid, ask and an exact spread at the symbol precision', () => {
		expect(quoteView('61837.60000000', book, 2)).toEqual({
			last: '61,837.60',
			bid: '61,837.62',
			ask: '61,837.63',
			spread: '0.01',
			spreadBps: '0.002'
		});
		const wide = { ...book, bestBid: '99.00000000', bestAsk: '101.00000000' };
		expect(quoteView('100.00000000', wide, 2)).toMatchObject({
			spread: '2.00',
			spreadBps: '200.0'
		});
	});

	it('shows dashes for what is not known yet', () => {
		expect(quoteView(undefined, undefined, 2)).toEqual({
			last: '–',
			bid: '–',
			ask: '–',
			spread: '–',
			spreadBps: '–'
		});
		expect(quoteView('1.5', { ...book, bestAsk: null }, 1)).toMatchObject({
			last: '1.5',
			spread: '–'
		});
	});
});

describe('priceDecimals', () => {
	it('keeps the most decimals seen', () => {
		expect(priceDecimals(0, '61837.60000000', '61837.63000000', null)).toBe(2);
		expect(priceDecimals(4, '1.5')).toBe(4);
		expect(priceDecimals(0, undefined, '0.00001234')).toBe(8);
	});
});

describe('direction', () => {
	it('compares exactly', () => {
		expect(direction(undefined, '1')).toBe('flat');
		expect(direction('61837.63', '61837.64000000')).toBe('up');
		expect(direction('61837.63', '61837.62')).toBe('down');
		expect(direction('61837.63', '61837.63000000')).toBe('flat');
	});
});
