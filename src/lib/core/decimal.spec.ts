import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecimalScan, formatUnits, normaliseDecimal, parseUnits, scanDecimal } from './decimal';
import { measureTrade, TradeFigures } from './trade-figures';

function scan(text: string): { mantissa: number; big: bigint | null; decimals: number } | null {
	const out = new DecimalScan();
	return scanDecimal(text, out)
		? { mantissa: out.mantissa, big: out.big, decimals: out.decimals }
		: null;
}

describe('scanDecimal', () => {
	it('drops trailing fractional zeros into a short mantissa', () => {
		expect(scan('61837.63000000')).toEqual({ mantissa: 6183763, big: null, decimals: 2 });
		expect(scan('0.02000000')).toEqual({ mantissa: 2, big: null, decimals: 2 });
		expect(scan('0.00000001')).toEqual({ mantissa: 1, big: null, decimals: 8 });
		expect(scan('0.2312')).toEqual({ mantissa: 2312, big: null, decimals: 4 });
	});

	it('keeps integer zeros and reads zero', () => {
		expect(scan('100')).toEqual({ mantissa: 100, big: null, decimals: 0 });
		expect(scan('100.00')).toEqual({ mantissa: 100, big: null, decimals: 0 });
		expect(scan('0.00000000')).toEqual({ mantissa: 0, big: null, decimals: 0 });
		expect(scan('0')).toEqual({ mantissa: 0, big: null, decimals: 0 });
		expect(scan('5.')).toEqual({ mantissa: 5, big: null, decimals: 0 });
	});

	it('falls back to bigint beyond 2^53', () => {
		expect(scan('1234567890.12345678')).toEqual({
			mantissa: -1,
			big: 123456789012345678n,
			decimals: 8
		});
		expect(scan('90071992547409930')).toEqual({
			mantissa: -1,
			big: 90071992547409930n,
			decimals: 0
		});
		// Trailing zeros are stripped first, so PEPE-sized quantities stay numbers.
		expect(scan('1234567890.00000000')).toEqual({ mantissa: 1234567890, big: null, decimals: 0 });
		expect(scan('9007199254740991')).toEqual({
			mantissa: 9007199254740991,
			big: null,
			decimals: 0
		});
	});

	it.each(['', '.', '-1', '+1', '1e5', ' 1', '1 ', '1.2.3', '1,5', 'NaN', '0x10'])(
		'rejects %j',
		(text) => {
			expect(scan(text)).toBeNull();
		}
	);
});

describe('parseUnits', () => {
	it('scales to the requested decimals exactly', () => {
		expect(parseUnits('58001.03000000', 8)).toBe(5800103000000n);
		expect(parseUnits('0.2312', 8)).toBe(23120000n);
		expect(parseUnits('43', 8)).toBe(4300000000n);
		expect(parseUnits('99999999999.99999999', 8)).toBe(9999999999999999999n);
		expect(parseUnits('0.123456789', 8)).toBeNull();
		expect(parseUnits('0.1234567890000', 9)).toBe(123456789n);
		expect(parseUnits('abc', 8)).toBeNull();
	});
});

describe('formatUnits', () => {
	it('prints at least 8 decimals, from numbers and bigints alike', () => {
		expect(formatUnits(5800103000000, 8)).toBe('58001.03000000');
		expect(formatUnits(5800103000000n, 8)).toBe('58001.03000000');
		expect(formatUnits(0, 8)).toBe('0.00000000');
		expect(formatUnits(1, 8)).toBe('0.00000001');
		expect(formatUnits(9007199254740991, 8)).toBe('90071992.54740991');
		expect(formatUnits(123456789012345678901234n, 8)).toBe('1234567890123456.78901234');
		expect(formatUnits(-150000000n, 8)).toBe('-1.50000000');
	});

	it('keeps non-zero digits beyond the 8th of a 16-decimal quote', () => {
		expect(formatUnits(14621710000000000000n, 16)).toBe('1462.17100000');
		expect(formatUnits(370370340000000n, 16)).toBe('0.037037034');
		expect(formatUnits(1n, 16)).toBe('0.0000000000000001');
		expect(formatUnits(0n, 16)).toBe('0.00000000');
	});

	it('refuses a number that is not a safe integer', () => {
		expect(() => formatUnits(2 ** 53, 8)).toThrow(RangeError);
		expect(() => formatUnits(0.5, 8)).toThrow(RangeError);
	});

	it('round-trips through parseUnits for any 8-decimal value', () => {
		fc.assert(
			fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), (units) => {
				expect(parseUnits(formatUnits(units, 8), 8)).toBe(units);
				if (units <= BigInt(Number.MAX_SAFE_INTEGER)) {
					expect(formatUnits(Number(units), 8)).toBe(formatUnits(units, 8));
				}
			})
		);
	});
});

describe('normaliseDecimal', () => {
	it.each([
		['0.2312', '0.23120000'],
		['43', '43.00000000'],
		['58001.03000000', '58001.03000000'],
		['0.037037034', '0.037037034'],
		['0.03703703400000', '0.037037034'],
		['1.', '1.00000000'],
		['.5', '0.50000000']
	])('%s -> %s', (input, output) => {
		expect(normaliseDecimal(input)).toBe(output);
	});

	it('throws on text that is not a plain decimal', () => {
		expect(() => normaliseDecimal('1e-8')).toThrow(RangeError);
	});
});

describe('measureTrade', () => {
	const figures = new TradeFigures();

	it('keeps the common Binance product a number at 1e-8', () => {
		measureTrade('61837.63000000', '0.02000000', figures);
		expect(figures).toMatchObject({ price: 6183763000000, volume: 2000000, quote: 123675260000 });
	});

	it('computes a product with up to 16 decimals exactly in bigint', () => {
		measureTrade('0.12345678', '0.30000000', figures);
		expect(figures.quote).toBe(-1);
		expect(figures.quoteBig).toBe(370370340000000n);
		measureTrade('0.00000001', '0.00000001', figures);
		expect(figures.quoteBig).toBe(1n);
	});

	it('switches to bigint for huge prices and quantities', () => {
		measureTrade('1234567890.12345678', '1234567890.00000000', figures);
		expect(figures.price).toBe(123456789012345678n);
		expect(figures.volume).toBe(-1);
		expect(figures.volumeBig).toBe(123456789000000000n);
		expect(figures.quote).toBe(-1);
		expect(figures.quoteBig).toBe(123456789012345678n * 123456789000000000n);
	});

	it('rejects more than 8 significant decimals and non-decimals', () => {
		expect(() => measureTrade('0.123456789', '1', figures)).toThrow(RangeError);
		expect(() => measureTrade('1', '-1', figures)).toThrow(RangeError);
		expect(() => measureTrade('1.0000000000', '1', figures)).not.toThrow();
	});

	it('matches bigint arithmetic for any price and quantity', () => {
		const decimal = fc
			.tuple(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 8 }))
			.map(([units, decimals]) => formatUnits(units * 10n ** BigInt(8 - decimals), 8));
		fc.assert(
			fc.property(decimal, decimal, (price, qty) => {
				measureTrade(price, qty, figures);
				const p = parseUnits(price, 8) ?? -1n;
				const q = parseUnits(qty, 8) ?? -1n;
				expect(BigInt(figures.price)).toBe(p);
				expect(figures.volume >= 0 ? BigInt(figures.volume) : figures.volumeBig).toBe(q);
				const quote = figures.quote >= 0 ? BigInt(figures.quote) * 10n ** 8n : figures.quoteBig;
				expect(quote).toBe(p * q);
			})
		);
	});
});
