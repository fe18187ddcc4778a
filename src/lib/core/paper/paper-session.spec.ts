import { describe, expect, it } from 'vitest';
import { PaperSession } from './paper-session';
import type { PaperSettings } from './paper-types';
import { priceUnits } from './paper-units';

const SETTINGS: PaperSettings = {
	symbol: 'btcusdt',
	baseAsset: 'BTC',
	quoteAsset: 'USDT',
	startBalance: '100',
	feePercent: '0.1',
	stepSize: '0.00001000'
};

/** A live session at t = 0 whose clock never has a fresh quote unless a test gives one. */
function session(settings: Partial<PaperSettings> = {}): PaperSession {
	return new PaperSession('s1', 'live', null, { ...SETTINGS, ...settings }, 0);
}

const at = (paper: PaperSession, price: string, timeMs: number) =>
	paper.trade(priceUnits(price), timeMs, timeMs);
const base = (amount: string) => ({ unit: 'base', amount }) as const;
/** Quote amounts printed with 8 decimals, as the panel rounds nothing but shows what it is given. */
const num = (text: string) => Number(text);

describe('PaperSession arithmetic (computed by hand)', () => {
	it('a winning and a losing long: balance, P&L, fees, win rate, extremes and drawdown', () => {
		const paper = session();
		at(paper, '60000', 1000);
		const buy = paper.market('buy', base('0.001'), 1000, 1000);
		// 0.001 * 60000 = 60, fee 0.06: cash 39.94, entry basis 60.06.
		expect(buy).toMatchObject({ side: 'buy', qty: '0.00100000', price: '60000.00000000' });
		expect(num(buy.fee)).toBe(0.06);
		expect(buy.realised).toBeNull();
		at(paper, '60500', 2000);
		let snap = paper.snapshot();
		expect(num(snap.balance)).toBe(39.94);
		expect(num(snap.unrealised)).toBeCloseTo(0.44, 12);
		expect(snap.averageEntry).toBe('60000.00000000');
		const sell = paper.market('sell', base('0.001'), 2000, 2000);
		// 60.5 - 0.0605 fee = 60.4395 back; realised 60.4395 - 60.06 = 0.3795.
		expect(sell.realised).toBe('0.37950000');
		snap = paper.snapshot();
		expect(snap.balance).toBe('100.37950000');
		expect(snap.position).toBe('0.00000000');
		expect(snap.pnl).toBe('0.37950000');

		at(paper, '61000', 3000);
		paper.market('buy', base('0.001'), 3000, 3000);
		at(paper, '60000', 4000);
		const loss = paper.market('sell', base('0.001'), 4000, 4000);
		// Cost 61 + 0.061; back 60 - 0.06: realised -1.121.
		expect(loss.realised).toBe('-1.12100000');
		snap = paper.snapshot();
		expect(snap.realised).toBe('-0.74150000');
		expect(snap.balance).toBe('99.25850000');
		expect(snap.pnl).toBe(snap.realised);
		expect(snap.feesPaid).toBe('0.24150000');
		expect(snap).toMatchObject({ fillCount: 4, wins: 1, losses: 1, winRate: 0.5 });
		expect(snap.largestWin).toBe('0.37950000');
		expect(snap.largestLoss).toBe('-1.12100000');
		// Peak 100.44 (long marked at 60500); lowest after it 99.2585 (flat after the loss).
		expect(snap.maxDrawdown).toBe('1.18150000');
		expect(snap.maxDrawdownShare).toBeCloseTo(1.1815 / 100.44, 12);
	});

	it('a short round trip: proceeds, equity as a debt, realised net of both fees', () => {
		const paper = session();
		at(paper, '50000', 1);
		paper.market('sell', base('0.001'), 1, 1);
		at(paper, '49000', 2);
		let snap = paper.snapshot();
		expect(snap.position).toBe('-0.00100000');
		expect(num(snap.balance)).toBe(149.95);
		expect(num(snap.unrealised)).toBeCloseTo(0.95, 12);
		expect(num(snap.equity)).toBeCloseTo(100.95, 12);
		const cover = paper.market('buy', base('0.001'), 2, 2);
		// Sold for 50 - 0.05 = 49.95; bought back for 49 + 0.049 = 49.049.
		expect(cover.realised).toBe('0.90100000');
		snap = paper.snapshot();
		expect(snap.balance).toBe('100.90100000');
		expect(snap.position).toBe('0.00000000');
	});

	it('a fill through zero closes the long and opens a short with the rest', () => {
		const paper = session({ startBalance: '1000' });
		at(paper, '100', 1);
		paper.market('buy', base('2'), 1, 1);
		const flip = paper.market('sell', base('3'), 1, 1);
		// Closing 2 realises minus both fees: -(0.2 + 0.2); the third unit opens a short.
		expect(flip.realised).toBe('-0.40000000');
		const snap = paper.snapshot();
		expect(snap.position).toBe('-1.00000000');
		expect(snap.averageEntry).toBe('100.00000000');
		expect(num(snap.pnl)).toBeCloseTo(-0.5, 12);
	});

	it('market orders take the fresh ask or bid, and the last trade once the quote is older than 1 s', () => {
		const paper = session();
		at(paper, '60000', 0);
		paper.quote('59990', '60010', 5000);
		expect(paper.market('buy', base('0.0001'), 5000, 5500).price).toBe('60010.00000000');
		expect(paper.market('sell', base('0.0001'), 5000, 6000).price).toBe('59990.00000000');
		expect(paper.market('buy', base('0.0001'), 5000, 6001).price).toBe('60000.00000000');
	});

	it('sizes by quote amount, base amount and percent, rounded down to the step', () => {
		const paper = session();
		at(paper, '60000', 0);
		// 100 % of 100 USDT at 60000 with fee: 100 / 60060 = 0.001665... -> 0.00166.
		expect(paper.market('buy', { unit: 'percent', amount: 100 }, 0, 0).qty).toBe('0.00166000');
		expect(paper.market('sell', { unit: 'percent', amount: 50 }, 0, 0).qty).toBe('0.00083000');
		expect(paper.market('sell', { unit: 'quote', amount: '30' }, 0, 0).qty).toBe('0.00050000');
		expect(() => paper.market('buy', base('0.000001'), 0, 0)).toThrow(/smallest quantity step/);
	});

	it('refuses debt and leverage, and a refused order changes nothing', () => {
		const paper = session();
		at(paper, '60000', 0);
		const before = paper.snapshot();
		expect(() => paper.market('buy', { unit: 'quote', amount: '150' }, 0, 0)).toThrow(
			/not enough USDT/
		);
		expect(() => paper.market('sell', base('0.002'), 0, 0)).toThrow(/no leverage/);
		expect(paper.snapshot()).toEqual(before);
		expect(() => new PaperSession('x', 'live', null, { ...SETTINGS, feePercent: '12' }, 0)).toThrow(
			/fee must be a percent/
		);
		expect(() => paper.market('buy', base('abc'), 0, 0)).toThrow(/size must be a plain decimal/);
	});

	it('a market order before any trade is refused: no price', () => {
		expect(() => session().market('buy', base('0.001'), 0, 0)).toThrow(/no price yet/);
	});
});

