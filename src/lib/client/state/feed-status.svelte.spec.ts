import { NO_MARKET } from '../render/market-merge';
import { describe, expect, it } from 'vitest';
import type { Frame } from '../render/batch-coalescer';
import { FeedStatusState } from './feed-status.svelte';
import { liveStatus } from '../testing/test-builders';
import type { FeedStatus } from '../../protocol/feed-api';

const frame = (status: FeedStatus, seq = 1): Frame => ({
	seq,
	batches: 1,
	status,
	views: [],
	books: [],
	oldestReceivedAt: null,
	arrivals: [],
	market: NO_MARKET
});

describe('FeedStatusState', () => {
	it('writes the replayed range and position into the detail', () => {
		const feed = new FeedStatusState();
		feed.apply(
			frame(
				liveStatus({
					state: 'replay',
					source: 'replay',
					replay: {
						sessionId: 'cache:btcusdt',
						symbol: 'btcusdt',
						fromMs: 1_723_161_255_120,
						toMs: 1_723_161_905_900,
						positionMs: 1_723_161_492_000,
						playing: false,
						speed: 100,
						ended: false
					}
				})
			)
		);
		expect(feed.label).toBe('Replay');
		expect(feed.status.detail).toBe('BTCUSDT 23:54:15 → 00:05:05 · at 23:58:12 · 100x · paused');
	});

	it('shows a cache notice until dismissed, and a new one again', () => {
		const feed = new FeedStatusState();
		const cache = (notice: string) => ({ mode: 'memory' as const, retentionMinutes: 15, notice });
		feed.apply(frame(liveStatus({ cache: cache('No IndexedDB here: ticks live in memory only') })));
		expect(feed.cacheNotice).toBe('No IndexedDB here: ticks live in memory only');
		feed.dismissCacheNotice();
		expect(feed.cacheNotice).toBe('');
		feed.apply(frame(liveStatus({ cache: cache('No IndexedDB here: ticks live in memory only') })));
		expect(feed.cacheNotice).toBe('');
		feed.apply(frame(liveStatus({ cache: cache('Storage is full: retention cut to 7 minutes') })));
		expect(feed.cacheNotice).toBe('Storage is full: retention cut to 7 minutes');
	});

	it('tells an unreachable exchange from a quiet market', () => {
		const feed = new FeedStatusState();
		feed.apply(frame(liveStatus({ state: 'reconnecting', received: 0 })));
		expect(feed.unreachable).toBe(true);
		// Frames came before: a drop, not an unreachable host.
		feed.apply(frame(liveStatus({ state: 'reconnecting', received: 120 }), 2));
		expect(feed.unreachable).toBe(false);
		// The demo market needs no network.
		feed.apply(frame(liveStatus({ state: 'error', received: 0, source: 'demo' }), 3));
		expect(feed.unreachable).toBe(false);
	});

	it('names a refused symbol', () => {
		const feed = new FeedStatusState();
		const refused = [
			{ symbol: 'xyzusdt', reason: 'XYZUSDT is not a symbol on this Binance spot host' }
		];
		feed.apply(frame(liveStatus({ refused })));
		expect(feed.refusal('xyzusdt')).toBe(refused[0]?.reason);
		expect(feed.refusal('btcusdt')).toBeNull();
	});
});
