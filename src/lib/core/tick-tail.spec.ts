import { describe, expect, it } from 'vitest';
import { TickTail } from './tick-tail';

function tail(capacity: number, times: number[], rev = 1): TickTail {
	const t = new TickTail(capacity);
	for (const time of times) t.add(time, time / 10, 1, time % 2 === 0, 1, rev);
	return t;
}

describe('TickTail', () => {
	it('keeps the newest `capacity` trades, oldest first', () => {
		const t = tail(3, [1, 2, 3, 4, 5]);
		expect(Array.from(t.since(-Infinity).time)).toEqual([3, 4, 5]);
		expect(t.oldestTime).toBe(3);
	});

	it('returns only the trades made after a revision', () => {
		const t = new TickTail(10);
		t.add(1, 1, 1, true, 1, 1);
		t.add(2, 2, 1, false, 1, 2);
		t.add(3, 3, 2, true, 1, 3);
		const after = t.since(1);
		expect(Array.from(after.time)).toEqual([2, 3]);
		expect(Array.from(after.buyVolume)).toEqual([0, 2]);
	});

	describe('withOlder', () => {
		it('puts the older trades in front when both fit', () => {
			const joined = tail(10, [5, 6]).withOlder(tail(10, [1, 2, 3]));
			expect(Array.from(joined.since(-Infinity).time)).toEqual([1, 2, 3, 5, 6]);
		});

		it('keeps only the newest of the older trades that still fit', () => {
			const joined = tail(4, [5, 6]).withOlder(tail(4, [1, 2, 3, 4]));
			expect(Array.from(joined.since(-Infinity).time)).toEqual([3, 4, 5, 6]);
		});

		it('takes none of the older trades when the newer part is full, even after wrapping', () => {
			const joined = tail(3, [5, 6, 7, 8]).withOlder(tail(3, [1, 2]));
			expect(Array.from(joined.since(-Infinity).time)).toEqual([6, 7, 8]);
		});

		it('keeps each trade with its price, side and revision', () => {
			const joined = tail(5, [4], 9).withOlder(tail(5, [2], 3));
			const cols = joined.since(3);
			expect(Array.from(cols.time)).toEqual([4]);
			expect(Array.from(joined.since(-Infinity).close)).toEqual([0.2, 0.4]);
		});
	});
});
