import { describe, expect, it } from 'vitest';
import { isValidSymbol } from './symbol';

describe('isValidSymbol', () => {
	it('accepts lower-case letters and digits, 2 to 20 long', () => {
		expect(isValidSymbol('btcusdt')).toBe(true);
		expect(isValidSymbol('1000satsusdt')).toBe(true);
		expect(isValidSymbol('ab')).toBe(true);
		expect(isValidSymbol('a'.repeat(20))).toBe(true);
	});

	it('rejects upper case, separators, and wrong lengths', () => {
		expect(isValidSymbol('BTCUSDT')).toBe(false);
		expect(isValidSymbol('btc-usdt')).toBe(false);
		expect(isValidSymbol('btcusdt@aggTrade')).toBe(false);
		expect(isValidSymbol('b')).toBe(false);
		expect(isValidSymbol('a'.repeat(21))).toBe(false);
		expect(isValidSymbol('')).toBe(false);
	});
});
