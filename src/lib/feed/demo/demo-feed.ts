import { TimerSlot, type Timers } from '../../core/timers';
import type { SymbolAggregator } from '../../core/aggregator';
import { SimMarket } from '../../core/sim-market';
import type { Trade } from '../../core/trade';
import type { FeedState } from '../../protocol/feed-api';

/** The seed of the demo market when the host gives none: the same tape on every start. */
export const DEMO_SEED = 20_240_808;
/** How often the demo market hands over the trades that became due. */
const STEP_MS = 50;
/** Trades per symbol per step at most (a long-suspended tab catches up over a few steps). */
const STEP_LIMIT = 100_000;

export interface DemoDeps {
	/** Epoch ms: the simulated market runs on the wall clock. */
	readonly now: () => number;
	readonly timers: Timers;
	readonly seed?: number;
}

export interface DemoEvents {
	/** New trades of every symbol, each symbol's in id order, generated at `at`. */
	trades(trades: readonly Trade[], at: number): void;
	/** `state` changed. */
	state(): void;
}

/**
 * The demo source: a seeded simulated market per configured symbol (core/sim-market.ts), driven
 * by a timer that hands over everything due since the last step in one batch. No network at all.
 * It stands where the Binance connection stands in a run, with the same face (`start`, `stop`,
 * `state`, `detail`, `attempts`, `handover`).
 */
export class DemoFeed {
	#state: FeedState = 'connecting';
	#markets: SimMarket[] = [];
	readonly #timer: TimerSlot;
	readonly #symbols: readonly string[];
	readonly #deps: DemoDeps;
	readonly #events: DemoEvents;
	/** Aggregators kept from a previous run: the market continues after their last trade. */
	readonly #resume: (symbol: string) => SymbolAggregator | undefined;
	/** Where a fresh market starts: the close of its simulated past, if it has one. */
	readonly #startPrice: (symbol: string) => number | undefined;

	constructor(
		symbols: readonly string[],
		deps: DemoDeps,
		events: DemoEvents,
		resume: (symbol: string) => SymbolAggregator | undefined = () => undefined,
		startPrice: (symbol: string) => number | undefined = () => undefined
	) {
		this.#symbols = symbols;
		this.#deps = deps;
		this.#events = events;
		this.#resume = resume;
		this.#startPrice = startPrice;
		this.#timer = new TimerSlot(deps.timers);
	}

	get state(): FeedState {
		return this.#state;
	}

	get detail(): string {
		return '';
	}

	/** Always one: the simulated market never reconnects. */
	get attempts(): number {
		return 1;
	}

	start(): void {
		const startMs = this.#deps.now();
		const seed = this.#deps.seed ?? DEMO_SEED;
		this.#markets = this.#symbols.map((symbol) => {
			const kept = this.#resume(symbol);
			const lastId = kept?.lastTradeId ?? null;
			const lastPrice = kept?.lastPrice ?? null;
			return new SimMarket(symbol, {
				seed,
				startMs,
				startId: lastId === null ? undefined : lastId + 1,
				startPrice: lastPrice === null ? this.#startPrice(symbol) : Number(lastPrice)
			});
		});
		this.#state = 'live';
		this.#events.state();
		this.#arm();
	}

	stop(): void {
		this.#timer.clear();
		this.#state = 'offline';
	}

	/** Binance's shutdown notice has no meaning here. */
	handover(): void {}

	#arm(): void {
		this.#timer.arm(STEP_MS, () => {
			const at = this.#deps.now();
			const trades = this.#markets.flatMap((market) => market.until(at, STEP_LIMIT));
			if (trades.length > 0) this.#events.trades(trades, at);
			this.#arm();
		});
	}
}

/** The counters a demo batch moves (`StatusCounters` fits). */
export interface DemoCounters {
	frame(receivedAt: number): void;
	duplicate(): void;
	reject(reason: 'out-of-order' | 'bad-value'): void;
}

/**
 * Adds simulated trades straight to their aggregators, counting each as a message received at
 * `at`. They bypass the ingest path on purpose: simulated trades are never written to the tick
 * cache, which holds real market data only. Returns whether any was added.
 */
export function addDemoTrades(
	trades: readonly Trade[],
	aggregatorOf: (symbol: string) => SymbolAggregator | undefined,
	counters: DemoCounters,
	at: number
): boolean {
	let added = false;
	for (const trade of trades) {
		counters.frame(at);
		const result = aggregatorOf(trade.symbol)?.add(trade);
		if (result === 'added') added = true;
		else if (result === 'duplicate') counters.duplicate();
		else if (result === 'out-of-order') counters.reject(result);
	}
	return added;
}
