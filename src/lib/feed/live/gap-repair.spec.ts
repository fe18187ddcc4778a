import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTrade, type Trade } from '../../core/trade';
import type { EpochMs } from '../../core/time';
import { RestError } from '../../binance/rest';
import { WeightBudget } from '../../binance/weight-budget';
import { systemTimers } from '../../runtime/system-timers';
import { Ingest } from './ingest';
import { StatusCounters } from './status';
import { GapRepair } from './gap-repair';
import { QualityLog } from './quality-log';
import type { CandlesOnlySpan } from '../../protocol/data-quality';

const T0 = 1_700_000_000_000;
const trade = (id: number): Trade =>
	makeTrade('BTCUSDT', id, '100.5', '0.25', (T0 + id * 100) as EpochMs, false, id, id);
const frame = (id: number): string => {
	const t = trade(id);
	const data = { e: 'aggTrade', E: t.time + 1, s: 'BTCUSDT', a: id, p: t.price, q: t.qty };
	return JSON.stringify({
		stream: 'btcusdt@aggTrade',
		data: { ...data, f: id, l: id, T: t.time, m: false, M: true }
	});
};

/** A REST host whose pages are answered by hand: `pending` holds each request until `answer`. */
function manualRest() {
	const pending: {
		fromId: number;
		startTime?: number;
		resolve: (rows: Trade[]) => void;
		reject: (e: Error) => void;
	}[] = [];
	const rest = {
		usedWeight1m: null,
		aggTrades: (_symbol: string, query: { fromId?: number; startTime?: number; limit?: number }) =>
			new Promise<Trade[]>((resolve, reject) => {
				// A time query's first id: trade(id) trades at T0 + id * 100.
				const fromId = query.fromId ?? Math.ceil(((query.startTime ?? T0) - T0) / 100);
				pending.push({ fromId, startTime: query.startTime, resolve, reject });
			})
	};
	/** Answers the oldest request with ids from its fromId up to `lastId` (one for a time query). */
	const answer = (lastId: number) => {
		const request = pending.shift();
		if (!request) throw new Error('no request pending');
		const rows: Trade[] = [];
		const limit = request.startTime === undefined ? 1000 : 1;
		for (let id = request.fromId; id <= lastId && rows.length < limit; id++) rows.push(trade(id));
		request.resolve(rows);
	};
	return { rest, pending, answer };
}

/** `retentionMs`: the ticks kept; a gap longer than it is cut. */
function setup(retentionMs = 15 * 60_000) {
	const counters = new StatusCounters();
	const restarts: { symbol: string; span: CandlesOnlySpan }[] = [];
	const log = new QualityLog();
	const added: number[] = [];
	const { rest, pending, answer } = manualRest();
	const abort = new AbortController();
	let repair: GapRepair | null = null;
	const ingest = new Ingest(['btcusdt'], counters, {
		changed: () => {},
		shutdown: () => {},
		added: (t) => void added.push(t.id),
		gap: (gap, first) => repair?.start(gap, first)
	});
	repair = new GapRepair({
		ingest,
		log,
		fetch: {
			rest,
			budget: new WeightBudget(),
			timers: systemTimers,
			now: () => Date.now(),
			signal: abort.signal,
			parallel: 1
		},
		now: () => Date.now(),
		news: () => {},
		fault: (where, error) => {
			throw new Error(`fault ${where}: ${String(error)}`);
		},
		retentionMs: () => retentionMs,
		restart: (symbol, span) => {
			restarts.push({ symbol, span });
			ingest.aggregator(symbol)?.restart();
		}
	});
	const live = (...ids: number[]) => ids.forEach((id) => ingest.frame(frame(id), Date.now()));
	const quality = () =>
		log.symbols(
			['btcusdt'],
			(s) => counters.symbolCounts(s),
			() => null
		)[0];
	return { ingest, added, pending, answer, live, quality, repair, log, abort, restarts };
}

const range = (from: number, to: number) =>
	Array.from({ length: to - from + 1 }, (_, i) => from + i);

beforeEach(() => {
	vi.useFakeTimers();
	vi.setSystemTime(T0);
});
afterEach(() => {
	vi.useRealTimers();
});

