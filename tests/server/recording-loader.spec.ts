import { describe, expect, it } from 'vitest';
import { DEFAULT_RECORDINGS, RECORDINGS } from '../support/fixtures.ts';
import { loadMarket } from './recording-loader.ts';

const streams = (frames: readonly { stream: string }[]) => {
	const counts: Record<string, number> = {};
	for (const { stream } of frames) counts[stream] = (counts[stream] ?? 0) + 1;
	return counts;
};

describe('loadMarket', () => {
	it('joins the default BTCUSDT + ETHUSDT files into continuous timelines', () => {
		const market = loadMarket(DEFAULT_RECORDINGS);
		const btc = market.symbols.get('BTCUSDT');
		const eth = market.symbols.get('ETHUSDT');
		expect([...market.symbols.keys()].sort()).toEqual(['BTCUSDT', 'ETHUSDT']);
		expect(btc?.trades).toHaveLength(9757 + 10_147);
		expect([btc?.trades[0]?.t, btc?.trades.at(-1)?.t]).toEqual([3_735_683_259, 3_735_703_162]);
		expect(eth?.trades).toHaveLength(6106 + 8409);
		expect(btc?.aggTradesDerived).toBe(true);
		expect(btc?.depthSnapshots.map((s) => s.lastUpdateId)).toEqual([50_093_239_218]);
		btc?.depthDiffs.forEach((diff, i) => {
			const previous = btc.depthDiffs[i - 1];
			if (previous) expect(diff.U).toBe(previous.u + 1);
		});
		expect(streams(btc?.frames ?? [])).toEqual({ bookTicker: 28_040 + 45_134 });
		expect(new Date(market.startMs).toISOString()).toBe('2024-08-08T23:54:15.208Z');
		expect(new Date(market.endMs).toISOString()).toBe('2024-08-09T00:05:05.809Z');
	});

	it('loads the 2021 cryptofeed file: recorded aggTrades, klines and per-symbol snapshots', () => {
		const market = loadMarket([RECORDINGS.btcEthDot20210404]);
		const btc = market.symbols.get('BTCUSDT');
		expect([...market.symbols.keys()].sort()).toEqual(['BTCUSDT', 'DOTUSDT', 'ETHUSDT']);
		expect(btc?.aggTrades).toHaveLength(1227);
		expect(btc?.aggTradesDerived).toBe(false);
		expect(btc?.trades).toEqual([]);
		expect(btc?.depthSnapshots.map((s) => s.lastUpdateId)).toEqual([9_893_033_066]);
		expect(streams(btc?.frames ?? [])).toEqual({ kline_1m: 44 });
		expect(market.symbols.get('DOTUSDT')?.depthSnapshots[0]?.lastUpdateId).toBe(1_513_939_277);
	});

	it('loads the 2023 file without a snapshot and the ten-symbol file', () => {
		const old = loadMarket([RECORDINGS.btc20230405]).symbols.get('BTCUSDT');
		expect(old?.trades).toHaveLength(3144);
		expect(old?.depthSnapshots).toEqual([]);
		expect(old?.depthDiffs).toHaveLength(3929);
		expect(loadMarket([RECORDINGS.tenSymbols20210405]).symbols.size).toBe(10);
	});

	it('refuses recordings from different windows', () => {
		expect(() => loadMarket([RECORDINGS.btc20230405, RECORDINGS.eth20240808])).toThrow(
			/more than a day/
		);
	});
});
