import { PaperDesk } from '../paper/paper-desk';
import { MemoryPaperStore } from '../../storage/paper-store';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemTimers } from '../../runtime/system-timers';
import { SymbolAggregator } from '../../core/aggregator';
import { FIXED_INTERVALS } from '../../core/interval';
import { SimMarket } from '../../core/sim-market';
import { decodeChunk, encodeChunk } from '../../core/tick-codec';
import type { Trade } from '../../core/trade';
import type { FeedBatch } from '../../protocol/feed-api';
import type { RunContext } from '../live/feed-run';
import { ReplayRun, type ReplayPlan } from './replay-run';
import { TickCache } from '../cache/tick-cache';
import { ViewTracker } from '../live/views';

/** Trade time of the replayed range's start: 2024-08-09 00:00:00 UTC. */
const T0 = 1_723_161_600_000;
/** Wall clock of the test. */
const W0 = 1_800_000_000_000;
const RANGE_MS = 180_000;

/** Three minutes of a simulated BTCUSDT tape: quiet, busy and bursting seconds. */
const TRADES: readonly Trade[] = new SimMarket('btcusdt', { seed: 11, startMs: T0 }).until(
	T0 + RANGE_MS,
	Infinity
);
const CHUNKS = Array.from({ length: Math.ceil(TRADES.length / 4096) }, (_, i) =>
	encodeChunk(TRADES.slice(i * 4096, (i + 1) * 4096))
);

function plan(symbol = 'btcusdt'): ReplayPlan {
	const sources = CHUNKS.map((chunk) => () => decodeChunk(chunk));
	return { sessionId: 'import:1', symbol, fromMs: T0, toMs: T0 + RANGE_MS, sources };
}

/** Candles of the trades up to `untilMs`, added one by one as live trades are. */
function direct(untilMs = Infinity): SymbolAggregator {
	const aggregator = new SymbolAggregator('BTCUSDT');
	for (const trade of TRADES) if (trade.time <= untilMs) aggregator.add(trade);
	return aggregator;
}

function setup(speed: 1 | 10 | 100 | 'max' = 'max', replayed = plan()) {
	const batches: FeedBatch[] = [];
	const views = new ViewTracker();
	let seq = 0;
	const faults: unknown[] = [];
	const deps = {
		now: () => Date.now(),
		timers: systemTimers,
		post: (_: unknown, batch: FeedBatch) => void batches.push(batch)
	};
	const paper = new PaperDesk({
		openStore: () => Promise.resolve(new MemoryPaperStore()),
		memoryStore: () => new MemoryPaperStore(),
		now: deps.now,
		symbolInfo: () => Promise.resolve(undefined)
	});
	const context = {
		deps,
		views,
		cache: new TickCache({ now: deps.now, timers: systemTimers }),
		paper,
		nextSeq: () => ++seq,
		fault: (_: string, error: unknown) => void faults.push(error)
	} as unknown as RunContext;
	const run = new ReplayRun(replayed, speed, { batch: () => {} }, context);
	return { run, views, batches, faults, paper, last: () => batches.at(-1) };
}

/** The bars a UI holds for a view after applying the batches: resets replace, updates replace the tail. */
function held(batches: readonly FeedBatch[], viewId: string): number[][] {
	let rows: number[][] = [];
	for (const update of batches.flatMap((b) => b.views)) {
		if (update.viewId !== viewId) continue;
		const { time, open, high, low, close, volume, buyVolume, count } = update.bars;
		const incoming = [...time].map((t, i) =>
			[t, open[i], high[i], low[i], close[i], volume[i], buyVolume[i], count[i]].map(Number)
		);
		const from = incoming[0]?.[0] ?? Infinity;
		rows = update.reset ? incoming : [...rows.filter((r) => (r[0] ?? 0) < from), ...incoming];
	}
	return rows;
}

function barsOf(aggregator: SymbolAggregator, interval: '1s' | '1m'): number[][] {
	const { time, open, high, low, close, volume, buyVolume, count } = aggregator.bars(interval);
	return [...time].map((t, i) =>
		[t, open[i], high[i], low[i], close[i], volume[i], buyVolume[i], count[i]].map(Number)
	);
}

async function untilEnded(t: ReturnType<typeof setup>): Promise<void> {
	for (let i = 0; i < 10_000 && !t.last()?.status.replay?.ended; i++) {
		await vi.advanceTimersByTimeAsync(10);
	}
}

beforeEach(() => {
	vi.useFakeTimers();
	vi.setSystemTime(W0);
});
afterEach(() => void vi.useRealTimers());

