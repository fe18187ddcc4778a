import { describe, expect, it } from 'vitest';
import { StatusCounters } from './status';

const live = { state: 'live' as const, detail: '', reconnects: 2 };

describe('StatusCounters', () => {
	it('counts frames, rejections by reason and duplicates', () => {
		const counters = new StatusCounters();
		for (let t = 0; t < 5; t++) counters.frame(10_000 + t * 100);
		counters.reject('malformed-json');
		counters.reject('malformed-json');
		counters.reject('unconfigured-symbol');
		counters.duplicate();
		expect(counters.snapshot(10_450, live, 0)).toEqual({
			state: 'live',
			detail: '',
			reconnects: 2,
			messagesPerSecond: 5,
			latencyMs: null,
			received: 5,
			rejected: { 'malformed-json': 2, 'unconfigured-symbol': 1 },
			duplicates: 1,
			source: 'binance'
		});
	});

	it('corrects the latency of the last trade frame by the server clock offset', () => {
		const counters = new StatusCounters();
		counters.trade(1_000_250, 1_000_000);
		expect(counters.snapshot(1_000_300, live, 0).latencyMs).toBe(250);
		// The server clock runs 200 ms behind ours: the frame really took 50 ms.
		expect(counters.snapshot(1_000_300, live, -200).latencyMs).toBe(50);
	});

	it('hands out a copy of the rejection counts', () => {
		const counters = new StatusCounters();
		const first = counters.snapshot(0, live, 0);
		counters.reject('bad-value');
		expect(first.rejected).toEqual({});
	});

	it('gives latency percentiles on the server clock, unknown without or with an impossible offset', () => {
		const counters = new StatusCounters();
		for (let i = 1; i <= 100; i++) counters.trade(1_000_000 + i * 10, 1_000_000 + i * 10 - i);
		expect(counters.latencyPercentiles(null)).toBeNull();
		expect(counters.latencyPercentiles(0)).toEqual([51, 100]);
		expect(counters.latencyPercentiles(-20)).toEqual([31, 80]);
		expect(counters.latencyPercentiles(-200)).toBeNull();
		counters.duplicate('BTCUSDT');
		counters.reject('out-of-order', 'BTCUSDT');
		expect(counters.symbolCounts('BTCUSDT')).toEqual({ duplicates: 1, outOfOrder: 1 });
		expect(counters.lastTradeAt).toBe(1_001_000);
	});
});
