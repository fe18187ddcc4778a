import type { Timers } from '../../core/timers';
import type { Trade } from '../../core/trade';
import { RestError, type BinanceRest } from '../../binance/rest';
import type { WeightBudget } from '../../binance/weight-budget';

/** Missing aggTrade ids of one symbol, `fromId` to `toId` inclusive. */
export interface Gap {
	/** Upper-case symbol. */
	readonly symbol: string;
	readonly fromId: number;
	readonly toId: number;
}

export interface GapFetchDeps {
	readonly rest: Pick<BinanceRest, 'aggTrades' | 'usedWeight1m'>;
	readonly budget: WeightBudget;
	readonly timers: Timers;
	readonly now: () => number;
	readonly signal: AbortSignal;
	/** Pages in flight at once; default 4. Ids are consecutive, so page starts are known ahead. */
	readonly parallel?: number;
	/** Network failures in a row before giving up; default 3 (waits 1, 2, 4 s). */
	readonly networkRetries?: number;
}

export interface GapOutcome {
	readonly repaired: number;
	/** Ids of the gap the exchange did not give: the rest after a stop, or holes it skipped. */
	readonly unrecoverable: number;
	/** Why the repair stopped early (a ban, the REST host unreachable); null when it finished. */
	readonly stopped: string | null;
}

/** Binance's page size and the weight of one `aggTrades` request. */
export const PAGE_SIZE = 1000;
const AGG_TRADES_WEIGHT = 4;

/**
 * Fetches exactly the ids of `gap` from `aggTrades?fromId=` pages and hands them to `deliver` in id
 * order, each id once: rows outside the gap or already delivered (pages that overlap) are dropped.
 * Waits on the weight budget before each request and on 429 for its `Retry-After`; stops on 418
 * (a ban: asking again lengthens it) and after repeated network failures. An abort ends it with
 * the error of the signal.
 */
export async function fetchGap(
	gap: Gap,
	deps: GapFetchDeps,
	deliver: (trades: readonly Trade[]) => void
): Promise<GapOutcome> {
	const parallel = Math.max(1, deps.parallel ?? 4);
	let cursor = gap.fromId;
	let repaired = 0;
	let skipped = 0;
	while (cursor <= gap.toId) {
		const starts: number[] = [];
		for (let s = cursor; s <= gap.toId && starts.length < parallel; s += PAGE_SIZE) starts.push(s);
		let pages: Trade[][];
		try {
			pages = await Promise.all(
				starts.map((start) => fetchPage(gap.symbol, { fromId: start }, deps))
			);
		} catch (error) {
			if (!(error instanceof RestError)) throw error;
			return { repaired, unrecoverable: skipped + gap.toId - cursor + 1, stopped: error.message };
		}
		const before = cursor;
		for (const page of pages) {
			const fresh = page.filter((trade) => trade.id >= cursor && trade.id <= gap.toId);
			for (const trade of fresh) {
				skipped += trade.id - cursor;
				cursor = trade.id + 1;
			}
			repaired += fresh.length;
			if (fresh.length > 0) deliver(fresh);
		}
		if (cursor === before) break;
	}
	const left = gap.toId - cursor + 1;
	const stopped = left > 0 ? `The exchange returned no trades from id ${cursor} on` : null;
	return { repaired, unrecoverable: skipped + Math.max(0, left), stopped };
}

/** Binance answers a time window of an hour at most. */
const HOUR_MS = 3_600_000;

/**
 * The first trade of `symbol` at or after `fromMs` and before `beforeMs` (epoch ms, exchange
 * time); null when there is none within the hour from `fromMs` (one request, as Binance allows).
 */
export async function fetchFirstAt(
	symbol: string,
	fromMs: number,
	beforeMs: number,
	deps: GapFetchDeps
): Promise<Trade | null> {
	const endTime = Math.min(fromMs + HOUR_MS, beforeMs) - 1;
	if (endTime < fromMs) return null;
	const page = await fetchPage(symbol, { startTime: fromMs, endTime }, deps);
	return page[0] ?? null;
}

