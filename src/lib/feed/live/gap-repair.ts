import type { Trade } from '../../core/trade';
import { RestError } from '../../binance/rest';
import type { CandlesOnlySpan } from '../../protocol/data-quality';
import {
	fetchFirstAt,
	fetchGap,
	fetchTail,
	type Gap,
	type GapFetchDeps,
	type GapOutcome
} from './gap-fetch';
import type { QualityLog } from './quality-log';

/** What a repair works on: the ingest that holds the symbol's live trades, and the run around it. */
export interface RepairHost {
	readonly ingest: {
		repaired(trades: readonly Trade[]): void;
		tail(symbol: string): number | null;
		endRepair(symbol: string): void;
		lastTradeMs(symbol: string): number | null;
	};
	/** How far back ticks are kept, ms: a gap reaching further is filled with candles before that. */
	retentionMs(): number;
	/**
	 * `symbol`'s trades start over from the first one after `span` (its aggregator restarted): the
	 * exchange's klines stand for the candles before, and `span` has candles only, no ticks.
	 */
	restart(symbol: string, span: CandlesOnlySpan): void;
	readonly log: QualityLog;
	readonly fetch: GapFetchDeps;
	/** Epoch ms, local. */
	readonly now: () => number;
	/** Candles changed, or the figures did: post a batch. */
	news(): void;
	fault(where: string, error: unknown): void;
}

/**
 * Fills each gap the ingest reports: fetches exactly the missing ids, puts them into the aggregator
 * and the tick cache in id order (through the ingest, as if they had streamed), then lets the live
 * trades held since the gap follow. The candles after the gap's start are thus built once, whole,
 * and reach the chart as ordinary changed bars. A gap that cannot be filled stays listed as open.
 */
export class GapRepair {
	readonly #host: RepairHost;
	#running = 0;

	constructor(host: RepairHost) {
		this.#host = host;
	}

	/** Repairs running now. */
	get running(): number {
		return this.#running;
	}

	/**
	 * Called by the ingest (synchronously, while it holds the gap's first trade `firstLive`). A gap
	 * longer than the ticks kept is fetched by id only for its last `retentionMs`: the trades before
	 * would be dropped from the cache at once, and days of them would take hours to fetch.
	 */
	start(gap: Gap, firstLive: Trade): void {
		const host = this.#host;
		const fromMs = host.ingest.lastTradeMs(gap.symbol) ?? firstLive.time;
		host.log.repairStarted(gap, host.now());
		host.news();
		this.#running += 1;
		const cutMs = longGapCut(fromMs, firstLive.time, host.retentionMs());
		if (cutMs === null) void this.#run(gap, fromMs, firstLive.time);
		else void this.#runLong(gap, fromMs, firstLive, cutMs);
	}

	/**
	 * A long gap: finds the first trade at `cutMs`, restarts the symbol's candles there (klines
	 * before it), then fetches the ids from it on. When REST cannot say where the cut is, the gap
	 * is repaired whole, as a short one.
	 */
	async #runLong(gap: Gap, fromMs: number, firstLive: Trade, cutMs: number): Promise<void> {
		const host = this.#host;
		let first: Trade | null;
		try {
			first = await fetchFirstAt(gap.symbol, cutMs, firstLive.time, host.fetch);
		} catch (error) {
			if (host.fetch.signal.aborted) return void (this.#running -= 1);
			if (!(error instanceof RestError)) host.fault('finding where a long gap is cut', error);
			return this.#run(gap, fromMs, firstLive.time);
		}
		// Every missing trade is inside the window (the market was quiet before it): no cut.
		if (first !== null && first.id <= gap.fromId) return this.#run(gap, fromMs, firstLive.time);
		// None inside it: all are before, and the candles restart at the first live trade.
		const start = first !== null && first.id <= gap.toId ? first : firstLive;
		const span = { fromMs, toMs: start.time, trades: start.id - gap.fromId };
		host.restart(gap.symbol, span);
		host.log.candlesOnly(gap.symbol, span, host.now());
		if (start === firstLive) return this.#end(gap, NOTHING_LEFT, fromMs, firstLive.time);
		return this.#run({ ...gap, fromId: start.id }, start.time, firstLive.time);
	}

	/**
	 * The connection came back, or tries to: asks the exchange for the trades of each of `symbols`
	 * (upper case) after the last one held. A gap shows itself only by the next id, and none may
	 * come: the market went quiet, or the drop was the session's last. Found trades count as a gap
	 * repaired. A symbol under repair is left alone (its repair joins what follows).
	 */
	tail(symbols: Iterable<string>): void {
		for (const symbol of symbols) {
			const fromId = this.#host.ingest.tail(symbol);
			if (fromId !== null) void this.#runTail(symbol, fromId);
		}
	}

	async #runTail(symbol: string, fromId: number): Promise<void> {
		const host = this.#host;
		const startedAt = host.now();
		const fromMs = host.ingest.lastTradeMs(symbol) ?? startedAt;
		this.#running += 1;
		try {
			const outcome = await fetchTail(symbol, fromId, host.fetch, (trades) => {
				host.ingest.repaired(trades);
				host.news();
			});
			if (outcome.lastId !== null) {
				// Logged once the trades are in (a fetch that finds nothing is no gap), timed from
				// the fetch's start, so the log shows how long the repair took.
				const gap = { symbol, fromId, toId: outcome.lastId };
				const at = host.now();
				host.log.repairStarted(gap, startedAt);
				const ended = { repaired: outcome.repaired, unrecoverable: 0, stopped: null };
				host.log.repairEnded(gap, ended, at, fromMs, host.ingest.lastTradeMs(symbol) ?? at);
			}
		} catch (error) {
			if (host.fetch.signal.aborted) return;
			host.fault('fetching the trades after the last one held', error);
		} finally {
			this.#running -= 1;
		}
		host.ingest.endRepair(symbol);
		host.news();
	}

	async #run(gap: Gap, fromMs: number, toMs: number): Promise<void> {
		const host = this.#host;
		let repaired = 0;
		let outcome: GapOutcome;
		try {
			outcome = await fetchGap(gap, host.fetch, (trades) => {
				repaired += trades.length;
				host.ingest.repaired(trades);
				host.news();
			});
		} catch (error) {
			if (host.fetch.signal.aborted) return void (this.#running -= 1);
			host.fault('repairing a gap', error);
			const unrecoverable = gap.toId - gap.fromId + 1 - repaired;
			outcome = { repaired, unrecoverable, stopped: 'an internal error (logged)' };
		}
		this.#end(gap, outcome, fromMs, toMs);
	}

	#end(gap: Gap, outcome: GapOutcome, fromMs: number, toMs: number): void {
		const host = this.#host;
		this.#running -= 1;
		host.log.repairEnded(gap, outcome, host.now(), fromMs, toMs);
		host.ingest.endRepair(gap.symbol);
		host.news();
	}
}

/** A long gap's trades before its cut are not fetched: nothing of it is left to fetch. */
const NOTHING_LEFT: GapOutcome = { repaired: 0, unrecoverable: 0, stopped: null };

/**
 * Where a gap from trade time `fromMs` to `toMs` is cut (a whole second, `retentionMs` before
 * `toMs`) when it is longer than the ticks kept; null when it is not.
 */
export function longGapCut(fromMs: number, toMs: number, retentionMs: number): number | null {
	const cut = toMs - retentionMs;
	const second = cut - (((cut % 1000) + 1000) % 1000);
	return second > fromMs ? second : null;
}
