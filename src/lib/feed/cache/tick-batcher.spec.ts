import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemTimers } from '../../runtime/system-timers';
import { epochMs } from '../../core/time';
import type { Trade } from '../../core/trade';
import type { AppendResult } from '../../storage/tick-store';
import { TickBatcher } from './tick-batcher';

const T0 = 1_723_161_255_342;

const trade = (id: number, time = T0 + id): Trade => ({
	symbol: 'BTCUSDT',
	id,
	price: '61837.63000000',
	qty: '0.00009000',
	time: epochMs(time),
	buyerMaker: false,
	count: 1,
	firstTradeId: id,
	lastTradeId: id
});

/** A sink whose appends the test settles by hand. */
function sink() {
	const calls: { trades: number[]; settle: (error?: Error) => void }[] = [];
	const failures: unknown[] = [];
	const results: AppendResult[] = [];
	return {
		calls,
		failures,
		results,
		append: (trades: readonly Trade[]) =>
			new Promise<AppendResult>((resolve, reject) => {
				const ok = { written: trades.length, skipped: 0, quota: null };
				calls.push({
					trades: trades.map((t) => t.id),
					settle: (error) => (error ? reject(error) : resolve(ok))
				});
			}),
		written: (result: AppendResult) => void results.push(result),
		failed: (error: unknown) => void failures.push(error)
	};
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('TickBatcher', () => {
	it('writes the trades of one cadence in one append, never one per trade', async () => {
		const s = sink();
		const batcher = new TickBatcher(systemTimers, s, { flushMs: 250, maxBatch: 1000 });
		for (let id = 1; id <= 300; id++) batcher.push(trade(id));
		expect(s.calls).toHaveLength(0);
		vi.advanceTimersByTime(249);
		expect(s.calls).toHaveLength(0);
		vi.advanceTimersByTime(1);
		expect(s.calls).toHaveLength(1);
		expect(s.calls[0]?.trades).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
		s.calls[0]?.settle();
		await vi.advanceTimersByTimeAsync(0);
		expect(s.results).toEqual([{ written: 300, skipped: 0, quota: null }]);
		expect(vi.getTimerCount()).toBe(0);
	});

	it('goes at once when a batch is full, and runs one append at a time', async () => {
		const s = sink();
		const batcher = new TickBatcher(systemTimers, s, { flushMs: 250, maxBatch: 100 });
		for (let id = 1; id <= 100; id++) batcher.push(trade(id));
		expect(s.calls).toHaveLength(1);
		// While the first write is in flight, the next trades pile up into one batch.
		for (let id = 101; id <= 350; id++) batcher.push(trade(id));
		vi.advanceTimersByTime(1000);
		expect(s.calls).toHaveLength(1);
		s.calls[0]?.settle();
		await vi.advanceTimersByTimeAsync(0);
		expect(s.calls).toHaveLength(2);
		expect(s.calls[1]?.trades).toHaveLength(250);
		expect(s.calls[1]?.trades[0]).toBe(101);
	});

	it('keeps a failed batch in front of newer trades and retries it on the cadence', async () => {
		const s = sink();
		const batcher = new TickBatcher(systemTimers, s, { flushMs: 250, maxBatch: 10 });
		for (let id = 1; id <= 10; id++) batcher.push(trade(id));
		batcher.push(trade(11));
		s.calls[0]?.settle(new Error('disk on fire'));
		await vi.advanceTimersByTimeAsync(0);
		expect(s.failures).toEqual([new Error('disk on fire')]);
		expect(batcher.pending).toBe(11);
		// Not in a tight loop: the retry waits for the cadence even though a full batch waits.
		expect(s.calls).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(250);
		expect(s.calls[1]?.trades).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
	});

	it('trims pending trades to a span before the newest of their own symbol, not the clock', () => {
		const s = sink();
		const batcher = new TickBatcher(systemTimers, s, { flushMs: 250, maxBatch: 1000 });
		// BTCUSDT trades from 2024; ETHUSDT's newest is an hour older: each keeps its own last minute.
		for (let id = 1; id <= 5; id++) batcher.push(trade(id, T0 + id * 30_000));
		const eth = (id: number, time: number): Trade => ({ ...trade(id, time), symbol: 'ETHUSDT' });
		for (let id = 1; id <= 3; id++) batcher.push(eth(id, T0 - 3_600_000 + id * 40_000));
		batcher.trim(60_000);
		batcher.flush();
		expect(s.calls[0]?.trades).toEqual([3, 4, 5, 2, 3]);
	});

	it('drains until nothing is pending, and stops at a failure', async () => {
		const s = sink();
		const batcher = new TickBatcher(systemTimers, s, { flushMs: 250, maxBatch: 5 });
		for (let id = 1; id <= 3; id++) batcher.push(trade(id));
		const drained = batcher.drain();
		expect(s.calls).toHaveLength(1);
		batcher.push(trade(4));
		s.calls[0]?.settle();
		await vi.advanceTimersByTimeAsync(0);
		expect(s.calls[1]?.trades).toEqual([4]);
		s.calls[1]?.settle();
		await drained;
		expect(batcher.pending).toBe(0);

		batcher.push(trade(5));
		const failing = batcher.drain();
		s.calls[2]?.settle(new Error('nope'));
		await failing;
		expect(batcher.pending).toBe(1);
		batcher.clear();
		expect(vi.getTimerCount()).toBe(0);
	});
});
