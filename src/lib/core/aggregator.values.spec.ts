import { describe, expect, it } from 'vitest';
import { recordedTrades } from '../../../tests/support/recordings';
import { SymbolAggregator } from './aggregator';
import { trade } from './testing/test-trades';
import { unitsValue } from './trade-figures';

describe('SymbolAggregator last price and quantity as numbers', () => {
	it.each(['btcusdt-trade-depth-20240808.txt.gz', 'ten-symbols-aggtrade-depth-20210405.txt'])(
		'equal Number() of the text for every trade of %s',
		(file) => {
			const aggregators = new Map<string, SymbolAggregator>();
			let checked = 0;
			for (const t of recordedTrades(file)) {
				const aggregator = aggregators.get(t.symbol) ?? new SymbolAggregator(t.symbol);
				aggregators.set(t.symbol, aggregator);
				if (aggregator.add(t) !== 'added') continue;
				if (aggregator.lastPriceValue !== Number(t.price)) expect(t.price).toBe('equal');
				if (aggregator.lastQtyValue !== Number(t.qty)) expect(t.qty).toBe('equal');
				checked++;
			}
			expect(checked).toBeGreaterThan(1000);
		}
	);

	it('NaN before the first trade; a quantity beyond safe units still reads exactly', () => {
		const aggregator = new SymbolAggregator('BTCUSDT');
		expect(aggregator.lastPriceValue).toBeNaN();
		aggregator.add(trade(1, 0, '0.10000000', '123456789.12345678'));
		expect(aggregator.lastPriceValue).toBe(0.1);
		expect(aggregator.lastQtyValue).toBe(123456789.12345678);
		expect(unitsValue(12345678912345678n)).toBe(Number('123456789.12345678'));
	});
});
