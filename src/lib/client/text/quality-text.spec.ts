import { describe, expect, it } from 'vitest';
import type { FeedStatus } from '../../protocol/feed-api';
import type { SymbolQuality } from '../../protocol/data-quality';
import { STARTING_STATUS } from './status-text';
import {
	agoWords,
	candlesOnlyWords,
	gapWords,
	offsetWords,
	openGaps,
	staleWords
} from './quality-text';

const row = (symbol: string, over: Partial<SymbolQuality> = {}): SymbolQuality => ({
	symbol,
	gaps: 0,
	repaired: 0,
	unrecoverable: 0,
	repairing: false,
	duplicates: 0,
	outOfOrder: 0,
	lastTradeMs: null,
	open: [],
	candlesOnly: [],
	...over
});

const withQuality = (state: FeedStatus['state'], symbols: SymbolQuality[]): FeedStatus => ({
	...STARTING_STATUS,
	state,
	quality: {
		symbols,
		connection: 'holds',
		events: [],
		clockOffsetMs: null,
		latencyP50Ms: null,
		latencyP99Ms: null,
		lastTradeAt: 1_000_000,
		restWeight: 0
	}
});

describe('quality text', () => {
	it('says how old the last trade is only while not live', () => {
		expect(staleWords(withQuality('reconnecting', []), 1_045_500)).toBe('last trade 45 s ago');
		expect(staleWords(withQuality('offline', []), 1_000_000 + 600_000)).toBe(
			'last trade 10 min ago'
		);
		expect(staleWords(withQuality('live', []), 1_045_500)).toBe('');
		expect(staleWords(STARTING_STATUS, 1_045_500)).toBe('');
		expect(agoWords(3 * 3_600_000)).toBe('3 h');
	});

	it('names a running repair and the trades still missing', () => {
		expect(gapWords([row('btcusdt'), row('ethusdt')])).toBe('');
		expect(
			gapWords([row('btcusdt', { repairing: true }), row('ethusdt', { unrecoverable: 1234 })])
		).toBe('repairing a gap in BTCUSDT; 1,234 trades missing');
	});

	it('marks open gaps of the chart symbol only', () => {
		const gap = { fromId: 10, toId: 19, fromMs: 5000, toMs: 9000, reason: 'HTTP 418' };
		const status = withQuality('live', [row('btcusdt', { open: [gap] }), row('ethusdt')]);
		expect(openGaps(status, 'btcusdt')).toEqual([{ fromMs: 5000, text: 'gap: 10 trades missing' }]);
		expect(openGaps(status, 'ethusdt')).toEqual([]);
	});

	it('signs the clock offset, unknown when not measured', () => {
		expect(offsetWords(null)).toBe('unknown');
		expect(offsetWords(-1234)).toBe('−1,234 ms');
		expect(offsetWords(5)).toBe('+5 ms');
	});
});

describe('candlesOnlyWords', () => {
	it('says when, how long and how many trades, in UTC', () => {
		const fromMs = Date.UTC(2024, 7, 8, 23, 55, 13, 400);
		const span = { fromMs, toMs: fromMs + 36_000, trades: 1350 };
		expect(candlesOnlyWords(span)).toBe(
			'Candles only 23:55:13–23:55:49 UTC (36s, 1,350 trades not kept)'
		);
	});
});
