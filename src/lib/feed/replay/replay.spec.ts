import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { useOfflineTabs } from '../../../../tests/support/feed-tabs';
import { RECORDINGS } from '../../../../tests/support/fixtures';
import { recordedFrames, tradesOf } from '../../../../tests/support/recordings';
import { SymbolAggregator } from '../../core/aggregator';
import { FIXED_INTERVALS } from '../../core/interval';
import { epochMs } from '../../core/time';
import type { FeedConfig, KlineRow } from '../../protocol/feed-api';
import { FeedService } from '../feed-service';

const FRAMES = recordedFrames(RECORDINGS.btcEthDot20210404).filter((frame) =>
	frame.startsWith('{"stream":"btcusdt@')
);
const TRADES = tradesOf(FRAMES);
const NOW = (TRADES.at(-1)?.time ?? 0) + 5_000;
const ALL = { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER } as const;
const CONFIG: FeedConfig = {
	wsBase: 'wss://stream.binance.com:9443',
	restBase: 'https://x.test',
	symbols: ['btcusdt', 'ethusdt']
};

/** The recorded BTCUSDT trades, ids moved past the live ones, as a public-data aggTrades CSV. */
const IMPORT_ROWS = TRADES.map((t) =>
	[
		t.id + 10_000_000,
		t.price,
		t.qty,
		t.firstTradeId + 20_000_000,
		t.lastTradeId + 20_000_000,
		t.time + 86_400_000,
		t.buyerMaker ? 'True' : 'False',
		'True'
	].join(',')
);
const IMPORT_NAME = 'BTCUSDT-aggTrades-2021-04-05.csv';
const csv = (rows: readonly string[]) => strToU8(`${rows.join('\n')}\n`).slice().buffer;

const tab = useOfflineTabs(NOW);

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
	const deadline = Date.now() + 10_000;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

async function allKlines(service: FeedService, symbol: string): Promise<KlineRow[][]> {
	return Promise.all(FIXED_INTERVALS.map((interval) => service.klines(symbol, interval)));
}

const cachedTicks = async (service: FeedService) =>
	(await service.cacheStats()).symbols.find((s) => s.symbol === 'btcusdt')?.ticks ?? 0;

