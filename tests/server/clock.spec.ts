import { describe, expect, it } from 'vitest';
import { ReplayClock } from './clock.ts';

function fakeReal(): { now: () => number; advance: (ms: number) => void } {
	let real = 5000;
	return { now: () => real, advance: (ms) => (real += ms) };
}

describe('ReplayClock', () => {
	it('stands at the start until started, then runs at speed and stops at the end', () => {
		const real = fakeReal();
		const clock = new ReplayClock(1_723_161_255_208, 1_723_161_265_208, 10, real.now);
		real.advance(1000);
		expect(clock.now()).toBe(1_723_161_255_208);
		clock.start();
		real.advance(250);
		expect(clock.now()).toBe(1_723_161_257_708);
		real.advance(5000);
		expect(clock.now()).toBe(1_723_161_265_208);
		expect(clock.ended).toBe(true);
	});

	it('keeps its position across a speed change and a reset goes back to waiting', () => {
		const real = fakeReal();
		const clock = new ReplayClock(1_000_000, null, 1, real.now);
		clock.start();
		real.advance(400);
		clock.setSpeed(100);
		expect(clock.now()).toBe(1_000_400);
		real.advance(10);
		expect(clock.now()).toBe(1_001_400);
		clock.reset();
		real.advance(10);
		expect(clock.running).toBe(false);
		expect(clock.now()).toBe(1_000_000);
	});

	it('continues from where it stopped when an end is lifted', () => {
		const real = fakeReal();
		const clock = new ReplayClock(0, 100, 1, real.now);
		clock.start();
		real.advance(500);
		clock.setEnd(null);
		real.advance(20);
		expect(clock.now()).toBe(120);
	});

	it('holds still where it is told, even once started, and runs on when released', () => {
		const real = fakeReal();
		const clock = new ReplayClock(1_000_000, null, 10, real.now);
		clock.hold(1_000_050);
		clock.start();
		real.advance(1000);
		expect(clock.now()).toBe(1_000_050);
		expect(clock.held).toBe(true);
		clock.release();
		real.advance(10);
		expect(clock.now()).toBe(1_000_150);
		// Never back in time: a hold before now holds at now.
		clock.hold(0);
		expect(clock.now()).toBe(1_000_150);
	});

	it('resets to a new start, not held', () => {
		const real = fakeReal();
		const clock = new ReplayClock(1_000_000, null, 1, real.now);
		clock.start();
		clock.hold(1_000_500);
		clock.reset(1_480_000);
		expect([clock.startMs, clock.now(), clock.held, clock.running]).toEqual([
			1_480_000,
			1_480_000,
			false,
			false
		]);
		clock.start();
		real.advance(20);
		expect(clock.now()).toBe(1_480_020);
	});

	it('refuses a speed that is not a positive number', () => {
		expect(() => new ReplayClock(0, null, 0)).toThrow(/positive/);
		expect(() => new ReplayClock(0, null, Infinity)).toThrow(/positive/);
	});
});
