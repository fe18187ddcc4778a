import { describe, expect, it } from 'vitest';
import { ExportState, klinesFileName, ticksFileName } from './export.svelte';
import { FakeFeed } from '../testing/test-feed';

const T = 1_723_161_255_120;

function setup() {
	const feed = new FakeFeed();
	const saved: { name: string; text: string }[] = [];
	const state = new ExportState(feed, (name, text) => saved.push({ name, text }));
	return { feed, state, saved };
}

describe('ExportState', () => {
	it('names files the Binance way, so a re-import finds the symbol', () => {
		const range = { sessionId: 'cache:btcusdt', symbol: 'btcusdt', fromMs: T, toMs: T + 600_000 };
		expect(ticksFileName(range)).toBe(
			'BTCUSDT-aggTrades-2024-08-08T235415Z-2024-08-09T000415Z.csv'
		);
		expect(klinesFileName('ethusdt', '1m')).toBe('ETHUSDT-1m-klines.csv');
	});

	it('exports the whole cache session of a symbol', async () => {
		const { feed, state, saved } = setup();
		feed.sessionList = [
			{
				id: 'cache:btcusdt',
				kind: 'cache',
				label: 'btcusdt',
				symbol: 'btcusdt',
				ticks: 2,
				fromMs: T,
				toMs: T + 1000
			}
		];
		feed.exportText = '1,2,3,4,5,6,True,True\n2,2,3,4,5,7,False,True';
		await state.ticks('btcusdt', null);
		expect(feed.calls).toEqual(['sessions', `exportTicks cache:btcusdt ${T} ${T + 1000}`]);
		expect(saved).toEqual([
			{
				name: 'BTCUSDT-aggTrades-2024-08-08T235415Z-2024-08-08T235416Z.csv',
				text: '1,2,3,4,5,6,True,True\n2,2,3,4,5,7,False,True\n'
			}
		]);
		expect(state.saved).toBe(
			'BTCUSDT-aggTrades-2024-08-08T235415Z-2024-08-08T235416Z.csv · 2 ticks'
		);
	});

	it('exports the replayed range of a replay, and candles of the chart', async () => {
		const { feed, state, saved } = setup();
		feed.exportText = 'a\n';
		const replay = { sessionId: 'import:3', symbol: 'btcusdt', fromMs: T, toMs: T + 5 };
		await state.ticks('btcusdt', replay);
		await state.klines('btcusdt', '1m');
		expect(feed.calls).toEqual([`exportTicks import:3 ${T} ${T + 5}`, 'exportKlines btcusdt 1m']);
		expect(saved.map((s) => s.name)).toEqual([
			'BTCUSDT-aggTrades-2024-08-08T235415Z-2024-08-08T235415Z.csv',
			'BTCUSDT-1m-klines.csv'
		]);
		expect(state.saved).toBe('BTCUSDT-1m-klines.csv · 1 candles');
	});

	it('says so when there is nothing to export, and saves nothing', async () => {
		const { feed, state, saved } = setup();
		await state.ticks('solusdt', null);
		expect(state.error).toBe('No ticks of SOLUSDT in the cache yet');
		feed.exportText = '\n';
		await state.klines('solusdt', '5m');
		expect(state.error).toBe('No SOLUSDT 5m candles yet');
		expect(saved).toEqual([]);
		expect(state.busy).toBe(false);
	});
});
