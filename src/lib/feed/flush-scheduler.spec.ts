import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemTimers } from '../binance/connection-runtime';
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
});