describe('GapRepair with Ingest', () => {
	it('holds live trades from the gap on, puts the missing ones first, then joins the held', async () => {
		const t = setup();
		t.live(1, 2, 3);
		t.live(8, 9);
		expect(t.added).toEqual([1, 2, 3]);
		expect(t.ingest.repairing('BTCUSDT')).toBe(true);
		expect(t.pending.map((p) => p.fromId)).toEqual([4]);
		t.live(10, 9);
		t.answer(7);
		await vi.runAllTimersAsync();
		expect(t.added).toEqual(range(1, 10));
		expect(t.ingest.repairing('BTCUSDT')).toBe(false);
		expect(t.quality()).toMatchObject({ gaps: 1, repaired: 4, unrecoverable: 0, duplicates: 1 });
		expect(t.log.events.map((e) => e.kind)).toEqual(['repair-start', 'repair-end']);
	});

	it('a second drop during the repair: the next gap is repaired after the first', async () => {
		const t = setup();
		t.live(1);
		t.live(2000, 2001);
		// The socket drops again while ids 2..1999 are fetched; it comes back at 3000.
		t.live(3000, 3001);
		expect(t.pending.map((p) => p.fromId)).toEqual([2]);
		t.answer(1999);
		await vi.advanceTimersByTimeAsync(0);
		expect(t.pending.map((p) => p.fromId)).toEqual([1002]);
		t.answer(1999);
		await vi.advanceTimersByTimeAsync(0);
		// The first gap is closed; 2000 and 2001 joined; the second gap (2002..2999) is under way.
		expect(t.added).toEqual(range(1, 2001));
		expect(t.pending.map((p) => p.fromId)).toEqual([2002]);
		t.live(3002);
		t.answer(2999);
		await vi.runAllTimersAsync();
		expect(t.added).toEqual(range(1, 3002));
		expect(t.quality()).toMatchObject({ gaps: 2, repaired: 2996, unrecoverable: 0 });
	});

	it('a gap the exchange refuses stays open and listed; live trades go on past it', async () => {
		const t = setup();
		t.live(1, 2);
		t.live(10, 11);
		const request = t.pending.shift();
		request?.reject(new RestError('banned', 'Binance has banned this IP (HTTP 418)', 418, 60_000));
		await vi.runAllTimersAsync();
		expect(t.added).toEqual([1, 2, 10, 11]);
		const quality = t.quality();
		expect(quality).toMatchObject({ gaps: 1, repaired: 0, unrecoverable: 7, repairing: false });
		expect(quality?.open).toEqual([
			{
				fromId: 3,
				toId: 9,
				fromMs: trade(2).time,
				toMs: trade(10).time,
				reason: 'Binance has banned this IP (HTTP 418)'
			}
		]);
		t.live(12);
		expect(t.added.at(-1)).toBe(12);
	});

	it('a tail fetch: the trades after the last one held come in, then the live ones held meanwhile', async () => {
		const t = setup();
		t.live(1, 2, 3);
		t.repair.tail(['BTCUSDT']);
		expect(t.pending.map((p) => p.fromId)).toEqual([4]);
		// The socket is back while the tail is fetched: its trades wait, and show the next gap.
		t.live(8, 9);
		expect(t.added).toEqual([1, 2, 3]);
		t.answer(6);
		await vi.advanceTimersByTimeAsync(0);
		expect(t.added).toEqual(range(1, 6));
		expect(t.pending.map((p) => p.fromId)).toEqual([7]);
		t.answer(7);
		await vi.runAllTimersAsync();
		expect(t.added).toEqual(range(1, 9));
		expect(t.quality()).toMatchObject({ gaps: 2, repaired: 4, unrecoverable: 0, duplicates: 0 });
	});

	it('a tail fetch that finds nothing is no gap; a symbol under repair is left to its repair', async () => {
		const t = setup();
		t.live(1, 2);
		t.repair.tail(['BTCUSDT']);
		t.answer(2);
		await vi.runAllTimersAsync();
		expect(t.quality()).toMatchObject({ gaps: 0, repaired: 0 });
		expect(t.log.events).toEqual([]);
		t.live(5);
		t.repair.tail(['BTCUSDT']);
		expect(t.pending.map((p) => p.fromId)).toEqual([3]);
		t.answer(4);
		await vi.runAllTimersAsync();
		expect(t.added).toEqual(range(1, 5));
	});

	it('a gap longer than the ticks kept: ids fetched for its last retention only, candles restart there', async () => {
		// Trades every 100 ms, 1 s kept: the gap 3..99 (from 200 ms to 10 s) is cut at 9 s.
		const t = setup(1000);
		t.live(1, 2);
		t.live(100, 101);
		expect(t.pending.map((p) => p.startTime)).toEqual([T0 + 9000]);
		t.answer(99);
		await vi.advanceTimersByTimeAsync(0);
		const span = { fromMs: trade(2).time, toMs: trade(90).time, trades: 87 };
		expect(t.restarts).toEqual([{ symbol: 'BTCUSDT', span }]);
		expect(t.pending.map((p) => p.fromId)).toEqual([90]);
		t.answer(99);
		await vi.runAllTimersAsync();
		expect(t.added).toEqual([1, 2, ...range(90, 101)]);
		expect(t.ingest.aggregator('btcusdt')?.firstTrade?.id).toBe(90);
		expect(t.quality()).toMatchObject({ gaps: 1, repaired: 10, unrecoverable: 0 });
		expect(t.quality()?.candlesOnly).toEqual([span]);
		const kinds = t.log.events.map((e) => e.kind);
		expect(kinds).toEqual(['repair-start', 'candles-only', 'repair-end']);
	});

	it('a long gap whose trades all lie in the window (a quiet market before it) is repaired whole', async () => {
		const t = setup(1000);
		t.live(1, 2);
		t.live(100);
		// The exchange's first trade at the cut is the gap's first: nothing before the cut is missing.
		t.pending.shift()?.resolve([trade(3)]);
		await vi.advanceTimersByTimeAsync(0);
		expect(t.pending.map((p) => [p.fromId, p.startTime])).toEqual([[3, undefined]]);
		t.answer(99);
		await vi.runAllTimersAsync();
		expect(t.added).toEqual(range(1, 100));
		expect(t.restarts).toEqual([]);
	});

	it('a long gap with no trade in the window: the candles restart at the first live trade', async () => {
		const t = setup(1000);
		t.live(1, 2);
		t.live(100, 101);
		t.pending.shift()?.resolve([]);
		await vi.runAllTimersAsync();
		expect(t.pending).toEqual([]);
		expect(t.restarts).toEqual([
			{ symbol: 'BTCUSDT', span: { fromMs: trade(2).time, toMs: trade(100).time, trades: 97 } }
		]);
		expect(t.added).toEqual([1, 2, 100, 101]);
		expect(t.quality()).toMatchObject({ gaps: 1, repaired: 0, unrecoverable: 0 });
	});

	it('a long gap whose cut REST cannot tell is repaired whole; a short one is not cut', async () => {
		const t = setup(1000);
		t.live(1, 2);
		t.live(100);
		// Banned for 1 ms: the whole gap is asked for once the ban is over.
		t.pending.shift()?.reject(new RestError('banned', 'banned (HTTP 418)', 418, 1));
		await vi.advanceTimersByTimeAsync(10);
		expect(t.pending.map((p) => [p.fromId, p.startTime])).toEqual([[3, undefined]]);
		t.answer(99);
		await vi.runAllTimersAsync();
		expect(t.added).toEqual(range(1, 100));
		expect(t.restarts).toEqual([]);
		t.live(105);
		expect(t.pending.map((p) => [p.fromId, p.startTime])).toEqual([[101, undefined]]);
	});

	it('a stopped run ends its repair quietly, holding nothing more', async () => {
		const t = setup();
		t.live(1);
		t.live(5);
		t.abort.abort(new DOMException('stopped', 'AbortError'));
		t.pending.shift()?.reject(new DOMException('stopped', 'AbortError'));
		await vi.runAllTimersAsync();
		expect(t.repair.running).toBe(0);
		expect(t.added).toEqual([1]);
	});
});
