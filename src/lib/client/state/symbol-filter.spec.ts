import { describe, expect, it } from 'vitest';
import { symbolInfo } from '../../core/testing/test-market';
import { filterSymbols } from './symbol-filter';

const info = (symbol: string, base: string, quote: string) => ({
	...symbolInfo(symbol),
	baseAsset: base,
	quoteAsset: quote
});

const LIST = [
	info('BTCUSDT', 'BTC', 'USDT'),
	info('ETHBTC', 'ETH', 'BTC'),
	info('BTCDOMUSDT', 'BTCDOM', 'USDT'),
	info('ETHUSDT', 'ETH', 'USDT'),
	info('WBTCETH', 'WBTC', 'ETH')
];
const names = (query: string, limit = 10) => filterSymbols(LIST, query, limit).map((i) => i.symbol);

describe('filterSymbols', () => {
	it('finds by base asset first, then quote asset, then anywhere in the symbol', () => {
		expect(names('btc')).toEqual(['BTCUSDT', 'BTCDOMUSDT', 'ETHBTC', 'WBTCETH']);
	});

	it('finds every market of a quote asset', () => {
		expect(names('usdt')).toEqual(['BTCDOMUSDT', 'BTCUSDT', 'ETHUSDT']);
	});

	it('reads two words as base and quote', () => {
		expect(names('eth usdt')).toEqual(['ETHUSDT']);
		expect(names('eth/btc')).toEqual(['ETHBTC']);
	});

	it('gives everything (up to the limit) for an empty query', () => {
		expect(names('', 2)).toEqual(['BTCUSDT', 'ETHBTC']);
	});
});
