import { describe, expect, it } from 'vitest';
import { SymbolAggregator } from './aggregator';
import type { KlineRow } from './kline';
import { epochMs } from './time';
import { T0, trade } from './testing/test-trades';
import type { Trade } from './trade';

function aggregate(trades: readonly Trade[], maxBars?: number): SymbolAggregator {
	const aggregator = new SymbolAggregator('BTCUSDT', { maxBars });
	for (const t of trades) expect(aggregator.add(t)).toBe('added');
	return aggregator;
}

const Z = '0.00000000';
function flat(openTime: number, size: number, close: string): KlineRow {
	return [
		epochMs(openTime),
		close,
		close,
		close,
		close,
		Z,
		epochMs(openTime + size - 1),
		Z,
		0,
		Z,
		Z,
		'0'
	];
}

describe('SymbolAggregator candles', () => {
	it('builds a 1 s candle: first, extremes, last, exact sums, underlying count, taker buys', () => {
		const aggregator = aggregate([
			trade(1, 100, '58001.03000000', '0.08620500', { count: 3 }),
			trade(2, 350, '58001.04000000', '0.02627600', { buyerMaker: false }),
			trade(3, 999, '58000.99', '0.000526', { count: 2 })
		]);
		expect(aggregator.klines('1s')).toEqual([
			[
				T0,
				'58001.03000000',
				'58001.04000000',
				'58000.99000000',
				'58000.99000000',
				'0.11300700',
				T0 + 999,
				'6554.52263893',
				6,
				'0.02627600',
				'1524.03532704',
				'0'
			]
		]);
		expect(aggregator.lastPrice).toBe('58000.99');
		expect(aggregator.lastTradeId).toBe(3);
		expect(aggregator.revision).toBe(3);
	});

	it('fills tradeless seconds with flat candles at the previous close', () => {
		const aggregator = aggregate([
			trade(1, 1500, '10.5', '1'),
			trade(2, 1700, '10', '1'),
			trade(3, 4200, '12', '2')
		]);
		const rows = aggregator.klines('1s');
		expect(rows.map((r) => r[0])).toEqual([T0 + 1000, T0 + 2000, T0 + 3000, T0 + 4000]);
		expect(rows[1]).toEqual(flat(T0 + 2000, 1000, '10.00000000'));
		expect(rows[2]).toEqual(flat(T0 + 3000, 1000, '10.00000000'));
		expect(rows[3]?.slice(1, 5)).toEqual([
			'12.00000000',
			'12.00000000',
			'12.00000000',
			'12.00000000'
		]);
	});

	it('opens a larger candle at its first trade and makes a tradeless minute flat', () => {
		const aggregator = aggregate([
			trade(1, 50_000, '10', '1'),
			trade(2, 59_999, '11', '1'),
			trade(3, 150_000, '12', '1'),
			trade(4, 151_000, '9', '1')
		]);
		expect(aggregator.klines('1m')).toEqual([
			[
				T0,
				'10.00000000',
				'11.00000000',
				'10.00000000',
				'11.00000000',
				'2.00000000',
				T0 + 59_999,
				'21.00000000',
				2,
				Z,
				Z,
				'0'
			],
			flat(T0 + 60_000, 60_000, '11.00000000'),
			[
				T0 + 120_000,
				'12.00000000',
				'12.00000000',
				'9.00000000',
				'9.00000000',
				'2.00000000',
				T0 + 179_999,
				'21.00000000',
				2,
				Z,
				Z,
				'0'
			]
		]);
		expect(aggregator.klines('1d')).toEqual([
			[
				T0,
				'10.00000000',
				'12.00000000',
				'9.00000000',
				'9.00000000',
				'4.00000000',
				T0 + 86_399_999,
				'42.00000000',
				4,
				Z,
				Z,
				'0'
			]
		]);
	});

	it('answers duplicate and out-of-order without changing anything', () => {
		const aggregator = aggregate([trade(7, 5000, '1', '1'), trade(8, 6100, '2', '1')]);
		const before = aggregator.klines('1s');
		expect(aggregator.add(trade(8, 6200, '3', '1'))).toBe('duplicate');
		expect(aggregator.add(trade(5, 7000, '3', '1'))).toBe('duplicate');
		expect(aggregator.add(trade(9, 5999, '3', '1'))).toBe('out-of-order');
		expect(aggregator.klines('1s')).toEqual(before);
		expect([aggregator.revision, aggregator.lastTradeId, aggregator.lastPrice]).toEqual([
			2,
			8,
			'2'
		]);
		expect(aggregator.add(trade(9, 6000, '3', '1'))).toBe('added');
		expect(aggregator.klines('1s').at(-1)?.[4]).toBe('3.00000000');
	});

	it('restarts as a new aggregator of the trades after, its revision still rising', () => {
		const before = [trade(1, 100, '10.00', '1'), trade(2, 65_000, '11.00', '2')];
		const after = [trade(900, 3_600_500, '12.50', '0.5'), trade(901, 3_661_000, '12.00', '1')];
		const restarted = aggregate(before);
		const revision = restarted.revision;
		restarted.restart();
		expect(restarted.revision).toBeGreaterThan(revision);
		expect(restarted.lastTradeId).toBeNull();
		expect(restarted.lastPrice).toBeNull();
		expect(restarted.klines('1m')).toEqual([]);
		for (const t of after) expect(restarted.add(t)).toBe('added');
		const fresh = aggregate(after);
		for (const interval of ['1s', '1m', '1h', '1d'] as const) {
			expect(restarted.klines(interval)).toEqual(fresh.klines(interval));
		}
		expect(restarted.firstTrade).toEqual(fresh.firstTrade);
		expect(restarted.barsSince('1m', revision).time.length).toBe(2);
	});

	it('starts empty', () => {
		const aggregator = new SymbolAggregator('BTCUSDT');
		expect([aggregator.revision, aggregator.lastTradeId, aggregator.lastPrice]).toEqual([
			0,
			null,
			null
		]);
		expect(aggregator.klines('1m')).toEqual([]);
		expect(aggregator.bars('1s').time).toHaveLength(0);
		expect(aggregator.symbol).toBe('BTCUSDT');
	});

	it('keeps maxBars candles per interval, the open one included, dropping the oldest', () => {
		const trades = [0, 1, 2, 3, 4, 61].map((s, i) => trade(i + 1, s * 1000, String(i + 1), '1'));
		const aggregator = aggregate(trades, 3);
		expect(aggregator.klines('1s').map((r) => [r[0], r[4]])).toEqual([
			[T0 + 59_000, '5.00000000'],
			[T0 + 60_000, '5.00000000'],
			[T0 + 61_000, '6.00000000']
		]);
		expect(aggregator.klines('1m').map((r) => r[0])).toEqual([T0, T0 + 60_000]);
	});

	it('makes at most maxBars flat candles over a long gap', () => {
		const aggregator = aggregate(
			[trade(1, 0, '5', '1'), trade(2, 86_400_000 * 3 + 500, '6', '1')],
			4
		);
		const day = T0 + 86_400_000 * 3;
		expect(aggregator.klines('1s').map((r) => r[0])).toEqual([
			day - 3000,
			day - 2000,
			day - 1000,
			day
		]);
		expect(aggregator.klines('1d').map((r) => [r[0], r[8]])).toEqual([
			[T0, 1],
			[T0 + 86_400_000, 0],
			[T0 + 172_800_000, 0],
			[day, 1]
		]);
	});
});

