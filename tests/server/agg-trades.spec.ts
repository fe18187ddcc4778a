import { describe, expect, it } from 'vitest';
import { RECORDINGS } from '../support/fixtures.ts';
import { deriveAggTrades } from './agg-trades.ts';
import type { RawTrade } from './market.ts';
import { recordedTrades, sum8 } from './spec-helpers.ts';

const trade = (t: number, T: number, p: string, q: string, m: boolean): RawTrade => ({
	t,
	p,
	q,
	T,
	E: T + 1,
	m,
	M: true
});

describe('deriveAggTrades', () => {
	it('merges consecutive trades with the same time, price and side', () => {
		const trades = [
			trade(101, 1_723_161_255_342, '61837.63000000', '0.10000000', true),
			trade(102, 1_723_161_255_342, '61837.63000000', '0.20000000', true),
			trade(103, 1_723_161_255_342, '61837.63000000', '0.00100000', false),
			trade(104, 1_723_161_255_342, '61837.64000000', '0.00200000', false),
			trade(105, 1_723_161_255_400, '61837.64000000', '0.00300000', false),
			trade(106, 1_723_161_255_400, '61837.64000000', '0.00400000', false)
		];
		expect(deriveAggTrades(trades, 900)).toEqual([
			{
				a: 900,
				p: '61837.63000000',
				q: '0.30000000',
				f: 101,
				l: 102,
				T: 1_723_161_255_342,
				E: 1_723_161_255_343,
				m: true,
				M: true
			},
			{
				a: 901,
				p: '61837.63000000',
				q: '0.00100000',
				f: 103,
				l: 103,
				T: 1_723_161_255_342,
				E: 1_723_161_255_343,
				m: false,
				M: true
			},
			{
				a: 902,
				p: '61837.64000000',
				q: '0.00200000',
				f: 104,
				l: 104,
				T: 1_723_161_255_342,
				E: 1_723_161_255_343,
				m: false,
				M: true
			},
			{
				a: 903,
				p: '61837.64000000',
				q: '0.00700000',
				f: 105,
				l: 106,
				T: 1_723_161_255_400,
				E: 1_723_161_255_401,
				m: false,
				M: true
			}
		]);
	});

	it('keeps the recorded BTCUSDT trades exactly: ids contiguous, volumes summing to the trades', () => {
		const raw = recordedTrades(RECORDINGS.btc20240808, 'BTCUSDT');
		const aggs = deriveAggTrades(
			raw.map((t) => ({ ...t, E: t.T, M: true })),
			5000
		);
		expect(raw).toHaveLength(9757);
		expect(aggs.length).toBeLessThan(raw.length);
		expect(aggs.length).toBeGreaterThan(1000);
		const position = new Map(raw.map((t, i) => [t.t, i]));
		aggs.forEach((agg, i) => {
			expect(agg.a).toBe(5000 + i);
			if (i > 0) expect(agg.f).toBe((aggs[i - 1]?.l ?? 0) + 1);
			const members = raw.slice(position.get(agg.f), (position.get(agg.l) ?? -1) + 1);
			expect(members).toHaveLength(agg.l - agg.f + 1);
			expect(members.every((t) => t.T === agg.T && t.p === agg.p && t.m === agg.m)).toBe(true);
			expect(sum8([agg.q])).toBe(sum8(members.map((t) => t.q)));
		});
		expect(sum8(aggs.map((agg) => agg.q))).toBe(sum8(raw.map((t) => t.q)));
	});
});