describe('PaperSession orders', () => {
	it('a resting buy limit fills at its price when a later trade goes through it, not on a touch', () => {
		const paper = session();
		at(paper, '60000', 0);
		expect(paper.limit('buy', base('0.001'), '59000', 0, 0)).toBeNull();
		expect(paper.snapshot().orders).toEqual([
			{ id: 1, side: 'buy', qty: '0.00100000', price: '59000.00000000', placedAtMs: 0 }
		]);
		expect(at(paper, '59000', 1)).toEqual([]);
		const [fill] = at(paper, '58999', 2);
		expect(fill).toMatchObject({ reason: 'limit', price: '59000.00000000', timeMs: 2 });
		expect(paper.snapshot().orders).toEqual([]);
	});

	it('a sell limit above the market rests and fills above; a marketable limit fills at once at the market', () => {
		const paper = session();
		at(paper, '60000', 0);
		paper.market('buy', base('0.001'), 0, 0);
		paper.limit('sell', base('0.001'), '61000', 0, 0);
		expect(at(paper, '61000.01', 1)[0]).toMatchObject({ side: 'sell', price: '61000.00000000' });
		const now = paper.limit('buy', base('0.001'), '62000', 2, 2);
		expect(now).toMatchObject({ reason: 'limit', price: '61000.01000000' });
	});

	it('cancels an order, and says so for one that does not exist', () => {
		const paper = session();
		at(paper, '60000', 0);
		paper.limit('buy', base('0.001'), '50000', 0, 0);
		paper.cancel(1);
		expect(paper.snapshot().orders).toEqual([]);
		expect(() => paper.cancel(1)).toThrow(/no open order 1/);
	});

	it('a stop-loss closes a long at the market on the first trade at or below it', () => {
		const paper = session();
		at(paper, '60000', 0);
		paper.market('buy', base('0.001'), 0, 0);
		paper.protect('59500', '61000');
		expect(at(paper, '59600', 1)).toEqual([]);
		const [fill] = at(paper, '59400', 2);
		expect(fill).toMatchObject({ reason: 'stop-loss', side: 'sell', price: '59400.00000000' });
		const snap = paper.snapshot();
		expect(snap.position).toBe('0.00000000');
		expect(snap.stopLoss).toBeNull();
		expect(snap.takeProfit).toBeNull();
	});

	it('a take-profit closes a short at the fresh ask', () => {
		const paper = session();
		at(paper, '60000', 0);
		paper.market('sell', base('0.001'), 0, 0);
		paper.protect('61000', '59000');
		paper.quote('58990', '59001', 10);
		const [fill] = paper.trade(priceUnits('58999'), 10, 10);
		expect(fill).toMatchObject({ reason: 'take-profit', side: 'buy', price: '59001.00000000' });
	});

	it('refuses stops on the wrong side of the price or with no position', () => {
		const paper = session();
		at(paper, '60000', 0);
		expect(() => paper.protect('59000', null)).toThrow(/needs an open position/);
		paper.market('buy', base('0.001'), 0, 0);
		expect(() => paper.protect('60100', null)).toThrow(/stop-loss must be below/);
		expect(() => paper.protect(null, '59000')).toThrow(/take-profit must be above/);
	});
});

describe('PaperSession persistence and export', () => {
	it('a saved session restores to the same snapshot', () => {
		const paper = session();
		at(paper, '60000', 0);
		paper.market('buy', base('0.001'), 0, 0);
		at(paper, '59000', 1000);
		paper.market('sell', base('0.0005'), 1000, 1000);
		paper.limit('buy', base('0.0002'), '58000', 1000, 1000);
		paper.protect('57000', null);
		at(paper, '59100', 2000);
		const restored = PaperSession.restore(paper.toRecord());
		expect(restored.snapshot()).toEqual(paper.snapshot());
	});

	it('exports every fill as CSV with a header', () => {
		const paper = session();
		at(paper, '60000', 0);
		paper.market('buy', base('0.001'), 0, 0);
		expect(paper.fillsCsv()).toBe(
			'seq,time_utc,time_ms,side,qty_BTC,price_USDT,fee_USDT,realised_USDT,reason\n' +
				'1,1970-01-01T00:00:00.000Z,0,buy,0.00100000,60000.00000000,0.06000000,,market\n'
		);
	});
});
