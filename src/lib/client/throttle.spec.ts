import { describe, expect, it } from 'vitest';
import { Throttle, type ThrottleTimers } from './throttle';

/** Timers run by hand: `tick()` fires every callback due. */
function manualTimers() {
	let due: (() => void)[] = [];
	const timers: ThrottleTimers = {
		set: (callback) => due.push(callback),
		clear: () => (due = [])
	};
	const tick = () => {
		const now = due;
		due = [];
		for (const callback of now) callback();
	};
	return { timers, tick, pending: () => due.length };
}

describe('Throttle', () => {
	it('passes the first value at once and only the newest of each period after it', () => {
		const { timers, tick, pending } = manualTimers();
		const seen: number[] = [];
		const throttle = new Throttle((v: number) => seen.push(v), 150, timers);
		throttle.push(1);
		throttle.push(2);
		throttle.push(3);
		expect(seen).toEqual([1]);
		tick();
		expect(seen).toEqual([1, 3]);
		tick();
		expect(seen).toEqual([1, 3]);
		expect(pending()).toBe(0);
		throttle.push(4);
		expect(seen).toEqual([1, 3, 4]);
	});

	it('flush passes the final value now and drops the held one', () => {
		const { timers, tick, pending } = manualTimers();
		const seen: number[] = [];
		const throttle = new Throttle((v: number) => seen.push(v), 150, timers);
		throttle.push(1);
		throttle.push(2);
		throttle.flush(9);
		expect(seen).toEqual([1, 9]);
		expect(pending()).toBe(0);
		tick();
		expect(seen).toEqual([1, 9]);
		throttle.push(3);
		throttle.cancel();
		tick();
		expect(seen).toEqual([1, 9, 3]);
	});
});