/** What a tail fetch found: how many trades, and the last id; null when there were none. */
export interface TailOutcome {
	readonly repaired: number;
	readonly lastId: number | null;
	/** Why it stopped before the newest trade (the REST host refused); null when it got there. */
	readonly stopped: string | null;
}

/** Pages a tail fetch takes at most: it follows a moving market, and must end. */
const MAX_TAIL_PAGES = 300;

/**
 * Fetches every trade of `symbol` from id `fromId` on, up to the newest the exchange has, and hands
 * them to `deliver` in id order, each id once. No gap is known here: the trades a drop took just
 * before a market went quiet (or before the last drop of a session) are shown by no later id, so
 * only asking finds them. A page shorter than a full one is the newest; one page after another, as
 * each page's end says where the next begins.
 */
export async function fetchTail(
	symbol: string,
	fromId: number,
	deps: GapFetchDeps,
	deliver: (trades: readonly Trade[]) => void
): Promise<TailOutcome> {
	let cursor = fromId;
	let repaired = 0;
	for (let pages = 0; pages < MAX_TAIL_PAGES; pages++) {
		let page: Trade[];
		try {
			page = await fetchPage(symbol, { fromId: cursor }, deps);
		} catch (error) {
			if (!(error instanceof RestError)) throw error;
			return { repaired, lastId: repaired > 0 ? cursor - 1 : null, stopped: error.message };
		}
		const fresh = page.filter((trade) => trade.id >= cursor);
		const last = fresh.at(-1);
		if (last !== undefined) {
			repaired += fresh.length;
			cursor = last.id + 1;
			deliver(fresh);
		}
		if (last === undefined || page.length < PAGE_SIZE) break;
	}
	return { repaired, lastId: repaired > 0 ? cursor - 1 : null, stopped: null };
}

/** What one `aggTrades` request asks: from an id, or within a time window (an hour at most). */
type PageQuery =
	{ readonly fromId: number } | { readonly startTime: number; readonly endTime: number };

/** One page, after the budget allows it; retries 429 and network failures. */
async function fetchPage(symbol: string, query: PageQuery, deps: GapFetchDeps): Promise<Trade[]> {
	const retries = deps.networkRetries ?? 3;
	for (let failures = 0; ;) {
		// Checked again after each wait: pages waiting side by side must not all go at once.
		for (let wait; (wait = deps.budget.waitMs(deps.now(), AGG_TRADES_WEIGHT)) > 0;) {
			await sleep(wait, deps);
		}
		deps.budget.charge(deps.now(), AGG_TRADES_WEIGHT);
		try {
			const limit = 'fromId' in query ? PAGE_SIZE : 1;
			const page = await deps.rest.aggTrades(symbol, { ...query, limit }, deps.signal);
			deps.budget.observe(deps.now(), deps.rest.usedWeight1m);
			return page;
		} catch (error) {
			deps.signal.throwIfAborted();
			if (!(error instanceof RestError)) throw error;
			if (error.kind === 'rate-limited') {
				deps.budget.pause(deps.now(), error.retryAfterMs ?? 60_000);
				continue;
			}
			if (error.kind === 'banned') deps.budget.pause(deps.now(), error.retryAfterMs ?? 120_000);
			if (error.kind !== 'network' || failures >= retries) throw error;
			await sleep(1000 * 2 ** failures, deps);
			failures += 1;
		}
	}
}

/** Waits `ms` on the injected timers; rejects with the signal's reason when it aborts. */
function sleep(ms: number, { timers, signal }: Pick<GapFetchDeps, 'timers' | 'signal'>) {
	signal.throwIfAborted();
	if (ms <= 0) return Promise.resolve();
	return new Promise<void>((resolve, reject) => {
		const onAbort = () => {
			timers.clearTimeout(handle);
			reject(signal.reason as Error);
		};
		const handle = timers.setTimeout(() => {
			signal.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal.addEventListener('abort', onAbort, { once: true });
	});
}
