import { describe, expect, it } from 'vitest';
import { SymbolAggregator } from '../../core/aggregator';
import type { Trade } from '../../core/trade';
import { epochMs } from '../../core/time';
import { RestorePreview } from './restore-preview';
import { ViewTracker } from './views';

function trade(id: number, time: number, price: string): Trade {
	return {
		symbol: 'BTCUSDT',
		id,
		price,
		qty: '1',
		time: epochMs(time),
		buyerMaker: false,
		count: 1,
		firstTradeId: id,
		lastTradeId: id
	};
}

function setup() {
	const views = new ViewTracker();
	const btc = new SymbolAggregator('BTCUSDT');
	const source = (symbol: string) => (symbol === 'btcusdt' ? btc : undefined);
	return { views, btc, collect: () => views.collect(source) };
}

describe('ViewTracker', () => {
	it('sends a reset with the whole history once, then only changed bars, then nothing', () => {
		const { views, btc, collect } = setup();
		btc.add(trade(1, 1_700_000_000_100, '10'));
		btc.add(trade(2, 1_700_000_001_100, '11'));
		views.watch('a', 'btcusdt', '1s');

		const first = collect();
		expect(first.views).toHaveLength(1);
		expect(first.views[0]).toMatchObject({
			viewId: 'a',
			symbol: 'btcusdt',
			interval: '1s',
			reset: true,
			lastPrice: '11'
		});
		expect([...(first.views[0]?.bars.time ?? [])]).toEqual([1_700_000_000_000, 1_700_000_001_000]);
		// Eight distinct column buffers, ready to transfer.
		expect(first.buffers).toHaveLength(8);

		expect(collect().views).toEqual([]);

		btc.add(trade(3, 1_700_000_001_500, '12'));
		btc.add(trade(4, 1_700_000_002_000, '9'));
		const next = collect();
		expect(next.views[0]?.reset).toBe(false);
		expect([...(next.views[0]?.bars.time ?? [])]).toEqual([1_700_000_001_000, 1_700_000_002_000]);
		expect([...(next.views[0]?.bars.high ?? [])]).toEqual([12, 9]);
	});

	it('resets an empty view too, so the UI clears what it drew', () => {
		const { views, collect } = setup();
		views.watch('a', 'btcusdt', '1m');
		const { views: updates } = collect();
		expect(updates[0]?.reset).toBe(true);
		expect(updates[0]?.bars.time.length).toBe(0);
		expect(updates[0]?.lastPrice).toBeNull();
	});

	it('forgets unwatched views, and on restart keeps only views of remaining symbols, reset', () => {
		const { views, btc, collect } = setup();
		btc.add(trade(1, 1_700_000_000_100, '10'));
		views.watch('a', 'btcusdt', '1s');
		views.watch('b', 'btcusdt', '5m');
		views.watch('c', 'ethusdt', '1s');
		expect(views.symbols()).toEqual(['btcusdt', 'ethusdt']);
		collect();
		views.unwatch('b');
		views.restart(['btcusdt']);
		expect(views.symbols()).toEqual(['btcusdt']);
		expect(collect().views.map((view) => [view.viewId, view.reset])).toEqual([['a', true]]);
	});

	it('marks the provisional bar of a restore preview, on resets only', () => {
		const views = new ViewTracker();
		const btc = new SymbolAggregator('BTCUSDT');
		btc.add(trade(1, 1_700_000_000_100, '10'));
		// Restored from 1_700_000_000_000 on, older parts to come: its minute began before that.
		const preview = new RestorePreview(btc, 1_700_000_000_000, true);
		views.watch('m', 'btcusdt', '1m');
		views.watch('s', 'btcusdt', '1s');
		const [minute, second] = views.collect(() => preview).views;
		expect(minute?.provisional).toBe(1_699_999_980_000);
		expect(second).not.toHaveProperty('provisional');
		btc.add(trade(2, 1_700_000_001_100, '11'));
		const [delta] = views.collect(() => preview).views;
		expect(delta?.reset).toBe(false);
		expect(delta).not.toHaveProperty('provisional');
		// Once nothing older is to come, the same candle is all there is.
		views.resend('btcusdt');
		const done = new RestorePreview(btc, 1_700_000_000_000, false);
		expect(views.collect(() => done).views.every((v) => v.provisional === undefined)).toBe(true);
	});
});
