import { describe, expect, it } from 'vitest';
import { recordedTrades } from '../../../../tests/support/recordings';
import { printedDecimal, RecentText } from './recent-text';

describe('printedDecimal', () => {
	it('is how JavaScript prints the number of every price and quantity of a recording', () => {
		const texts = recordedTrades('btc-eth-dot-aggtrade-kline1m-20210404.txt').flatMap((t) => [
			t.price,
			t.qty
		]);
		expect(texts.length).toBeGreaterThan(1000);
		for (const text of texts) expect(printedDecimal(text)).toBe(`${Number(text)}`);
	});

	it.each([
		['61689.88000000', '61689.88'],
		['100.00000000', '100'],
		['100', '100'],
		['0.00000000', '0'],
		['0.00012300', '0.000123'],
		['0.00000100', '0.000001'],
		['123456789.12345', '123456789.12345'],
		['0.5', '0.5']
	])('trims %s to %s, as the number prints', (text, printed) => {
		expect(printedDecimal(text)).toBe(printed);
		expect(`${Number(text)}`).toBe(printed);
	});

	it.each([
		// Printed with an exponent: 1e-7.
		'0.00000010',
		// Over 15 significant digits: the double's shortest text is another decimal.
		'12345678.123456789',
		'-1.5',
		'1e5',
		'.5',
		'01.5',
		'1.2.3',
		''
	])('leaves %j to the number printing itself', (text) => {
		expect(printedDecimal(text)).toBeNull();
	});
});

describe('RecentText', () => {
	it('says the number, from its decimal text when given, made again only for a new number', () => {
		const text = new RecentText();
		expect(text.of(61689.88, '61689.88000000')).toBe('61689.88');
		expect(text.of(61689.88)).toBe('61689.88');
		expect(text.of(1e-7, '0.00000010')).toBe('1e-7');
		expect(text.of(0.30000000000000004)).toBe('0.30000000000000004');
	});
});
