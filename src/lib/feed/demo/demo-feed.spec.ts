import { strToU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeSocketClass } from '../../binance/testing/connection-fakes';
import { systemTimers } from '../../runtime/system-timers';
import { SymbolAggregator } from '../../core/aggregator';
import { SimMarket } from '../../core/sim-market';
import type { FeedBatch, FeedConfig } from '../../protocol/feed-api';
import { simulatedHistory } from '../../core/sim-history';
import { DEMO_SEED } from './demo-feed';
import { DEMO_HISTORY_MS } from './demo-history';
import { FeedService } from '../feed-service';

/** Wall clock at start: 2024-08-09 00:00:00 UTC. */
const T0 = 1_723_161_600_000;
const DEMO: FeedConfig = {
	wsBase: 'wss://stream.binance.com:9443',
	restBase: 'https://x.test',
	symbols: ['btcusdt', 'ethusdt'],
	source: 'demo'
};

function setup() {
	const batches: FeedBatch[] = [];
	const fetched: string[] = [];
	const { Socket, sockets } = fakeSocketClass();
	const service = new FeedService({
		Socket,
		fetch: (url) => {
			fetched.push(url);
			return Promise.reject(new TypeError('no network in the demo'));
		},
		now: () => Date.now(),
		timers: systemTimers,
		online: { isOnline: () => false, subscribe: () => () => {} },
		post: (_, batch) => void batches.push(batch)
	});
	return { service, batches, sockets, fetched, status: () => batches.at(-1)?.status };
}

/** What the seeded market trades in the first `ms` of the run, aggregated directly. */
function simulated(symbol: string, ms: number): SymbolAggregator {
	const aggregator = new SymbolAggregator(symbol.toUpperCase());
	// The live market continues from the close of the simulated past.
	const { lastPrice } = simulatedHistory(symbol, DEMO_SEED, T0 - DEMO_HISTORY_MS, T0);
	const market = new SimMarket(symbol, { seed: DEMO_SEED, startMs: T0, startPrice: lastPrice });
	for (const trade of market.until(T0 + ms)) aggregator.add(trade);
	return aggregator;
}

beforeEach(() => {
	vi.useFakeTimers();
	vi.setSystemTime(T0);
});
afterEach(() => void vi.useRealTimers());

describe('demo source', () => {
	it('streams the seeded simulated market with no network at all, live and labelled demo', async () => {
		const t = setup();
		await t.service.start(DEMO, { batch: () => {} });
		await t.service.watch('v', 'btcusdt', '1s');
		await vi.advanceTimersByTimeAsync(60_000);
		expect(t.sockets).toHaveLength(0);
		expect(t.fetched).toEqual([]);
		expect(t.status()).toMatchObject({ state: 'live', source: 'demo', detail: '', reconnects: 0 });
		expect(t.status()?.latencyMs).toBeNull();
		for (const symbol of DEMO.symbols) {
			const shown = await t.service.klines(symbol, '1s');
			// The simulated past, one candle a second for DEMO_HISTORY_MS, then the live simulation.
			const past = shown.filter(([time]) => time < T0);
			expect(past).toHaveLength(DEMO_HISTORY_MS / 1000);
			expect(past[0]?.[0]).toBe(T0 - DEMO_HISTORY_MS);
			expect(shown.slice(past.length)).toEqual(simulated(symbol, 60_000).klines('1s'));
			const hours = await t.service.klines(symbol, '1h');
			expect(hours.map(([time]) => time)).toEqual([
				T0 - 4 * 3_600_000,
				T0 - 3 * 3_600_000,
				T0 - 2 * 3_600_000,
				T0 - 3_600_000,
				T0
			]);
		}
		const btc = Number((await t.service.klines('btcusdt', '1m'))[0]?.[4]);
		const eth = Number((await t.service.klines('ethusdt', '1m'))[0]?.[4]);
		expect(btc).toBeGreaterThan(10 * eth);
		const views = t.batches.flatMap((b) => b.views);
		expect(views.length).toBeLessThan(60_000 / 50 + 5);
		await t.service.stop();
		expect(vi.getTimerCount()).toBe(0);
	});

	it('keeps simulated trades out of the tick cache', async () => {
		const t = setup();
		await t.service.start(DEMO, { batch: () => {} });
		await vi.advanceTimersByTimeAsync(10_000);
		expect((await t.service.klines('btcusdt', '1s')).length).toBeGreaterThan(0);
		const stats = await t.service.cacheStats();
		expect(stats.symbols.map((s) => s.ticks)).toEqual([0, 0]);
		expect(await t.service.sessions()).toEqual([]);
		await t.service.stop();
	});

	it('pauses for a replay and resumes after it, continuing its ids', async () => {
		const t = setup();
		await t.service.start(DEMO, { batch: () => {} });
		await vi.advanceTimersByTimeAsync(5_000);
		const before = await t.service.klines('btcusdt', '1s');
		const row = '1,61000.5,0.01,1,1,1723161000000,True,True';
		const importing = t.service.importFile(
			'BTCUSDT-aggTrades-2024-08-08.csv',
			strToU8(`${row}\n`).slice().buffer
		);
		// The import lets the event loop run between slices: on fake timers, they must move.
		await vi.advanceTimersByTimeAsync(1);
		const session = await importing;
		await t.service.replay({ sessionId: session.id, fromMs: 0, toMs: T0, speed: 'max' });
		await vi.advanceTimersByTimeAsync(3_000);
		expect(t.status()).toMatchObject({ state: 'replay', replay: { ended: true } });
		expect(await t.service.klines('btcusdt', '1s')).toHaveLength(1);
		await t.service.stopReplay();
		await vi.advanceTimersByTimeAsync(5_000);
		expect(t.status()).toMatchObject({ state: 'live', source: 'demo', duplicates: 0 });
		const after = await t.service.klines('btcusdt', '1s');
		expect(after.slice(0, before.length - 1)).toEqual(before.slice(0, -1));
		expect(after.length).toBeGreaterThan(before.length);
		await t.service.stop();
	});
});
