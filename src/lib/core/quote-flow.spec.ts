import { describe, expect, it } from 'vitest';
import { SymbolAggregator } from './aggregator';
import { buyShare, FLOW_MINUTES, quoteFlows } from './quote-flow';
import { recordedFrames, tradesOf } from '../../../tests/support/recordings';
import type { Trade } from './trade';
import { T0, trade } from './testing/test-trades';

/** BTCUSDT `@trade`, 2024-08-08 23:54:15 -> 2024-08-09 00:05:05 UTC, no gap. */
const FILES = ['btcusdt-trade-depth-20240808.txt.gz', 'btcusdt-trade-depth-20240809.txt.gz'];

/** price x qty in 1e-16 units, exact. */
function quoteUnits(t: Trade): bigint {
	const units = (text: string) => {
		const [whole = '0', fraction = ''] = text.split('.');
		return BigInt(whole + fraction.padEnd(8, '0').slice(0, 8));
	};
	return units(t.price) * units(t.qty);
}

describe('quoteFlows', () => {
	it('sums taker buys and sells of a recording over 1, 5 and 15 minutes, as by hand', () => {
		const trades = FILES.flatMap((file) => tradesOf(recordedFrames(file), 'BTCUSDT'));
		const aggregator = new SymbolAggregator('BTCUSDT');
		for (const t of trades) aggregator.add(t);
		const news = quoteFlows([aggregator]);
		const last = trades[trades.length - 1];
		if (last === undefined) throw new Error('the recording has no trades');
		const toMs = last.time - (last.time % 1000);
		expect(news?.toMs).toBe(toMs);
		expect(news?.symbols.map((s) => s.symbol)).toEqual(['btcusdt']);
		FLOW_MINUTES.forEach((minutes, i) => {
			const from = toMs - minutes * 60_000 + 1000;
			let buy = 0n;
			let sell = 0n;
			for (const t of trades) {
				if (t.time < from) continue;
				if (t.buyerMaker) sell += quoteUnits(t);
				else buy += quoteUnits(t);
			}
			const flow = news?.symbols[0]?.flows[i];
			expect(flow?.buy).toBeCloseTo(Number(buy) / 1e16, 6);
			expect(flow?.sell).toBeCloseTo(Number(sell) / 1e16, 6);
			expect(buy > 0n && sell > 0n).toBe(true);
		});
		// The recording spans under 11 minutes: the 15-minute window holds every trade.
		const all = trades.reduce((sum, t) => sum + quoteUnits(t), 0n);
		const wide = news?.symbols[0]?.flows[2];
		expect((wide?.buy ?? 0) + (wide?.sell ?? 0)).toBeCloseTo(Number(all) / 1e16, 6);
	});

	it('ends every symbol’s windows at the newest second any of them traded in', () => {
		const quiet = new SymbolAggregator('ETHUSDT');
		const eth = { symbol: 'ETHUSDT' };
		quiet.add(trade(1, 0, '10', '1', { ...eth, buyerMaker: false }));
		quiet.add(trade(2, 30_000, '10', '2', { ...eth, buyerMaker: true }));
		const busy = new SymbolAggregator('BTCUSDT');
		busy.add(trade(7, 119_500, '100', '1', { buyerMaker: false }));
		const news = quoteFlows([quiet, busy]);
		expect(news?.toMs).toBe(T0 + 119_000);
		const [ethFlow, btc] = news?.symbols ?? [];
		// 1 minute back from 119 s holds 60..119 s: none of ETH's trades; 5 minutes holds both.
		expect(ethFlow?.flows[0]).toEqual({ buy: 0, sell: 0 });
		expect(ethFlow?.flows[1]).toEqual({ buy: 10, sell: 20 });
		expect(btc?.flows[0]).toEqual({ buy: 100, sell: 0 });
	});

	it('is null before any trade, and the buy share is null when nothing traded', () => {
		expect(quoteFlows([new SymbolAggregator('BTCUSDT')])).toBeNull();
		expect(buyShare({ buy: 0, sell: 0 })).toBeNull();
		expect(buyShare({ buy: 3, sell: 1 })).toBe(0.75);
	});
});
