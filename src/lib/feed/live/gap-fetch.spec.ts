import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BinanceRest } from '../../binance/rest';
import { WeightBudget } from '../../binance/weight-budget';
import { systemTimers } from '../../runtime/system-timers';
import type { Trade } from '../../core/trade';
import { fetchGap, type Gap, type GapFetchDeps } from './gap-fetch';

const T0 = 1_700_000_000_000;

/** An aggTrades row of id `a` as Binance sends it. */
const row = (a: number) => ({
	a,
	p: '100.50000000',
	q: '0.20000000',
	f: a * 2,
	l: a * 2 + 1,
	T: T0 + a,
	m: a % 2 === 0,
	M: true
});

interface Exchange {
	/** `fromId` of each request, in order. */
	readonly asked: number[];
	deps: GapFetchDeps;
	abort: AbortController;
}

/**
 * A REST host holding ids `first`..`last`; `answer` may replace the answer to a request (by its
 * number, from 0) with a status, or shift the rows it returns.
 */
function exchange(
	first: number,
	last: number,
	answer: (n: number, fromId: number) => Response | { start: number } | null = () => null
): Exchange {
	const asked: number[] = [];
	const fetch = (url: string): Promise<Response> => {
		const params = new URL(url).searchParams;
		const fromId = Number(params.get('fromId'));
		const limit = Number(params.get('limit'));
		const special = answer(asked.length, fromId);
		asked.push(fromId);
		if (special instanceof Response) return Promise.resolve(special);
		const start = Math.max(first, special?.start ?? fromId);
		const rows = [];
		for (let a = start; a <= last && rows.length < limit; a++) rows.push(row(a));
		return Promise.resolve(new Response(JSON.stringify(rows)));
	};
	const abort = new AbortController();
	const now = () => Date.now();
	const deps: GapFetchDeps = {
		rest: new BinanceRest({ base: 'https://rest.test', fetch, now }),
		budget: new WeightBudget(),
		timers: systemTimers,
		now,
		signal: abort.signal
	};
	return { asked, deps, abort };
}

const gap = (fromId: number, toId: number): Gap => ({ symbol: 'BTCUSDT', fromId, toId });

