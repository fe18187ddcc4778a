import { describe, expect, it } from 'vitest';
import { miniTickerJson, MiniTickerStats } from './mini-ticker.ts';

describe('MiniTickerStats', () => {
	it('keeps open, close, high, low and exact base and quote volume', () => {
		const stats = new MiniTickerStats();
		expect(stats.at(1)).toBeNull();
		stats.add('100.5', '2');
		stats.add('99.25', '0.1');
		stats.add('101', '1.00000001');
		expect(stats.at(1000)).toEqual({
			E: 1000,
			c: '101.00000000',
			o: '100.50000000',
			h: '101.00000000',
			l: '99.25000000',
			v: '3.10000001',
			q: '311.92500101'
		});
	});

	it('prints a frame in Binance layout', () => {
		const stats = new MiniTickerStats();
		stats.add('1', '1');
		const frame = JSON.parse(miniTickerJson('BTCUSDT', stats.at(5) ?? ({} as never))) as object;
		expect(frame).toMatchObject({ e: '24hrMiniTicker', E: 5, s: 'BTCUSDT', c: '1.00000000' });
	});
});
