import { describe, expect, it } from 'vitest';
import { feedHintOf, feedWorkerName } from './feed-hint';

describe('feed hint in the worker name', () => {
	it('round-trips through the name', () => {
		const hint = {
			wsBase: 'ws://127.0.0.1:1',
			symbols: ['btcusdt', 'ethusdt'],
			source: 'binance'
		} as const;
		expect(feedHintOf(feedWorkerName(hint))).toEqual(hint);
	});

	it('is none for a plain name or anything that is not a hint', () => {
		expect(feedWorkerName(null)).toBe('tickscope-feed');
		for (const name of [
			'tickscope-feed',
			'',
			'other {"wsBase":"ws://a","symbols":[],"source":"binance"}',
			'tickscope-feed {not json',
			'tickscope-feed null',
			'tickscope-feed {"wsBase":1,"symbols":[],"source":"binance"}',
			'tickscope-feed {"wsBase":"ws://a","symbols":[1],"source":"binance"}',
			'tickscope-feed {"wsBase":"ws://a","symbols":[],"source":"replay"}'
		]) {
			expect(feedHintOf(name)).toBeNull();
		}
	});
});
