import { parseFrame } from '../../src/lib/binance/wire';
import { SymbolAggregator } from '../../src/lib/core/aggregator';
import { AlertEngine } from '../../src/lib/core/alerts/alert-engine';
import type { AlertSpec } from '../../src/lib/core/alerts/alert-spec';
import { IndicatorSet } from '../../src/lib/core/indicators/indicator-set';
import type { IndicatorSpec } from '../../src/lib/core/indicators/indicator-spec';
import type { Interval } from '../../src/lib/core/interval';

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

/** 20 repeating alerts of every kind on `symbol`, levels spread around `price`. */
function benchAlerts(symbol: string, price: number): AlertSpec[] {
	const common = { symbol, repeat: true, cooldownSec: 1, active: true, sound: false };
	return Array.from({ length: ALERTS_PER_SYMBOL }, (_, i): AlertSpec => {
		const id = `${symbol}-${i}`;
		switch (i % 4) {
			case 0:
				return { ...common, id, kind: 'price', level: price * (1 + (i - 10) / 10_000) };
			case 1:
				return { ...common, id, kind: 'move', percent: 0.05 + i / 1000, seconds: 10 + i };
			case 2:
				return { ...common, id, kind: 'volume', k: 2 + i / 10 };
			default:
				return { ...common, id, kind: 'size', size: 0.1 * (i + 1) };
		}
	});
}

interface Followed {
	readonly aggregator: SymbolAggregator;
	readonly charts: { interval: Interval; set: IndicatorSet; sent: number }[];
}

/**
 * The core workload (parse, aggregate) plus what issue 18 adds to it in the worker: every trade
 * through 20 alerts of its symbol, and the 1 s and 1 m charts' 5 indicators moved on by their
 * changed bars every TRADES_PER_FLUSH trades. Returns the trades added.
 */
export function aggregateWithExtras(frames: readonly string[]): number {
	const followed = new Map<string, Followed>();
	const alerts = new AlertEngine();
	const specs: AlertSpec[] = [];
	let added = 0;
	for (const frame of frames) {
		const event = parseFrame(frame);
		if (event.kind !== 'trade') continue;
		const { trade } = event;
		let entry = followed.get(trade.symbol);
		if (entry === undefined) {
			entry = {
				aggregator: new SymbolAggregator(trade.symbol),
				charts: CHARTS.map((interval) => ({
					interval,
					set: new IndicatorSet(BENCH_INDICATORS),
					sent: -1
				}))
			};
			followed.set(trade.symbol, entry);
			specs.push(...benchAlerts(trade.symbol.toLowerCase(), Number(trade.price)));
			alerts.set(specs);
		}
		if (entry.aggregator.add(trade) !== 'added') continue;
		added++;
		// As the worker does: the figures the aggregator measured, not the text parsed again.
		alerts.trade(trade, entry.aggregator.lastPriceValue, entry.aggregator.lastQtyValue);
		if (added % TRADES_PER_FLUSH === 0) {
			flush(entry);
			// The worker posts the firings with each batch (firedAlerts): they do not pile up.
			sink += alerts.take().length;
		}
	}
	for (const entry of followed.values()) flush(entry);
	sink += alerts.take().length;
	return added;
}

function flush({ aggregator, charts }: Followed): void {
	for (const chart of charts) {
		if (chart.sent < 0) chart.set.reset(aggregator.bars(chart.interval));
		else chart.set.update(aggregator.barsSince(chart.interval, chart.sent));
		chart.sent = aggregator.revision;
	}
}
