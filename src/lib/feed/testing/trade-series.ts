import { epochMs } from '../../core/time';
import type { Trade } from '../../core/trade';

/**
 * `count` BTCUSDT trades from `fromMs`, one every `stepMs`, ids from 1, for cache and restore
 * tests: prices cycle over `prices` cents above 61,837.63, sizes over `sizes` steps of 0.0001
 * from 0.0009, every third a sell, counts 1 (or 1 and 2 alternating with `counts`).
 */
export function tradeSeries(
	fromMs: number,
	count: number,
	stepMs: number,
	{ prices = 11, sizes = 1, counts = false } = {}
): Trade[] {
	return Array.from({ length: count }, (_, i) => ({
		symbol: 'BTCUSDT',
		id: i + 1,
		price: (61837.63 + (i % prices) / 100).toFixed(2),
		qty: (0.0009 + (i % sizes) / 10_000).toFixed(4),
		time: epochMs(fromMs + i * stepMs),
		buyerMaker: i % 3 === 0,
		count: counts ? 1 + (i % 2) : 1,
		firstTradeId: i + 1,
		lastTradeId: i + 1
	}));
}
