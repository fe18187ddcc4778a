import { describe, expect, it } from 'vitest';
import { expired, TickRetention } from './tick-retention';

const T0 = 1_723_161_255_342;

describe('TickRetention', () => {
	it('keeps whole minutes in the bounds, 15 by default', () => {
		expect(new TickRetention().minutes).toBe(15);
		const retention = new TickRetention(0);
		expect(retention.minutes).toBe(1);
		retention.set(500.4);
		expect(retention.minutes).toBe(120);
		expect(() => retention.set(Number.NaN)).toThrow(RangeError);
	});

	it('halves on a full disk, never below a minute', () => {
		const retention = new TickRetention(3);
		expect([retention.halve(), retention.halve(), retention.halve()]).toEqual([1, 1, 1]);
	});

	it('counts each symbol back from its newest trade, and drops only chunks wholly before', () => {
		const [cut] = new TickRetention(15).cutoffs([['BTCUSDT', T0]]);
		expect(cut).toEqual({ symbol: 'BTCUSDT', before: T0 - 15 * 60_000 });
		if (cut === undefined) return;
		expect(expired(cut.before - 1, cut)).toBe(true);
		expect(expired(cut.before, cut)).toBe(false);
		expect(expired(T0, cut)).toBe(false);
	});
});
