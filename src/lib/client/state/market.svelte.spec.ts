import { describe, expect, it } from 'vitest';
import { MarketState } from './market.svelte';
import { BatchCoalescer, type Frame } from '../render/batch-coalescer';
import { batch, view } from '../testing/test-builders';
import type { FeedBatch } from '../../protocol/feed-api';

const T = 1_723_075_200_000;

function frameOf(...batches: FeedBatch[]): Frame {
	const coalescer = new BatchCoalescer();
	for (const b of batches) coalescer.add(b);
	const frame = coalescer.take();
	if (frame === null) throw new Error('no frame');
	return frame;
}

describe('MarketState', () => {
	it('tracks prices, moves, books and precision per symbol', () => {
		const market = new MarketState();
		market.active = 'btcusdt';
		market.apply(
			frameOf(
				batch(1, [view('main', [T], { lastPrice: '61837.60000000' })], {
					books: [
						{
							symbol: 'btcusdt',
							bestBid: '61837.62000000',
							bestAsk: '61837.63000000',
							lastUpdateId: 1
						}
					]
				})
			)
		);
		expect(market.decimals).toEqual({ btcusdt: 2 });
		expect(market.priceText('btcusdt')).toBe('61,837.60');
		expect(market.priceText('ethusdt')).toBe('–');
		expect(market.moves).toEqual({ btcusdt: 'flat' });
		expect(market.quote).toMatchObject({ last: '61,837.60', bid: '61,837.62', spread: '0.01' });

		market.apply(frameOf(batch(2, [view('main', [T + 1000], { lastPrice: '61830.10000000' })])));
		expect(market.moves).toEqual({ btcusdt: 'down' });
		expect(market.quote.last).toBe('61,830.10');
	});

	it('takes prices from every view, and keeps the same objects when nothing changed', () => {
		const market = new MarketState();
		market.apply(
			frameOf(
				batch(1, [
					view('tab:ethusdt', [T], { symbol: 'ethusdt', interval: '1d', lastPrice: '2611.5' }),
					view('main', [T], { lastPrice: '61837.6' })
				])
			)
		);
		expect(market.prices).toEqual({ ethusdt: '2611.5', btcusdt: '61837.6' });
		const before = market.prices;
		market.apply(frameOf(batch(2, [view('main', [T], { lastPrice: '61837.6' })])));
		expect(market.prices).toBe(before);
		market.clear();
		expect(market.prices).toEqual({});
	});
});
