import type { SymbolAggregator } from '../../core/aggregator';
import type { Timers } from '../../core/timers';
import type { Trade } from '../../core/trade';
import { addDemoTrades, DemoFeed, type DemoCounters } from './demo-feed';
import type { DemoHistory } from './demo-history';

/** What the demo source takes from its run. */
export interface DemoRun {
	aggregator(symbol: string): SymbolAggregator | undefined;
	readonly counters: DemoCounters;
	/** There is news to flush. */
	news(): void;
	fault(where: string, error: unknown): void;
}

/**
 * The demo source of a run: simulated trades straight into the aggregators (never into the tick
 * cache, which holds real market data only), each symbol's simulated past joined at its first
 * simulated trade, and a fresh market continuing from that past's last close.
 */
export function demoSource(
	symbols: readonly string[],
	deps: { readonly now: () => number; readonly timers: Timers; readonly demoSeed?: number },
	history: DemoHistory,
	run: DemoRun
): DemoFeed {
	const joined = new Set<string>();
	const join = (trades: readonly Trade[]) => {
		if (joined.size === symbols.length) return;
		for (const trade of trades) {
			const aggregator = joined.has(trade.symbol) ? undefined : run.aggregator(trade.symbol);
			if (aggregator?.firstTrade == null) continue;
			joined.add(trade.symbol);
			history.started(aggregator);
		}
	};
	const events = {
		state: () => run.news(),
		trades: (trades: readonly Trade[], at: number) => {
			try {
				if (addDemoTrades(trades, (s) => run.aggregator(s), run.counters, at)) run.news();
				join(trades);
			} catch (error) {
				run.fault('simulating trades', error);
			}
		}
	};
	return new DemoFeed(
		symbols,
		{ now: deps.now, timers: deps.timers, seed: deps.demoSeed },
		events,
		(s) => run.aggregator(s),
		(s) => history.lastPrice(s)
	);
}
