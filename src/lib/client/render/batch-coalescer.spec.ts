import { describe, expect, it } from 'vitest';
import { BatchCoalescer } from './batch-coalescer';
import { batch, liveStatus, view } from '../testing/test-builders';

const T = 1_723_075_200_000; // 2024-08-08T00:00:00Z

function take(coalescer: BatchCoalescer) {
	const frame = coalescer.take();
	if (frame === null) throw new Error('expected a frame');
	return frame;
}

describe('BatchCoalescer', () => {
	it('has no frame before the first batch and after a take', () => {
		const coalescer = new BatchCoalescer();
		expect(coalescer.take()).toBeNull();
		coalescer.add(batch(1));
		expect(take(coalescer).seq).toBe(1);
		expect(coalescer.take()).toBeNull();
	});

	it('keeps the newest status, seq and book per symbol', () => {
		const coalescer = new BatchCoalescer();
		const bookA = { symbol: 'btcusdt', bestBid: '1.00', bestAsk: '1.10', lastUpdateId: 1 };
		const bookB = { symbol: 'ethusdt', bestBid: '2.00', bestAsk: '2.10', lastUpdateId: 5 };
		coalescer.add(batch(1, [], { books: [bookA, bookB], status: liveStatus({ received: 1 }) }));
		coalescer.add(batch(2, [], { books: [{ ...bookA, bestBid: '1.05', lastUpdateId: 2 }] }));
		coalescer.add(batch(3, [], { status: liveStatus({ state: 'reconnecting', received: 3 }) }));
		const frame = take(coalescer);
		expect(frame.seq).toBe(3);
		expect(frame.batches).toBe(3);
		expect(frame.status).toMatchObject({ state: 'reconnecting', received: 3 });
		expect(frame.books).toEqual([{ ...bookA, bestBid: '1.05', lastUpdateId: 2 }, bookB]);
	});

	it('merges deltas in order, the later version of a bar replacing the earlier', () => {
		const coalescer = new BatchCoalescer();
		coalescer.add(batch(1, [view('main', [T, T + 1000], { closes: [10, 11], lastPrice: '11' })]));
		coalescer.add(batch(2, [view('main', [T + 1000, T + 2000], { closes: [12, 13] })]));
		coalescer.add(batch(3, [view('main', [T + 2000], { closes: [14], lastPrice: '14' })]));
		const [merged] = take(coalescer).views;
		expect(merged?.reset).toBe(false);
		expect([...(merged?.bars.time ?? [])]).toEqual([T, T + 1000, T + 2000]);
		expect([...(merged?.bars.close ?? [])]).toEqual([10, 12, 14]);
		expect(merged?.lastPrice).toBe('14');
	});

	it('keeps the last known price when a later delta has none', () => {
		const coalescer = new BatchCoalescer();
		coalescer.add(batch(1, [view('main', [T], { lastPrice: '5.5' })]));
		coalescer.add(batch(2, [view('main', [], { lastPrice: null })]));
		const [merged] = take(coalescer).views;
		expect(merged?.lastPrice).toBe('5.5');
		expect([...(merged?.bars.time ?? [])]).toEqual([T]);
	});

	it('drops queued bars of a view on a reset, and stays a reset with later deltas', () => {
		const coalescer = new BatchCoalescer();
		coalescer.add(batch(1, [view('main', [T + 5000, T + 6000]), view('other', [T])]));
		coalescer.add(batch(2, [view('main', [T, T + 1000], { reset: true, closes: [1, 2] })]));
		coalescer.add(batch(3, [view('main', [T + 1000, T + 2000], { closes: [3, 4] })]));
		const frame = take(coalescer);
		const main = frame.views.find((v) => v.viewId === 'main');
		expect(main?.reset).toBe(true);
		expect([...(main?.bars.time ?? [])]).toEqual([T, T + 1000, T + 2000]);
		expect([...(main?.bars.close ?? [])]).toEqual([1, 3, 4]);
		expect([...(frame.views.find((v) => v.viewId === 'other')?.bars.time ?? [])]).toEqual([T]);
	});

	it('replaces queued deltas of a view that was re-pointed to another symbol', () => {
		const coalescer = new BatchCoalescer();
		coalescer.add(batch(1, [view('main', [T, T + 1000])]));
		coalescer.add(
			batch(2, [view('main', [T + 60_000], { symbol: 'ethusdt', interval: '1m', reset: true })])
		);
		const [merged] = take(coalescer).views;
		expect(merged).toMatchObject({ symbol: 'ethusdt', interval: '1m', reset: true });
		expect([...(merged?.bars.time ?? [])]).toEqual([T + 60_000]);
	});

	it('trims across several chunks when a delta reaches back', () => {
		const coalescer = new BatchCoalescer();
		coalescer.add(batch(1, [view('main', [T, T + 1000])]));
		coalescer.add(batch(2, [view('main', [T + 1000, T + 2000])]));
		coalescer.add(batch(3, [view('main', [T + 1000], { closes: [99] })]));
		const [merged] = take(coalescer).views;
		expect([...(merged?.bars.time ?? [])]).toEqual([T, T + 1000]);
		expect([...(merged?.bars.close ?? [])]).toEqual([T / 1000, 99]);
		expect(merged?.bars.count.length).toBe(2);
	});

	it('passes a single whole batch through without copying', () => {
		const coalescer = new BatchCoalescer();
		const update = view('main', [T, T + 1000]);
		coalescer.add(batch(1, [update]));
		expect(take(coalescer).views[0]?.bars).toBe(update.bars);
	});

	it('gives empty columns for a reset with no history', () => {
		const coalescer = new BatchCoalescer();
		coalescer.add(batch(1, [view('main', [], { reset: true })]));
		const [merged] = take(coalescer).views;
		expect(merged?.reset).toBe(true);
		expect(merged?.bars.time.length).toBe(0);
	});

	it('keeps only the accepted views, and says what is pending', () => {
		const coalescer = new BatchCoalescer((viewId) => viewId === 'main');
		expect(coalescer.pending).toBe(false);
		coalescer.add(batch(1, [view('tab:btcusdt', [T])]));
		expect(coalescer.pending).toBe(true);
		expect(coalescer.hasViews).toBe(false);
		coalescer.add(batch(2, [view('main', [T, T + 1000]), view('tab:btcusdt', [T])]));
		coalescer.add(batch(3, [view('main', [T + 1000, T + 2000, T + 3000])]));
		expect(coalescer.hasViews).toBe(true);
		expect(coalescer.pendingBars).toBe(4);
		const frame = take(coalescer);
		expect(frame.views.map((v) => v.viewId)).toEqual(['main']);
		expect(coalescer.pending || coalescer.hasViews).toBe(false);
		expect(coalescer.pendingBars).toBe(0);
	});

	it('does not count a reset as pending bars', () => {
		const coalescer = new BatchCoalescer();
		coalescer.add(batch(1, [view('main', [T, T + 1000, T + 2000], { reset: true })]));
		coalescer.add(batch(2, [view('main', [T + 2000, T + 3000])]));
		coalescer.add(batch(3, [view('other', [T, T + 1000])]));
		expect(coalescer.pendingBars).toBe(2);
	});

	it('keeps the oldest receive time of the batches that changed an accepted view', () => {
		const coalescer = new BatchCoalescer((viewId) => viewId === 'main');
		coalescer.add(batch(1, [view('other', [T])], { oldestReceivedAt: T - 900 }));
		coalescer.add(batch(2, [], { oldestReceivedAt: T - 800 }));
		coalescer.add(batch(3, [view('main', [T])], { oldestReceivedAt: T - 500 }));
		coalescer.add(batch(4, [view('main', [T])], { oldestReceivedAt: T - 100 }));
		coalescer.add(batch(5, [view('main', [T])]));
		expect(take(coalescer).oldestReceivedAt).toBe(T - 500);
		coalescer.add(batch(6, [view('main', [T])]));
		expect(take(coalescer).oldestReceivedAt).toBeNull();
	});

	it('keeps the provisional bar of a reset, and drops it with the next reset', () => {
		const coalescer = new BatchCoalescer();
		const provisional = { ...view('main', [T, T + 1000], { reset: true }), provisional: T };
		coalescer.add(batch(1, [provisional]));
		coalescer.add(batch(2, [view('main', [T + 1000])]));
		expect(take(coalescer).views[0]?.provisional).toBe(T);
		coalescer.add(batch(3, [provisional]));
		coalescer.add(batch(4, [view('main', [T - 1000, T, T + 1000], { reset: true })]));
		expect(take(coalescer).views[0]).not.toHaveProperty('provisional');
	});
});