async function run(ex: Exchange, g: Gap) {
	const ids: number[] = [];
	const done = fetchGap(g, ex.deps, (trades: readonly Trade[]) => {
		for (const trade of trades) ids.push(trade.id);
	});
	await vi.runAllTimersAsync();
	return { outcome: await done, ids };
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

describe('fetchGap', () => {
	it('fetches exactly the missing ids, in id order, in pages of 1000', async () => {
		const ex = exchange(1, 10_000);
		const { outcome, ids } = await run(ex, gap(101, 2600));
		expect(ids).toEqual(range(101, 2600));
		expect(ex.asked).toEqual([101, 1101, 2101]);
		expect(outcome).toEqual({ repaired: 2500, unrecoverable: 0, stopped: null });
	});

	it('a gap at the start of what the exchange holds: the ids before its first are unrecoverable', async () => {
		const ex = exchange(500, 10_000);
		const { outcome, ids } = await run(ex, gap(450, 1200));
		expect(ids).toEqual(range(500, 1200));
		expect(outcome).toEqual({ repaired: 701, unrecoverable: 50, stopped: null });
	});

	it('drops what overlapping pages repeat, and rows past the gap', async () => {
		// The second page starts 300 ids early: those were delivered already.
		const ex = exchange(1, 10_000, (n, fromId) => (n === 1 ? { start: fromId - 300 } : null));
		const { outcome, ids } = await run(ex, gap(1, 1500));
		expect(ids).toEqual(range(1, 1500));
		expect(outcome.repaired).toBe(1500);
	});

	it('waits for Retry-After on 429, then goes on', async () => {
		const busy = new Response('{"code":-1003,"msg":"Too many requests"}', {
			status: 429,
			headers: { 'Retry-After': '7' }
		});
		const ex = exchange(1, 10_000, (n) => (n === 0 ? busy : null));
		const ids: number[] = [];
		const done = fetchGap(gap(10, 20), { ...ex.deps, parallel: 1 }, (trades) =>
			ids.push(...trades.map((t) => t.id))
		);
		await vi.advanceTimersByTimeAsync(6_999);
		expect(ex.asked).toEqual([10]);
		await vi.advanceTimersByTimeAsync(1);
		expect(ex.asked).toEqual([10, 10]);
		expect(await done).toEqual({ repaired: 11, unrecoverable: 0, stopped: null });
		expect(ids).toEqual(range(10, 20));
	});

	it('stops on 418 and asks nothing more: the rest of the gap stays open', async () => {
		const banned = () =>
			new Response('{"code":-1003,"msg":"Way too many requests; IP banned"}', {
				status: 418,
				headers: { 'Retry-After': '600' }
			});
		const ex = exchange(1, 10_000, (n) => (n === 1 ? banned() : null));
		const { outcome, ids } = await run(ex, gap(1, 3000));
		// The three pages of the first round went out together; nothing after the ban.
		expect(ex.asked).toEqual([1, 1001, 2001]);
		expect(ids).toEqual([]);
		expect(outcome.repaired).toBe(0);
		expect(outcome.unrecoverable).toBe(3000);
		expect(outcome.stopped).toMatch(/HTTP 418/);
		expect(ex.deps.budget.waitMs(Date.now(), 4)).toBeGreaterThan(500_000);
	});

	it('retries a network failure, then gives up with the host named', async () => {
		const ex = exchange(1, 10_000);
		const down: GapFetchDeps['rest'] = new BinanceRest({
			base: 'https://rest.test',
			fetch: () => Promise.reject(new TypeError('Failed to fetch')),
			now: () => Date.now()
		});
		const { outcome } = await run({ ...ex, deps: { ...ex.deps, rest: down } }, gap(5, 9));
		expect(outcome).toMatchObject({ repaired: 0, unrecoverable: 5 });
		expect(outcome.stopped).toMatch(/Could not reach https:\/\/rest.test/);
	});

	it('keeps within the weight budget: requests wait for room', async () => {
		const ex = exchange(1, 100_000);
		const deps = { ...ex.deps, budget: new WeightBudget(40), parallel: 4 };
		const done = fetchGap(gap(1, 20_000), deps, () => {});
		await vi.advanceTimersByTimeAsync(59_000);
		// 40 weight a minute at 4 per request: 10 requests in the first minute.
		expect(ex.asked).toHaveLength(10);
		await vi.runAllTimersAsync();
		expect(ex.asked).toHaveLength(20);
		expect((await done).repaired).toBe(20_000);
	});

	it('ends with the abort reason when the run stops', async () => {
		const ex = exchange(1, 10_000, (n) =>
			n === 0 ? new Response('{}', { status: 429, headers: { 'Retry-After': '30' } }) : null
		);
		const done = fetchGap(gap(1, 10), ex.deps, () => {});
		const caught = done.catch((error: unknown) => error);
		await vi.advanceTimersByTimeAsync(1000);
		ex.abort.abort(new DOMException('stopped', 'AbortError'));
		expect(await caught).toMatchObject({ name: 'AbortError' });
	});
});

describe('WeightBudget', () => {
	it('takes the server figure when it is higher, until its minute ends', () => {
		const budget = new WeightBudget(100);
		budget.charge(T0, 4);
		expect(budget.used(T0)).toBe(4);
		budget.observe(T0, 98);
		expect(budget.used(T0 + 1)).toBe(98);
		expect(budget.waitMs(T0 + 1, 4)).toBeGreaterThan(0);
		const nextMinute = T0 - (T0 % 60_000) + 60_000;
		expect(budget.used(nextMinute)).toBe(4);
	});
});
