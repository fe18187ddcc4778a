import type { SymbolAggregator } from '../../core/aggregator';
import { prefixCandles, prefixRanges } from '../../core/history-prefix';
import { FIXED_INTERVALS, type FixedInterval, type Interval } from '../../core/interval';
import type { KlineHistory } from '../../core/kline-history';
import type { KlineRow } from '../../core/kline';
import { simulatedHistory } from '../../core/sim-history';
import { JoinedSource, type HistoryJoin } from '../history/run-history';

/** How far back the demo market's simulated history reaches. */
export const DEMO_HISTORY_MS = 4 * 3_600_000;

interface SymbolPast {
	readonly byInterval: ReadonlyMap<FixedInterval, KlineHistory>;
	readonly lastPrice: number;
	source: JoinedSource | null;
}

/**
 * The demo market's past: a few hours of simulated candles per symbol (core/sim-history.ts),
 * joined to the live simulation exactly as the exchange's history is joined to the stream, so
 * the demo opens with a full chart. Simulated like the rest of the demo, and labelled so.
 */
export class DemoHistory implements HistoryJoin {
	readonly #seed: number;
	readonly #endMs: number;
	readonly #symbols = new Map<string, SymbolPast>();
	readonly #changed: (symbol: string) => void;
	readonly #firstSecond: (symbol: string) => number | null;

	/**
	 * A symbol's history ends where its live simulation began: the second of its aggregator's
	 * first trade when one is kept from an earlier run (`firstSecond`, so the same past comes
	 * back), else the start of the second holding `nowMs`.
	 */
	constructor(
		seed: number,
		nowMs: number,
		changed: (symbol: string) => void,
		firstSecond: (symbol: string) => number | null = () => null
	) {
		this.#seed = seed;
		this.#endMs = nowMs - (nowMs % 1000);
		this.#changed = changed;
		this.#firstSecond = firstSecond;
	}

	/** Where the live simulation of `symbol` continues from. */
	lastPrice(symbol: string): number {
		return this.#of(symbol).lastPrice;
	}

	source(aggregator: SymbolAggregator): JoinedSource {
		const past = this.#of(aggregator.symbol);
		past.source ??= new JoinedSource(aggregator, (interval) => past.byInterval.get(interval));
		return past.source;
	}

	klines(aggregator: SymbolAggregator, interval: Interval): KlineRow[] {
		return this.source(aggregator).klines(interval);
	}

	/** The whole simulated past is there from the start. */
	watch(): void {}

	older(): Promise<boolean> {
		return Promise.resolve(false);
	}

	started(aggregator: SymbolAggregator): void {
		const first = aggregator.firstTrade;
		if (first === null) return;
		const past = this.#of(aggregator.symbol);
		const cut = first.second;
		const fetched = prefixRanges(cut).map((range) => ({
			range,
			rows: (past.byInterval.get(range.interval)?.rowsBefore(range.endTime + 1) ?? []).filter(
				([time]) => time >= range.startTime
			)
		}));
		if (aggregator.completeFirst(prefixCandles(cut, fetched, FIXED_INTERVALS, []))) {
			this.#changed(aggregator.symbol);
		}
	}

	#of(symbol: string): SymbolPast {
		const upper = symbol.toUpperCase();
		const known = this.#symbols.get(upper);
		if (known) return known;
		const endMs = this.#firstSecond(upper) ?? this.#endMs;
		const simulated = simulatedHistory(upper, this.#seed, endMs - DEMO_HISTORY_MS, endMs);
		const past: SymbolPast = { ...simulated, source: null };
		this.#symbols.set(upper, past);
		return past;
	}
}
