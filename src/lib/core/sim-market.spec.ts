import { describe, expect, it } from 'vitest';
import { SymbolAggregator } from './aggregator';
import { SimMarket, simProfile } from './sim-market';
import type { Trade } from './trade';

const T0 = 1_723_161_600_000;
const HOUR = 3_600_000;

function hour(seed: number, symbol = 'btcusdt'): Trade[] {
	return new SimMarket(symbol, { seed, startMs: T0 }).until(T0 + HOUR, Infinity);
}

const btcHour = hour(42);

/** Trades per whole second of the hour. */
function perSecond(trades: readonly Trade[]): number[] {
	const counts = new Array<number>(HOUR / 1000).fill(0);
	for (const t of trades) {
		const second = Math.floor((t.time - T0) / 1000);
		counts[second] = (counts[second] ?? 0) + 1;
	}
	return counts;
}

function correlation(a: readonly number[], b: readonly number[]): number {
	const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
	const [ma, mb] = [mean(a), mean(b)];
	let cov = 0;
	let va = 0;
	let vb = 0;
	a.forEach((x, i) => {
		const y = b[i] ?? mb;
		cov += (x - ma) * (y - mb);
		va += (x - ma) ** 2;
		vb += (y - mb) ** 2;
	});
	return cov / Math.sqrt(va * vb);
}

describe('SimMarket', () => {
	it('gives the same trades for the same seed, however the time is sliced', () => {
		const sliced = new SimMarket('btcusdt', { seed: 42, startMs: T0 });
		const pieces: Trade[] = [];
		for (let t = T0; t <= T0 + HOUR; t += 37) pieces.push(...sliced.until(t, Infinity));
		expect(pieces).toEqual(btcHour);
		expect(hour(43).slice(0, 50)).not.toEqual(btcHour.slice(0, 50));
	});

	it('prints exact 8-decimal prices on the 0.01 grid and sizes on the symbol step', () => {
		const step = simProfile('btcusdt').stepUnits;
		expect(step).toBe(1000);
		const offGrid = btcHour.filter((t) => {
			const units = Number(t.qty.replace('.', ''));
			const priced = /^[1-9]\d*\.\d{2}000000$/.test(t.price);
			return !priced || !/^\d+\.\d{8}$/.test(t.qty) || units % step !== 0 || units <= 0;
		});
		expect(offGrid).toEqual([]);
	});

	it('numbers trades like aggTrades: ids up by one, underlying ids contiguous, times in order', () => {
		expect(btcHour.length).toBeGreaterThan(20_000);
		const misnumbered = btcHour.slice(1).filter((t, i) => {
			const previous = btcHour[i] as Trade;
			const ids = t.id === previous.id + 1 && t.firstTradeId === previous.lastTradeId + 1;
			return !ids || t.time < previous.time || t.lastTradeId - t.firstTradeId + 1 !== t.count;
		});
		expect(misnumbered).toEqual([]);
		expect(btcHour.some((t) => t.count > 1)).toBe(true);
		expect(btcHour.filter((t) => t.buyerMaker).length / btcHour.length).toBeGreaterThan(0.3);
		expect(btcHour.filter((t) => t.buyerMaker).length / btcHour.length).toBeLessThan(0.7);
	});

	it('has bursts of hundreds to thousands of trades a second and quiet spells', () => {
		const counts = perSecond(btcHour);
		expect(Math.max(...counts)).toBeGreaterThan(500);
		expect(counts.filter((n) => n >= 200).length).toBeGreaterThan(10);
		let quietWindows = 0;
		for (let s = 0; s + 10 <= counts.length; s += 10) {
			if (counts.slice(s, s + 10).reduce((a, b) => a + b, 0) <= 30) quietWindows++;
		}
		expect(quietWindows).toBeGreaterThan(10);
	});

	it('moves like BTC: a few tenths of a percent a minute, clustered volatility, heavy-tailed sizes', () => {
		const aggregator = new SymbolAggregator('BTCUSDT');
		for (const t of btcHour) aggregator.add(t);
		const seconds = aggregator.klines('1s').map((k) => Number(k[4]));
		const returns = seconds.slice(1).map((c, i) => Math.abs(Math.log(c / (seconds[i] ?? c))));
		expect(correlation(returns.slice(1), returns.slice(0, -1))).toBeGreaterThan(0.1);
		for (const [, open, high, low] of aggregator.klines('1m')) {
			expect((Number(high) - Number(low)) / Number(open)).toBeLessThan(0.02);
		}
		const notionals = btcHour.map((t) => Number(t.price) * Number(t.qty)).sort((a, b) => a - b);
		const median = notionals[notionals.length >> 1] ?? 0;
		expect(median).toBeGreaterThan(20);
		expect(median).toBeLessThan(1000);
		expect(notionals.at(-1)).toBeGreaterThan(200 * median);
	});

	it('keeps its taker side more often than not', () => {
		let same = 0;
		btcHour.slice(1).forEach((t, i) => {
			if (t.buyerMaker === btcHour[i]?.buyerMaker) same++;
		});
		expect(same / btcHour.length).toBeGreaterThan(0.6);
	});

	it('trades each symbol at its own level, and continues from a given id and price', () => {
		const eth = new SimMarket('ETHUSDT', { seed: 42, startMs: T0 }).until(T0 + 60_000);
		const other = new SimMarket('abcusdt', { seed: 42, startMs: T0 }).until(T0 + 60_000);
		expect(Number(eth[0]?.price)).toBeGreaterThan(2000);
		expect(Number(eth[0]?.price)).toBeLessThan(3500);
		expect(Number(other[0]?.price)).not.toBeCloseTo(Number(btcHour[0]?.price), -2);
		const resumed = new SimMarket('btcusdt', {
			seed: 42,
			startMs: T0,
			startId: 7,
			startPrice: 100
		}).until(T0 + 10_000);
		expect(resumed[0]?.id).toBe(7);
		expect(Number(resumed[0]?.price)).toBeCloseTo(100, 0);
	});

	it('hands over at most `limit` trades a call and the rest on the next', () => {
		const market = new SimMarket('btcusdt', { seed: 42, startMs: T0 });
		const first = market.until(T0 + HOUR, 1000);
		expect(first).toHaveLength(1000);
		expect(market.until(T0 + HOUR, Infinity)).toEqual(btcHour.slice(1000));
		expect(market.nextTime).toBeGreaterThan(T0 + HOUR);
	});
});
