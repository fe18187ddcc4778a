import type { SymbolAggregator } from '../../src/lib/core/aggregator';
import { AlertEngine } from '../../src/lib/core/alerts/alert-engine';
import type { AlertSpec } from '../../src/lib/core/alerts/alert-spec';
import { IndicatorSet } from '../../src/lib/core/indicators/indicator-set';
import type { IndicatorSpec } from '../../src/lib/core/indicators/indicator-spec';
import type { Interval } from '../../src/lib/core/interval';
import type { Trade } from '../../src/lib/core/trade';

/** Five indicators per chart, as a trader might stack them. */
export const BENCH_INDICATORS: readonly IndicatorSpec[] = [
	{ id: 'sma', kind: 'sma', period: 20 },
	{ id: 'ema', kind: 'ema', period: 50 },
	{ id: 'bb', kind: 'bb', period: 20, mult: 2 },
	{ id: 'rsi', kind: 'rsi', period: 14 },
	{ id: 'macd', kind: 'macd', fast: 12, slow: 26, signal: 9 }
];
const CHARTS: readonly Interval[] = ['1s', '1m'];
/** Trades between two flushes: the worker posts changed bars on a cadence, never per trade. */
const TRADES_PER_FLUSH = 64;
export const ALERTS_PER_SYMBOL = 20;
/** Firings taken, so taking them is not dead code. */
let sink = 0;
export const firingsTaken = (): number => sink;

/**
 * 20 repeating alerts of every kind on `symbol`, levels spread around `price`. Written out as
 * literals, not spread from a common part: the worker gets its alerts by structured clone, which
 * gives every alert of a kind one shape, while a spread makes a new shape per call (measured: no
 * two calls' alerts shared a map), costing microseconds per alert and slowing every read of them.
 */
function benchAlerts(symbol: string, price: number): AlertSpec[] {
	return Array.from({ length: ALERTS_PER_SYMBOL }, (_, i): AlertSpec => {
		const id = `${symbol}-${i}`;
		switch (i % 4) {
			case 0: {
				const level = price * (1 + (i - 10) / 10_000);
				return {
					symbol,
					repeat: true,
					cooldownSec: 1,
					active: true,
					sound: false,
					id,
					kind: 'price',
					level
				};
			}
			case 1: {
				const percent = 0.05 + i / 1000;
				return {
					symbol,
					repeat: true,
					cooldownSec: 1,
					active: true,
					sound: false,
					id,
					kind: 'move',
					percent,
					seconds: 10 + i
				};
			}
			case 2:
				return {
					symbol,
					repeat: true,
					cooldownSec: 1,
					active: true,
					sound: false,
					id,
					kind: 'volume',
					k: 2 + i / 10
				};
			default:
				return {
					symbol,
					repeat: true,
					cooldownSec: 1,
					active: true,
					sound: false,
					id,
					kind: 'size',
					size: 0.1 * (i + 1)
				};
		}
	});
}

interface Chart {
	readonly interval: Interval;
	readonly set: IndicatorSet;
	sent: number;
}

/** What the bench's core loop calls for each added trade, and once at the end of a file. */
export interface TradeHook {
	added(trade: Trade, aggregator: SymbolAggregator): void;
	end(): void;
}

/**
 * What issue 18 adds to the worker's hot path, as the hook its ingest calls per added trade: every
 * trade through 20 alerts of its symbol, and the 1 s and 1 m charts' 5 indicators moved on by their
 * changed bars every TRADES_PER_FLUSH trades. One per file, as the core loop's aggregators are.
 */
export function benchExtras(): TradeHook {
	const charts = new Map<SymbolAggregator, Chart[]>();
	const alerts = new AlertEngine();
	const specs: AlertSpec[] = [];
	let added = 0;
	return {
		added(trade, aggregator) {
			let followed = charts.get(aggregator);
			if (followed === undefined) {
				followed = CHARTS.map((interval) => ({
					interval,
					set: new IndicatorSet(BENCH_INDICATORS),
					sent: -1
				}));
				charts.set(aggregator, followed);
				specs.push(...benchAlerts(trade.symbol.toLowerCase(), Number(trade.price)));
				alerts.set(specs);
			}
			added++;
			// As the worker does: the figures the aggregator measured, not the text parsed again.
			alerts.trade(trade, aggregator.lastPriceValue, aggregator.lastQtyValue);
			if (added % TRADES_PER_FLUSH === 0) {
				flush(aggregator, followed);
				// The worker posts the firings with each batch (firedAlerts): they do not pile up.
				sink += alerts.take().length;
			}
		},
		end() {
			for (const [aggregator, followed] of charts) flush(aggregator, followed);
			sink += alerts.take().length;
		}
	};
}

function flush(aggregator: SymbolAggregator, charts: readonly Chart[]): void {
	for (const chart of charts) {
		if (chart.sent < 0) chart.set.reset(aggregator.bars(chart.interval));
		else chart.set.update(aggregator.barsSince(chart.interval, chart.sent));
		chart.sent = aggregator.revision;
	}
}