describe('ReplayRun', () => {
	it('at max speed builds the same candles as adding the trades directly, batch by batch', async () => {
		expect(TRADES.length).toBeGreaterThan(5000);
		const t = setup('max');
		t.views.watch('s', 'btcusdt', '1s');
		t.views.watch('m', 'btcusdt', '1m');
		t.run.start();
		await untilEnded(t);
		const reference = direct();
		for (const interval of FIXED_INTERVALS) {
			expect(t.run.aggregator('btcusdt').klines(interval)).toEqual(reference.klines(interval));
		}
		expect(held(t.batches, 's')).toEqual(barsOf(reference, '1s'));
		expect(held(t.batches, 'm')).toEqual(barsOf(reference, '1m'));
		expect(t.batches[0]?.views.map((v) => v.reset)).toEqual([true, true]);
		expect(t.batches.length).toBeLessThan(TRADES.length / 100);
		expect(t.last()?.status).toMatchObject({
			state: 'replay',
			source: 'replay',
			received: TRADES.length,
			duplicates: 0,
			rejected: {},
			replay: {
				sessionId: 'import:1',
				symbol: 'btcusdt',
				fromMs: T0,
				toMs: T0 + RANGE_MS,
				positionMs: T0 + RANGE_MS,
				playing: false,
				speed: 'max',
				ended: true
			}
		});
		expect(t.faults).toEqual([]);
		t.run.stop();
		expect(vi.getTimerCount()).toBe(0);
	});

	it('plays at 1x, 10x and 100x on the wall clock, feeding only the ticks that are due', async () => {
		for (const speed of [1, 10, 100] as const) {
			const t = setup(speed);
			t.run.start();
			await vi.advanceTimersByTimeAsync(1000);
			const position = T0 + 1000 * speed;
			expect(t.run.replayStatus()).toMatchObject({
				positionMs: position,
				playing: true,
				ended: false
			});
			expect(t.run.aggregator('btcusdt').klines('1s')).toEqual(direct(position).klines('1s'));
			expect(t.last()?.status.replay?.positionMs).toBeGreaterThan(position - 100 * speed);
			t.run.stop();
		}
	});

	it('pauses and plays on from where it paused', async () => {
		const t = setup(10);
		t.run.start();
		await vi.advanceTimersByTimeAsync(500);
		t.run.control({ playing: false });
		await vi.advanceTimersByTimeAsync(5000);
		expect(t.run.replayStatus()).toMatchObject({ positionMs: T0 + 5000, playing: false });
		const revision = t.run.aggregator('btcusdt').revision;
		expect(revision).toBe(TRADES.filter((trade) => trade.time <= T0 + 5000).length);
		t.run.control({ playing: true });
		await vi.advanceTimersByTimeAsync(300);
		expect(t.run.replayStatus().positionMs).toBe(T0 + 8000);
		expect(t.run.aggregator('btcusdt').klines('1m')).toEqual(direct(T0 + 8000).klines('1m'));
		t.run.stop();
	});

	it('seeks backwards by rebuilding from the start and forwards by catching up, resetting views', async () => {
		const t = setup(100);
		t.views.watch('s', 'btcusdt', '1s');
		t.run.start();
		await vi.advanceTimersByTimeAsync(1000);
		const before = t.batches.length;
		t.run.control({ seekMs: T0 + 30_000 });
		expect(t.run.replayStatus().positionMs).toBe(T0 + 30_000);
		await vi.advanceTimersByTimeAsync(0);
		expect(t.run.aggregator('btcusdt').klines('1s')).toEqual(direct(T0 + 30_000).klines('1s'));
		await vi.advanceTimersByTimeAsync(100);
		expect(t.run.replayStatus().positionMs).toBe(T0 + 40_000);
		const after = t.batches.slice(before).flatMap((b) => b.views);
		expect(after[0]?.reset).toBe(true);
		t.run.flushNow();
		expect(held(t.batches, 's')).toEqual(barsOf(direct(T0 + 40_000), '1s'));
		t.run.control({ seekMs: T0 + 150_000, playing: false });
		await vi.advanceTimersByTimeAsync(1000);
		expect(t.run.replayStatus()).toMatchObject({ positionMs: T0 + 150_000, playing: false });
		expect(t.run.aggregator('btcusdt').klines('1s')).toEqual(direct(T0 + 150_000).klines('1s'));
		t.run.stop();
	});

	it('changes speed without a jump; after the end a seek stays paused and play starts over', async () => {
		const t = setup(1);
		t.run.start();
		await vi.advanceTimersByTimeAsync(2000);
		t.run.control({ speed: 100 });
		expect(t.run.replayStatus()).toMatchObject({ positionMs: T0 + 2000, speed: 100 });
		await vi.advanceTimersByTimeAsync(1000);
		expect(t.run.replayStatus().positionMs).toBe(T0 + 102_000);
		t.run.control({ speed: 'max' });
		await untilEnded(t);
		expect(t.run.replayStatus()).toMatchObject({ ended: true, playing: false });
		expect(t.run.aggregator('btcusdt').klines('5m')).toEqual(direct().klines('5m'));
		t.run.control({ seekMs: T0 + 60_000 });
		await vi.advanceTimersByTimeAsync(1000);
		expect(t.run.replayStatus()).toMatchObject({
			ended: false,
			playing: false,
			positionMs: T0 + 60_000
		});
		t.run.control({ playing: true });
		await untilEnded(t);
		t.run.control({ playing: true, speed: 1 });
		expect(t.run.replayStatus()).toMatchObject({ ended: false, playing: true, positionMs: T0 });
		await vi.advanceTimersByTimeAsync(3000);
		expect(t.run.aggregator('btcusdt').klines('1s')).toEqual(direct(T0 + 3000).klines('1s'));
		t.run.stop();
	});

	it('gives views of other symbols an empty reset and nothing more', async () => {
		const t = setup('max');
		t.views.watch('eth', 'ethusdt', '1m');
		t.run.start();
		await untilEnded(t);
		const updates = t.batches.flatMap((b) => b.views);
		expect(updates).toHaveLength(1);
		expect(updates[0]).toMatchObject({ viewId: 'eth', reset: true, lastPrice: null });
		expect(updates[0]?.bars.time).toHaveLength(0);
		t.run.stop();
	});
});
