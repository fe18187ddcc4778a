import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemTimers } from '../../runtime/system-timers';
import { FlushScheduler } from './flush-scheduler';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('FlushScheduler', () => {
	it('coalesces news into one flush per cadence, never one per event', () => {
		const flush = vi.fn();
		const scheduler = new FlushScheduler(systemTimers, flush, 50, 1000);
		scheduler.start();
		for (let i = 0; i < 100; i++) scheduler.news();
		expect(flush).not.toHaveBeenCalled();
		vi.advanceTimersByTime(50);
		expect(flush).toHaveBeenCalledTimes(1);
		for (let t = 0; t < 200; t += 10) {
			scheduler.news();
			vi.advanceTimersByTime(10);
		}
		expect(flush).toHaveBeenCalledTimes(5);
		scheduler.stop();
	});

	it('flushes at once on request, dropping the pending cadence', () => {
		const flush = vi.fn();
		const scheduler = new FlushScheduler(systemTimers, flush, 50, 1000);
		scheduler.news();
		scheduler.now();
		expect(flush).toHaveBeenCalledTimes(1);
		vi.advanceTimersByTime(50);
		expect(flush).toHaveBeenCalledTimes(1);
	});

	it('ticks once a second only when nothing else went out, and leaves no timer after stop', () => {
		const flush = vi.fn();
		const scheduler = new FlushScheduler(systemTimers, flush, 50, 1000);
		scheduler.start();
		vi.advanceTimersByTime(999);
		expect(flush).toHaveBeenCalledTimes(0);
		vi.advanceTimersByTime(1);
		expect(flush).toHaveBeenCalledTimes(1);
		scheduler.news();
		vi.advanceTimersByTime(1000);
		expect(flush).toHaveBeenCalledTimes(2);
		vi.advanceTimersByTime(3000);
		expect(flush).toHaveBeenCalledTimes(5);
		expect(vi.getTimerCount()).toBe(1);
		scheduler.stop();
		expect(vi.getTimerCount()).toBe(0);
	});

	it('posts nothing while a batch is unanswered, then one merged batch at once', async () => {
		const answers: (() => void)[] = [];
		const flush = vi.fn(() => new Promise<void>((resolve) => answers.push(resolve)));
		const scheduler = new FlushScheduler(systemTimers, flush, 50, 1000);
		scheduler.start();
		scheduler.news();
		vi.advanceTimersByTime(50);
		expect(flush).toHaveBeenCalledTimes(1);
		// The page is busy for 500 ms: ten cadences come due, none goes out, the tick stays quiet.
		for (let t = 0; t < 500; t += 10) {
			scheduler.news();
			vi.advanceTimersByTime(10);
		}
		scheduler.now();
		vi.advanceTimersByTime(1000);
		expect(flush).toHaveBeenCalledTimes(1);
		expect(scheduler.coalesced).toBe(11);
		answers.shift()?.();
		await vi.advanceTimersByTimeAsync(0);
		expect(flush).toHaveBeenCalledTimes(2);
		// Answered with nothing owed: the next news goes out on the cadence again.
		answers.shift()?.();
		await vi.advanceTimersByTimeAsync(0);
		expect(flush).toHaveBeenCalledTimes(2);
		scheduler.news();
		vi.advanceTimersByTime(50);
		expect(flush).toHaveBeenCalledTimes(3);
		scheduler.stop();
	});

	it('takes a failed post as an answer, and sends nothing owed after stop', async () => {
		const answers: ((error: Error) => void)[] = [];
		const flush = vi.fn(() => new Promise<void>((_, reject) => answers.push(reject)));
		const scheduler = new FlushScheduler(systemTimers, flush, 50, 1000);
		scheduler.now();
		scheduler.now();
		answers.shift()?.(new Error('the page went away'));
		await vi.advanceTimersByTimeAsync(0);
		expect(flush).toHaveBeenCalledTimes(2);
		scheduler.now();
		scheduler.stop();
		answers.shift()?.(new Error('stopped'));
		await vi.advanceTimersByTimeAsync(0);
		expect(flush).toHaveBeenCalledTimes(2);
		expect(vi.getTimerCount()).toBe(0);
	});
});
