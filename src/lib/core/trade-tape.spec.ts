import { describe, expect, it } from 'vitest';
import { mergeNewestFirst, SizeMedian, TapeBuffer } from './trade-tape';

describe('TapeBuffer', () => {
	it('takes what came since the last take, newest first, with the oldest receive time', () => {
		const tape = new TapeBuffer<number>(4);
		tape.push(1, 100);
		tape.push(2, 101);
		expect(tape.take()).toEqual({ items: [2, 1], oldestReceivedAt: 100 });
		tape.push(3, 102);
		expect(tape.take()).toEqual({ items: [3], oldestReceivedAt: 102 });
		expect(tape.take()).toEqual({ items: [], oldestReceivedAt: null });
	});

	it('holds only the newest `capacity` items however many come', () => {
		const tape = new TapeBuffer<number>(3);
		for (let i = 1; i <= 20_000; i++) tape.push(i, i);
		expect(tape.take()).toEqual({ items: [20_000, 19_999, 19_998], oldestReceivedAt: 19_998 });
		expect(tape.all()).toEqual([20_000, 19_999, 19_998]);
	});

	it('all() is what it holds, newest first, and clear() empties it', () => {
		const tape = new TapeBuffer<string>(5);
		tape.push('a', 1);
		tape.push('b', 2);
		expect(tape.all()).toEqual(['b', 'a']);
		tape.clear();
		expect(tape.all()).toEqual([]);
	});

	it('refuses a capacity below one', () => {
		expect(() => new TapeBuffer(0)).toThrow(/capacity/);
	});
});

describe('mergeNewestFirst', () => {
	it('puts newer rows first and cuts at the limit', () => {
		expect(mergeNewestFirst([5, 4], [3, 2, 1], 4)).toEqual([5, 4, 3, 2]);
		expect(mergeNewestFirst([9, 8, 7], [1], 2)).toEqual([9, 8]);
	});
});

describe('SizeMedian', () => {
	it('is the exact median of the last minute at low rates', () => {
		const median = new SizeMedian();
		[1, 5, 2, 8, 3].forEach((size, i) => median.add(size, 1_000_000 + i * 10));
		expect(median.median(1_000_100)).toBe(3);
		median.add(4, 1_000_200);
		expect(median.median(1_000_200)).toBe(3.5);
	});

	it('forgets trades older than a minute', () => {
		const median = new SizeMedian();
		median.add(100, 0);
		median.add(1, 59_000);
		median.add(2, 61_000);
		expect(median.median(61_000)).toBe(1.5);
		expect(median.median(200_000)).toBeNull();
	});

	it('keeps a bounded sample per second at high rates', () => {
		const median = new SizeMedian(8);
		// 20,000 trades in one second, sizes alternating 1 and 3: the median stays between them.
		for (let i = 0; i < 20_000; i++) median.add(i % 2 === 0 ? 1 : 3, 5_000 + (i % 1000) / 1000);
		expect(median.median(5_500)).toBe(2);
	});
});