describe('SymbolAggregator reads', () => {
	it('gives float columns of the same candles', () => {
		const aggregator = aggregate([
			trade(1, 0, '0.1', '0.2', { buyerMaker: false }),
			trade(2, 300, '0.3', '0.1', { count: 4 }),
			trade(3, 2100, '0.2', '1')
		]);
		expect(aggregator.bars('1s')).toEqual({
			time: new Float64Array([T0, T0 + 1000, T0 + 2000]),
			open: new Float64Array([0.1, 0.3, 0.2]),
			high: new Float64Array([0.3, 0.3, 0.2]),
			low: new Float64Array([0.1, 0.3, 0.2]),
			close: new Float64Array([0.3, 0.3, 0.2]),
			volume: new Float64Array([0.3, 0, 1]),
			buyVolume: new Float64Array([0.2, 0, 0]),
			count: new Float64Array([5, 0, 1])
		});
	});

	it('barsSince returns the candles changed after a revision, as a tail', () => {
		const aggregator = aggregate([trade(1, 0, '1', '1'), trade(2, 1000, '2', '1')]);
		const revision = aggregator.revision;
		expect(aggregator.barsSince('1s', revision).time).toEqual(new Float64Array([]));
		aggregator.add(trade(3, 1500, '3', '1'));
		expect(aggregator.barsSince('1s', revision).time).toEqual(new Float64Array([T0 + 1000]));
		aggregator.add(trade(4, 4000, '4', '1'));
		expect(aggregator.barsSince('1s', revision).time).toEqual(
			new Float64Array([T0 + 1000, T0 + 2000, T0 + 3000, T0 + 4000])
		);
		expect(aggregator.barsSince('1m', revision).close).toEqual(new Float64Array([4]));
		expect(aggregator.barsSince('1m', 0).count).toEqual(new Float64Array([4]));
	});
});
