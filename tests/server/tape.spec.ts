import { describe, expect, it } from 'vitest';
import type { AggTrade, RawTrade, SymbolRecording } from './market.ts';
import { RecordedTape, SyntheticTape } from './tape.ts';

const agg = (a: number, f: number, l: number, T: number, p: string): AggTrade => ({
	a,
	p,
	q: '0.50000000',
	f,
	l,
	T,
	E: T + 1,
	m: false,
	M: true
});
const raw = (t: number, T: number, p: string): RawTrade => ({
	t,
	p,
	q: '0.25000000',
	T,
	E: T + 1,
	m: false,
	M: true
});

const recording: SymbolRecording = {
	symbol: 'BTCUSDT',
	trades: [
		raw(100, 1000, '1.0'),
		raw(101, 1500, '2.0'),
		raw(102, 1500, '2.0'),
		raw(103, 2500, '3.0')
	],
	aggTrades: [
		agg(10, 100, 100, 1000, '1.0'),
		agg(11, 101, 102, 1500, '2.0'),
		agg(12, 103, 103, 2500, '3.0')
	],
	aggTradesDerived: true,
	depthSnapshots: [],
	depthDiffs: [],
	frames: []
};

describe('RecordedTape', () => {
	const tape = new RecordedTape(recording, { originMs: 1000, periodMs: 60_000 });

	it('repeats in laps with ids and times moved on', () => {
		expect(tape.at(1)).toEqual(recording.aggTrades[1]);
		expect(tape.at(3)).toEqual({ ...agg(13, 104, 104, 61_000, '1.0') });
		expect(tape.at(7)).toMatchObject({ a: 17, f: 109, l: 110, T: 121_500 });
		expect(tape.emitTime(5)).toBe(62_501);
	});

	it('gives the raw trades behind each aggTrade', () => {
		expect(tape.rawTrades(1).map((t) => t.t)).toEqual([101, 102]);
		expect(tape.rawTrades(4).map((t) => [t.t, t.T])).toEqual([
			[105, 61_500],
			[106, 61_500]
		]);
	});

	it('counts and finds trades by time and id across laps', () => {
		expect(tape.tradedCount(999)).toBe(0);
		expect(tape.tradedCount(1000)).toBe(1);
		expect(tape.tradedCount(2499)).toBe(2);
		expect(tape.tradedCount(30_000)).toBe(3);
		expect(tape.tradedCount(61_000)).toBe(4);
		expect(tape.indexAtTime(1001)).toBe(1);
		expect(tape.indexAtTime(2501)).toBe(3);
		expect(tape.indexOfId(0)).toBe(0);
		expect(tape.indexOfId(12)).toBe(2);
		expect(tape.indexOfId(13)).toBe(3);
		expect(tape.indexOfId(16)).toBe(6);
	});
});

describe('SyntheticTape', () => {
	const source = [
		{ p: '1.00000000', q: '0.10000000', m: true, M: true },
		{ p: '2.00000000', q: '0.20000000', m: false, M: true }
	];

	it('spaces messages at the rate with fresh ids, one trade each', () => {
		const tape = new SyntheticTape('BTCUSDT', source, 3, 1000, 500, 9000);
		expect([0, 1, 2, 3, 4].map((i) => tape.emitTime(i))).toEqual([1000, 1333, 1666, 2000, 2333]);
		expect(tape.at(3)).toEqual({
			a: 503,
			p: '2.00000000',
			q: '0.20000000',
			f: 9003,
			l: 9003,
			T: 2000,
			E: 2000,
			m: false,
			M: true
		});
		expect(tape.rawTrades(4)).toEqual([
			{ t: 9004, p: '1.00000000', q: '0.10000000', T: 2333, E: 2333, m: true, M: true }
		]);
		expect(tape.tradedCount(1332)).toBe(1);
		expect(tape.tradedCount(1333)).toBe(2);
		expect(tape.tradedCount(2000)).toBe(4);
		expect(tape.indexOfId(502)).toBe(2);
	});

	it('agrees with itself on counts, times and indexes at any rate', () => {
		const wrong: string[] = [];
		for (const rate of [1, 3, 7, 1000, 33_333, 100_000]) {
			const tape = new SyntheticTape('BTCUSDT', source, rate, 1_723_161_255_208, 1, 1);
			for (let i = 0; i < 3000; i += 1) {
				const time = tape.emitTime(i);
				const ok =
					tape.tradedCount(time) > i &&
					tape.tradedCount(time - 1) <= i &&
					tape.indexAtTime(time) <= i &&
					tape.indexAtTime(time + 1) > i;
				if (!ok) wrong.push(`rate ${rate} index ${i}`);
			}
		}
		expect(wrong).toEqual([]);
	});

	it('refuses a rate that is not positive', () => {
		expect(() => new SyntheticTape('BTCUSDT', source, 0, 0, 1, 1)).toThrow(/rate/);
	});
});