describe('replay in the feed service', () => {
	it('replays cached ticks at max speed while live goes on, then back to live with no gap', async () => {
		const t = tab({ indexedDB: new IDBFactory() });
		await t.service.start(CONFIG, { batch: () => {} });
		// The first half streams before the replay, the rest while it runs.
		const half = Math.floor(FRAMES.length / 2);
		const before = tradesOf(FRAMES.slice(0, half));
		for (const frame of FRAMES.slice(0, half)) t.last().receive(frame);
		await until(async () => (await cachedTicks(t.service)) === before.length, 'the cache');
		const live = await allKlines(t.service, 'btcusdt');
		await t.service.watch('main', 'btcusdt', '1m');

		const sessions = await t.service.sessions();
		expect(sessions).toEqual([
			{
				id: 'cache:btcusdt',
				kind: 'cache',
				label: 'BTCUSDT cache',
				symbol: 'btcusdt',
				ticks: before.length,
				fromMs: before[0]?.time,
				toMs: before.at(-1)?.time
			}
		]);
		const posted = t.batches.length;
		await t.service.replay({ sessionId: 'cache:btcusdt', ...ALL, speed: 'max' });
		await until(() => t.status()?.replay?.ended === true, 'the end of the replay');
		expect(t.status()).toMatchObject({
			state: 'replay',
			source: 'replay',
			received: before.length
		});
		expect(await allKlines(t.service, 'btcusdt')).toEqual(live);
		expect(await t.service.klines('ethusdt', '1m')).toEqual([]);
		const replayed = t.batches.slice(posted).flatMap((b) => b.views);
		expect(replayed[0]).toMatchObject({ viewId: 'main', reset: true });

		// The socket stays open during the replay: its trades are cached, and posted nowhere.
		expect(t.sockets).toHaveLength(1);
		expect(t.sockets[0]?.closed).toBe(false);
		const during = t.batches.length;
		for (const frame of FRAMES.slice(half)) t.last().receive(frame);
		await until(async () => (await cachedTicks(t.service)) === TRADES.length, 'the live cache');
		expect(t.batches.slice(during).every((b) => b.status.state === 'replay')).toBe(true);
		expect(await allKlines(t.service, 'btcusdt')).toEqual(live);

		const back = t.batches.length;
		await t.service.stopReplay();
		await until(() => t.batches.length > back, 'a live batch');
		expect(t.sockets).toHaveLength(1);
		expect(t.status()).toMatchObject({ source: 'binance', state: 'live' });
		expect(t.status()?.replay).toBeUndefined();
		expect(t.batches[back]?.views[0]).toMatchObject({ viewId: 'main', reset: true });
		const whole = new SymbolAggregator('BTCUSDT');
		for (const trade of TRADES) whole.add(trade);
		const klines = await allKlines(t.service, 'btcusdt');
		expect(klines).toEqual(FIXED_INTERVALS.map((interval) => whole.klines(interval)));
		await expect(t.service.replayControl({ playing: true })).rejects.toThrow(
			'no replay is running'
		);
	});

	it('imports a file, lists it after a reload, replays it, and keeps its ticks out of the live cache', async () => {
		const indexedDB = new IDBFactory();
		const t = tab({ indexedDB });
		await t.service.start(CONFIG, { batch: () => {} });
		const progress: number[] = [];
		const session = await t.service.importFile(IMPORT_NAME, csv(IMPORT_ROWS), {
			progress: (p) => void progress.push(p.ticks)
		});
		expect(session).toEqual({
			id: 'import:1',
			kind: 'import',
			label: IMPORT_NAME,
			symbol: 'btcusdt',
			ticks: TRADES.length,
			fromMs: (TRADES[0]?.time ?? 0) + 86_400_000,
			toMs: (TRADES.at(-1)?.time ?? 0) + 86_400_000
		});
		expect(progress.at(-1)).toBe(TRADES.length);

		await t.service.replay({ sessionId: 'import:1', ...ALL, speed: 'max' });
		await until(() => t.status()?.replay?.ended === true, 'the end of the replay');
		const reference = new SymbolAggregator('BTCUSDT');
		for (const trade of TRADES) {
			reference.add({
				...trade,
				id: trade.id + 10_000_000,
				time: epochMs(trade.time + 86_400_000)
			});
		}
		for (const interval of FIXED_INTERVALS) {
			expect(await t.service.klines('btcusdt', interval)).toEqual(reference.klines(interval));
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(await cachedTicks(t.service)).toBe(0);
		const exported = await t.service.exportTicks('import:1', ALL.fromMs, ALL.toMs);
		expect(exported).toBe(`${IMPORT_ROWS.join('\n')}\n`);

		const reload = tab({ indexedDB });
		await reload.service.start(CONFIG, { batch: () => {} });
		expect(await reload.service.sessions()).toEqual([session]);
		const second = await reload.service.importFile(
			'BTCUSDT-trades-x.csv',
			csv(['1,5.5,1,5.5,1617566591314,True,True']),
			undefined,
			'ethusdt'
		);
		expect((await reload.service.sessions()).map((s) => [s.id, s.symbol])).toEqual([
			[second.id, 'ethusdt'],
			['import:1', 'btcusdt']
		]);
	});

	it('rejects a broken file with its line, storing nothing', async () => {
		const indexedDB = new IDBFactory();
		const t = tab({ indexedDB });
		await t.service.start(CONFIG, { batch: () => {} });
		const broken = [...IMPORT_ROWS];
		broken[16] = broken[16]?.replace(/^(\d+),[^,]+,/, '$1,abc,') ?? '';
		await expect(t.service.importFile(IMPORT_NAME, csv(broken))).rejects.toThrow(
			`${IMPORT_NAME}:17: price "abc" is not a decimal`
		);
		expect(await t.service.sessions()).toEqual([]);
		await expect(t.service.replay({ sessionId: 'import:1', ...ALL, speed: 'max' })).rejects.toThrow(
			'no replay session "import:1"'
		);
		await expect(
			t.service.replay({ sessionId: 'cache:btcusdt', ...ALL, speed: 2 as 1 })
		).rejects.toThrow("replay speed must be 1, 10, 100 or 'max', got 2");
	});

	it('starts the latest of overlapping replay requests, and none when stopped meanwhile', async () => {
		const t = tab({ indexedDB: new IDBFactory() });
		await t.service.start(CONFIG, { batch: () => {} });
		const a = await t.service.importFile(IMPORT_NAME, csv(IMPORT_ROWS));
		const b = await t.service.importFile(IMPORT_NAME, csv(IMPORT_ROWS.slice(0, 10)));
		await Promise.all([
			t.service.replay({ sessionId: a.id, ...ALL, speed: 'max' }),
			t.service.replay({ sessionId: b.id, ...ALL, speed: 'max' })
		]);
		await until(() => t.status()?.replay?.ended === true, 'the end of the replay');
		expect(t.status()).toMatchObject({ received: 10, replay: { sessionId: b.id } });

		await t.service.stopReplay();
		const pending = t.service.replay({ sessionId: a.id, ...ALL, speed: 'max' });
		await t.service.stopReplay();
		await pending;
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(t.status()?.source).toBe('binance');
		expect(t.sockets.at(-1)?.closed).toBe(false);
	});
});
