import { describe, expect, it } from 'vitest';
import type { TapeTrade } from '$lib/protocol/feed-api';
import { sideMark, tapeShift } from './tape-rows';

const trade = (id: number): TapeTrade => ({
	id,
	price: '100.00',
	qty: '0.1',
	time: 1_700_000_000_000 + id,
	side: 'buy'
});
const tape = (...ids: number[]) => ids.map(trade);

describe('tape shift', () => {
	it('is where the top row’s trade went: the rows below it keep what they show', () => {
		expect(tapeShift(7, tape(9, 8, 7, 6, 5))).toBe(2);
		expect(tapeShift(7, tape(7, 6, 5))).toBe(0);
	});

	it('is -1 when every row shows a new trade, or nothing is shown yet', () => {
		expect(tapeShift(3, tape(9, 8, 7, 6, 5))).toBe(-1);
		expect(tapeShift(null, tape(2, 1))).toBe(-1);
		expect(tapeShift(4, [])).toBe(-1);
	});

	it('is -1 for a tape that does not continue the shown one (a new symbol’s ids)', () => {
		expect(tapeShift(50, tape(120, 40, 30))).toBe(-1);
	});
});

describe('side mark', () => {
	it('tells the side by a mark as well as by colour', () => {
		expect(sideMark('buy')).toBe('▲');
		expect(sideMark('sell')).toBe('▼');
	});
});
