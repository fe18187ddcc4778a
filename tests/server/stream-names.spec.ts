import { describe, expect, it } from 'vitest';
import { isValidStreamName } from './stream-names.ts';

describe('isValidStreamName', () => {
	it('accepts Binance spot stream names', () => {
		for (const name of [
			'btcusdt@aggTrade',
			'btcusdt@trade',
			'ethusdt@depth20@100ms',
			'ethusdt@depth5',
			'btcusdt@depth@100ms',
			'btcusdt@depth',
			'btcusdt@bookTicker',
			'btcusdt@kline_1s',
			'btcusdt@kline_1M',
			'xrpxrp@miniTicker',
			'!miniTicker@arr'
		]) {
			expect([name, isValidStreamName(name)]).toEqual([name, true]);
		}
	});

	it('rejects upper-case symbols, unknown types and malformed names', () => {
		for (const name of [
			'BTCUSDT@aggTrade',
			'btcusdt@aggtrade',
			'btcusdt@depth15',
			'btcusdt@kline_2m',
			'btcusdt',
			'@trade',
			'btcusdt@trade ',
			''
		]) {
			expect([name, isValidStreamName(name)]).toEqual([name, false]);
		}
	});
});
