import { afterEach, describe, expect, it, vi } from 'vitest';
import { CacheState } from './cache.svelte';
import { FakeFeed } from '../testing/test-feed';

afterEach(() => {
	vi.useRealTimers();
});

describe('CacheState', () => {
	it('reads the figures when opened and every 2 s while open, and stops when closed', async () => {
		vi.useFakeTimers();
		const feed = new FakeFeed();
		feed.stats = {
			mode: 'indexeddb',
			retentionMinutes: 15,
			symbols: [
				{ symbol: 'btcusdt', ticks: 900, fromMs: 1, toMs: 2, bytes: 27_000 },
				{ symbol: 'ethusdt', ticks: 100, fromMs: null, toMs: null, bytes: 3000 }
			],
			usageBytes: 250,
			quotaBytes: 1000,
			persisted: true
		};
		const cache = new CacheState(feed);
		cache.show();
		await vi.advanceTimersByTimeAsync(0);
		expect(cache.stats).toEqual(feed.stats);
		expect([cache.usage, cache.totalTicks, cache.totalBytes]).toEqual([0.25, 1000, 30_000]);
		await vi.advanceTimersByTimeAsync(4000);
		expect(feed.calls).toEqual(['cacheStats', 'cacheStats', 'cacheStats']);
		cache.hide();
		await vi.advanceTimersByTimeAsync(10_000);
		expect(feed.calls).toHaveLength(3);
		expect(cache.open).toBe(false);
	});

	it('has no usage share when the browser gives no estimate', async () => {
		const feed = new FakeFeed();
		const cache = new CacheState(feed);
		await cache.refresh();
		expect(cache.usage).toBeNull();
	});
});
