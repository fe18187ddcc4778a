import { describe, expect, it } from 'vitest';
import { symbolFromFileName } from './dump-file-name';

describe('symbolFromFileName', () => {
	it.each([
		['BTCUSDT-aggTrades-2024-08-08.csv', 'BTCUSDT'],
		['/data/dumps/ethusdt-trades-2025-03.csv.gz', 'ETHUSDT'],
		['C:\\dumps\\DOTUSDT-aggTrades-2021-04-04.zip', 'DOTUSDT'],
		['BTCUSDT-1s-2024-08-08.csv', null],
		['trades.csv', null]
	])('%s -> %s', (name, symbol) => {
		expect(symbolFromFileName(name)).toBe(symbol);
	});
});
