import { describe, expect, it } from 'vitest';
import type { TapeTrade } from '../../protocol/feed-api';
import { NO_MARKET } from '../render/market-merge';
import { PanelsState } from './panels.svelte';

const trade = (id: number, qty = '1'): TapeTrade => ({
	id,
	price: '10.5',
	qty,
	time: 1000 + id,
	side: id % 2 === 0 ? 'buy' : 'sell'
});

const tape = (trades: TapeTrade[], reset = false, medianQty: number | null = 2) => ({
	...NO_MARKET,
	tape: { symbol: 'btcusdt', reset, trades, oldestReceivedAt: 500, medianQty }
});

describe('PanelsState', () => {
	it('keeps the newest 50 trades, newest first, and answers the oldest receive time drawn', () => {
		const panels = new PanelsState();
		expect(panels.apply(tape([trade(2), trade(1)], true))).toBe(500);
		const many = Array.from({ length: 60 }, (_, i) => trade(100 - i));
		panels.apply(tape(many));
		expect(panels.tape).toHaveLength(50);
		expect(panels.tape[0]?.id).toBe(100);
		expect(panels.apply(NO_MARKET)).toBeNull();
	});

	it('defaults the big-trade threshold to 10x the median, and a set size wins', () => {
		const panels = new PanelsState();
		panels.apply(tape([trade(1)], true, 0.5));
		expect(panels.threshold).toBe(5);
		panels.bigQty = 2;
		expect(panels.threshold).toBe(2);
	});

	it('computes the book and calls it stale a second after it arrived', () => {
		const panels = new PanelsState();
		expect(panels.stale(0)).toBe(true);
		panels.apply({
			...NO_MARKET,
			depth: {
				symbol: 'btcusdt',
				lastUpdateId: 1,
				bids: [['10', '1']],
				asks: [['11', '3']],
				receivedAt: 10_000
			}
		});
		expect(panels.book?.imbalance).toBe(-0.5);
		expect(panels.stale(11_000)).toBe(false);
		expect(panels.stale(11_001)).toBe(true);
	});
});
