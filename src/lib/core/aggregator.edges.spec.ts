import { describe, expect, it } from 'vitest';
import { SymbolAggregator } from './aggregator';
import { trade } from './testing/test-trades';
import type { Trade } from './trade';

function aggregate(trades: readonly Trade[], maxBars?: number): SymbolAggregator {
	const aggregator = new SymbolAggregator('BTCUSDT', { maxBars });
	for (const t of trades) expect(aggregator.add(t)).toBe('added');
	return aggregator;
}

describe('SymbolAggregator exactness at the edges', () => {
	const HALF = '50000000.00000000'; // 5e15 units of 1e-8: two of them pass 2^53
	const DOUBLE = '100000000.00000000';

	it('keeps sums exact past 2^53 within a second and across merged seconds', () => {
		const taker = { buyerMaker: false };
		const aggregator = aggregate([
			trade(1, 0, '1', HALF, taker),
			trade(2, 10, '1', HALF, taker),
			trade(3, 1000, '1', HALF, taker),
			trade(4, 2000, '1', HALF, taker)
		]);
		const [, , , , , v, , q, n, buyV, buyQ] = aggregator.klines('1s')[0] ?? [];
		expect([v, q, n, buyV, buyQ]).toEqual([DOUBLE, DOUBLE, 2, DOUBLE, DOUBLE]);
		const [, , , , , v1, , q1, n1, buyV1, buyQ1] = aggregator.klines('1m')[0] ?? [];
		const QUAD = '200000000.00000000';
		expect([v1, q1, n1, buyV1, buyQ1]).toEqual([QUAD, QUAD, 4, QUAD, QUAD]);
	});

	it('compares and prints prices beyond 2^53 units exactly', () => {
		const aggregator = aggregate([
			trade(1, 0, '1234567890.12345678', '1'),
			trade(2, 1, '1234567890.12345679', '1'),
			trade(3, 2, '1234567890.12345677', '1')
		]);
		expect(aggregator.klines('1s')[0]?.slice(1, 6)).toEqual([
			'1234567890.12345678',
			'1234567890.12345679',
			'1234567890.12345677',
			'1234567890.12345677',
			'3.00000000'
		]);
		expect(aggregator.klines('1s')[0]?.[7]).toBe('3703703670.37037034');
	});

	it('prints the digits of a quote volume beyond the 8th decimal rather than lose them', () => {
		const aggregator = aggregate([
			trade(1, 0, '0.12345678', '0.3'),
			trade(2, 1, '1234567890.00000000', '0.00000001', { buyerMaker: false })
		]);
		const row = aggregator.klines('1s')[0];
		expect(row?.[7]).toBe('12.382715934');
		expect(row?.[10]).toBe('12.34567890');
	});

	it('throws RangeError for a malformed trade and changes nothing', () => {
		const aggregator = aggregate([trade(1, 0, '1', '1')]);
		const before = aggregator.klines('1s');
		expect(() => aggregator.add(trade(2, 1, '0.123456789', '1'))).toThrow(RangeError);
		expect(() => aggregator.add(trade(2, 1, '1', '1e3'))).toThrow(RangeError);
		expect(() => aggregator.add(trade(2, 1, '1', '1', { count: 0 }))).toThrow(RangeError);
		expect(() => aggregator.add(trade(2.5, 1, '1', '1'))).toThrow(RangeError);
		expect(aggregator.klines('1s')).toEqual(before);
		expect([aggregator.revision, aggregator.lastTradeId]).toEqual([1, 1]);
	});

	it('refuses a maxBars that is not a positive integer', () => {
		expect(() => new SymbolAggregator('X', { maxBars: 0 })).toThrow(RangeError);
		expect(() => new SymbolAggregator('X', { maxBars: 1.5 })).toThrow(RangeError);
	});
});
