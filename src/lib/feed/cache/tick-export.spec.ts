import { describe, expect, it } from 'vitest';
import { epochMs } from '../../core/time';
import { decodeChunk, encodeChunk } from '../../core/tick-codec';
import type { Trade } from '../../core/trade';
import { binanceDecimal, klinesToCsv, ticksToAggTradesCsv } from './tick-export';

const trade = (id: number, price: string, qty: string, extra: Partial<Trade> = {}): Trade => ({
	symbol: 'BTCUSDT',
	id,
	price,
	qty,
	time: epochMs(1_723_161_255_342 + id),
	buyerMaker: id % 2 === 0,
	count: 1,
	firstTradeId: id,
	lastTradeId: id,
	...extra
});

describe('tick export', () => {
	it('prints decimals as Binance does: at least 8 places, more only when there are more', () => {
		expect(binanceDecimal(6183763, 2)).toBe('61837.63000000');
		expect(binanceDecimal(43, 0)).toBe('43.00000000');
		expect(binanceDecimal(9, 8)).toBe('0.00000009');
		expect(binanceDecimal(1234567890, 10)).toBe('0.123456789');
		expect(binanceDecimal(1234567891, 10)).toBe('0.1234567891');
		expect(binanceDecimal(0, 3)).toBe('0.00000000');
	});

	it('writes aggTrades CSV lines with exact decimals, trade ids, ms times and True/False flags', () => {
		const chunk = encodeChunk([
			trade(10, '61837.63000000', '0.00009000'),
			trade(11, '61837.64', '1.5', { count: 3, firstTradeId: 100, lastTradeId: 102 }),
			trade(12, '0.1', '123456789012345')
		]);
		expect(ticksToAggTradesCsv([decodeChunk(chunk)])).toBe(
			[
				'10,61837.63000000,0.00009000,10,10,1723161255352,True,True',
				'11,61837.64000000,1.50000000,100,102,1723161255353,False,True',
				'12,0.10000000,123456789012345.00000000,12,12,1723161255354,True,True',
				''
			].join('\n')
		);
		expect(ticksToAggTradesCsv([])).toBe('');
		expect(klinesToCsv([])).toBe('');
	});

	it('keeps values the codec holds as text exactly as they were received', () => {
		const chunk = encodeChunk([trade(1, '1e5', '2'), trade(2, '3', '4')]);
		expect(chunk.priceText).not.toBeNull();
		expect(ticksToAggTradesCsv([decodeChunk(chunk)]).split('\n')[0]).toBe(
			'1,1e5,2.00000000,1,1,1723161255343,False,True'
		);
	});
});
