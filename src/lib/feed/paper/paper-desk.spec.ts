import { describe, expect, it } from 'vitest';
import { trade, T0 } from '../../core/testing/test-trades';
import { decodeChunk, encodeChunk } from '../../core/tick-codec';
import { MemoryPaperStore, type PaperStore } from '../../storage/paper-store';
import { PaperDesk } from './paper-desk';

function desk(store: PaperStore = new MemoryPaperStore(), openFails = false) {
	let now = T0;
	const paper = new PaperDesk({
		openStore: () =>
			openFails ? Promise.reject(new Error('no IndexedDB here')) : Promise.resolve(store),
		memoryStore: () => new MemoryPaperStore(),
		now: () => now,
		symbolInfo: () =>
			Promise.resolve({
				symbol: 'BTCUSDT',
				status: 'TRADING',
				baseAsset: 'BTC',
				quoteAsset: 'USDT',
				tickSize: '0.01000000',
				stepSize: '0.00001000'
			})
	});
	return { paper, store, tick: (ms: number) => (now += ms) };
}

const open = { symbol: 'btcusdt', startBalance: '100', feePercent: '0.1' };
const buy = { type: 'market', side: 'buy', size: { unit: 'base', amount: '0.001' } } as const;

describe('PaperDesk', () => {
	it('trades the live session on live trades and quotes, and the batch carries the change once', async () => {
		const { paper } = desk();
		await paper.open(open);
		paper.liveTrade(trade(1, 0, '60000', '0.5'));
		paper.liveQuote('BTCUSDT', '59999', '60001', 'ticker');
		// The 100 ms book stands back while bookTicker quotes are fresh.
		paper.liveQuote('BTCUSDT', '59990', '60010', 'depth');
		const fill = await paper.order(buy);
		expect(fill).toMatchObject({ price: '60001.00000000', qty: '0.00100000' });
		const news = paper.news();
		expect(news?.session?.fills).toHaveLength(1);
		expect(news?.session?.settings).toMatchObject({ baseAsset: 'BTC', stepSize: '0.00001000' });
		expect(paper.news()).toBeUndefined();
		paper.liveTrade(trade(2, 1, '60100', '0.5'));
		// A mark-only change waits for MARK_NEWS_MS.
		expect(paper.news()).toBeUndefined();
	});

	it('ignores trades of other symbols and before a session exists', async () => {
		const { paper } = desk();
		paper.liveTrade(trade(1, 0, '60000', '0.5'));
		await expect(paper.order(buy)).rejects.toThrow(/start a session first/);
		await paper.open(open);
		paper.liveTrade({ ...trade(2, 0, '3000', '1'), symbol: 'ETHUSDT' });
		await expect(paper.order(buy)).rejects.toThrow(/no price yet/);
	});

	it('a new desk on the same store takes the live session back, fills and all', async () => {
		const store = new MemoryPaperStore();
		const first = desk(store).paper;
		await first.open(open);
		first.liveTrade(trade(1, 0, '60000', '0.5'));
		await first.order(buy);
		await first.order({
			type: 'limit',
			side: 'sell',
			size: { unit: 'percent', amount: 100 },
			limitPrice: '61000'
		});
		const before = first.view().session;
		await new Promise((resolve) => setTimeout(resolve, 0));
		const second = desk(store).paper;
		await second.load();
		expect(second.view().session).toEqual(before);
		// The resting order still fills on the next live trade through it.
		second.liveTrade(trade(2, 5, '61000.01', '0.1'));
		expect(second.view().session?.position).toBe('0.00000000');
	});

	it('a replay trades its own session at replayed prices, never the live one', async () => {
		const { paper, tick } = desk();
		await paper.open(open);
		paper.liveTrade(trade(1, 0, '60000', '0.5'));
		await paper.order(buy);
		tick(1000);
		paper.replayBegan('cache:btcusdt');
		expect(paper.view()).toMatchObject({
			mode: 'replay',
			replayId: 'cache:btcusdt',
			session: null
		});
		await expect(paper.order(buy)).rejects.toThrow(/start a replay session first/);
		await paper.open(open);
		const ticks = decodeChunk(
			encodeChunk([trade(10, 10, '50000', '1'), trade(11, 20, '49000', '1')])
		);
		paper.replayTicks('btcusdt', ticks, 0, 1);
		const fill = await paper.order(buy);
		expect(fill).toMatchObject({ price: '50000.00000000', timeMs: T0 + 10 });
		await paper.order({
			type: 'limit',
			side: 'buy',
			size: { unit: 'base', amount: '0.0001' },
			limitPrice: '49500'
		});
		paper.replayTicks('btcusdt', ticks, 1, 2);
		const replayed = paper.view().session;
		expect(replayed).toMatchObject({ mode: 'replay', replayId: 'cache:btcusdt', fillCount: 2 });
		expect(replayed?.fills[1]).toMatchObject({
			reason: 'limit',
			price: '49500.00000000',
			timeMs: T0 + 20
		});
		paper.replayEnded();
		const live = paper.view();
		expect(live).toMatchObject({ mode: 'live' });
		expect(live.session?.fills.map((f) => f.price)).toEqual(['60000.00000000']);
		await new Promise((resolve) => setTimeout(resolve, 0));
		const listed = await paper.sessions();
		expect(listed.map((s) => [s.mode, s.endedAtMs === null])).toEqual([
			['replay', false],
			['live', true]
		]);
	});

	it('without IndexedDB keeps sessions in memory and says so', async () => {
		const { paper } = desk(new MemoryPaperStore(), true);
		await paper.open(open);
		expect(paper.view().notice).toMatch(/kept in this tab only: no IndexedDB here/);
	});

	it('exports the fills of the current and of an ended session as CSV', async () => {
		const { paper, tick } = desk();
		const first = await paper.open(open);
		paper.liveTrade(trade(1, 0, '60000', '0.5'));
		await paper.order(buy);
		tick(1000);
		await paper.open(open);
		await new Promise((resolve) => setTimeout(resolve, 0));
		const csv = await paper.exportCsv(first.session?.id ?? '');
		expect(csv.split('\n')[1]).toMatch(/^1,.*,buy,0\.00100000,60000\.00000000,/);
		await expect(paper.exportCsv('nope')).rejects.toThrow(/no paper session "nope"/);
	});
});
