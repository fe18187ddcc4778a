import { describe, expect, it } from 'vitest';
import {
	clockTarget,
	pauseClock,
	playClock,
	seekClock,
	setClockSpeed,
	startClock
} from './replay-clock';

const FROM = 1_723_161_255_000;
const TO = FROM + 900_000;
const WALL = 5_000;

describe('replay clock', () => {
	it('runs trade time at speed times wall time from the range start, up to the range end', () => {
		const clock = startClock(FROM, TO, 10, WALL);
		expect(clockTarget(clock, WALL)).toBe(FROM);
		expect(clockTarget(clock, WALL + 250)).toBe(FROM + 2_500);
		expect(clockTarget(clock, WALL + 90_000)).toBe(TO);
		expect(clockTarget(clock, WALL + 1e9)).toBe(TO);
	});

	it('never rewinds when the wall clock steps back', () => {
		const clock = startClock(FROM, TO, 1, WALL);
		expect(clockTarget(clock, WALL - 10_000)).toBe(FROM);
	});

	it('at max targets the range end at once while playing', () => {
		const clock = startClock(FROM, TO, 'max', WALL);
		expect(clockTarget(clock, WALL)).toBe(TO);
		expect(clockTarget(pauseClock(clock, WALL + 5, FROM + 1234), WALL + 99)).toBe(FROM + 1234);
	});

	it('holds trade time while paused and resumes from there', () => {
		const running = startClock(FROM, TO, 100, WALL);
		const paused = pauseClock(running, WALL + 100);
		expect(paused.playing).toBe(false);
		expect(clockTarget(paused, WALL + 100)).toBe(FROM + 10_000);
		expect(clockTarget(paused, WALL + 60_000)).toBe(FROM + 10_000);
		const resumed = playClock(paused, WALL + 60_000);
		expect(clockTarget(resumed, WALL + 60_050)).toBe(FROM + 15_000);
		expect(pauseClock(paused, WALL + 70_000)).toBe(paused);
		expect(playClock(resumed, WALL)).toBe(resumed);
	});

	it('pauses where the feeding got to when it lags behind the target', () => {
		const running = startClock(FROM, TO, 100, WALL);
		const paused = pauseClock(running, WALL + 1_000, FROM + 40_000);
		expect(clockTarget(paused, WALL + 2_000)).toBe(FROM + 40_000);
	});

	it('changes speed from the current position without a jump', () => {
		const slow = startClock(FROM, TO, 1, WALL);
		const fast = setClockSpeed(slow, 100, WALL + 2_000);
		expect(clockTarget(fast, WALL + 2_000)).toBe(FROM + 2_000);
		expect(clockTarget(fast, WALL + 2_010)).toBe(FROM + 3_000);
		const fromMax = setClockSpeed(startClock(FROM, TO, 'max', WALL), 10, WALL + 1, FROM + 500);
		expect(clockTarget(fromMax, WALL + 101)).toBe(FROM + 1_500);
	});

	it('seeks to a clamped trade time, keeping play or pause', () => {
		const playing = seekClock(startClock(FROM, TO, 10, WALL), FROM + 60_000, WALL + 7);
		expect(clockTarget(playing, WALL + 107)).toBe(FROM + 61_000);
		const paused = seekClock(pauseClock(playing, WALL + 107), FROM - 5, WALL + 200);
		expect(clockTarget(paused, WALL + 9_999)).toBe(FROM);
		expect(clockTarget(seekClock(paused, TO + 5, WALL), WALL)).toBe(TO);
	});

	it('refuses a reversed range, a zero or negative speed and a non-finite seek', () => {
		expect(() => startClock(TO, FROM, 1, WALL)).toThrow(RangeError);
		expect(() => startClock(FROM, TO, 0, WALL)).toThrow(RangeError);
		expect(() => setClockSpeed(startClock(FROM, TO, 1, WALL), -1, WALL)).toThrow(RangeError);
		expect(() => seekClock(startClock(FROM, TO, 1, WALL), NaN, WALL)).toThrow(RangeError);
	});
});
