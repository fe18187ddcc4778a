import { describe, expect, it } from 'vitest';
import { recordedTrades } from '../../../../tests/support/recordings';
import { SymbolAggregator } from '../../core/aggregator';
import { FIXED_INTERVALS, type FixedInterval, type Interval } from '../../core/interval';
import type { KlineRow } from '../../core/kline';
import type { Trade } from '../../core/trade';
import { HISTORY_CANDLES, SymbolHistory, type HistoryRest } from './history-loader';
import type { HistoryStore } from './history-store';

/** 23:54 to 00:05 UTC across midnight. */
const BTC = [
	...recordedTrades('btcusdt-trade-depth-20240808.txt.gz'),
	...recordedTrades('btcusdt-trade-depth-20240809.txt.gz')
];

function aggregate(trades: readonly Trade[]): SymbolAggregator {
	const aggregator = new SymbolAggregator('BTCUSDT', { maxBars: 5000 });
	for (const trade of trades) aggregator.add(trade);
	return aggregator;
}

interface Range {
	startTime?: number;
	endTime?: number;
	limit?: number;
	fromId?: number;
}

/** An exchange that has seen `trades`: klines and aggTrades answered as Binance pages them. */
function exchange(trades: readonly Trade[]) {
	const all = aggregate(trades);
	const calls: string[] = [];
	const rest: HistoryRest = {
		klines: (_symbol, interval, range: Range = {}) => {
			calls.push(`klines ${interval}`);
			const limit = range.limit ?? 500;
			const rows = all
				.klines(interval as FixedInterval)
				.filter(
					([time]) => time >= (range.startTime ?? -Infinity) && time <= (range.endTime ?? Infinity)
				);
			const page: KlineRow[] =
				range.startTime === undefined ? rows.slice(-limit) : rows.slice(0, limit);
			return Promise.resolve(page);
		},
		aggTrades: (_symbol, range: Range = {}) => {
			calls.push('aggTrades');
			const limit = range.limit ?? 500;
			const picked =
				range.fromId !== undefined
					? trades.filter((trade) => trade.id >= (range.fromId ?? 0))
					: trades.filter(
							(trade) =>
								trade.time >= (range.startTime ?? -Infinity) &&
								trade.time <= (range.endTime ?? Infinity)
						);
			return Promise.resolve(picked.slice(0, limit));
		}
	};
	return { all, rest, calls };
}

/** What a chart of `interval` shows: history before the aggregator's first bucket, then its candles. */
function joined(
	history: SymbolHistory,
	live: SymbolAggregator,
	interval: FixedInterval
): KlineRow[] {
	const liveRows = live.klines(interval);
	const first = liveRows[0]?.[0] ?? Infinity;
	return [...(history.history(interval)?.rowsBefore(first) ?? []), ...liveRows];
}

describe('SymbolHistory', () => {
	it.each([300, 7_777, 15_000])(
		'joins REST history, the completed first bucket and the stream without a seam (stream from trade %i)',
		async (index) => {
			const { all, rest } = exchange(BTC);
			const live = aggregate(BTC.slice(index));
			const history = new SymbolHistory('btcusdt', rest, live, new AbortController().signal);
			expect(await history.completeFirst()).toBe(true);
			for (const interval of FIXED_INTERVALS) {
				await history.load(interval);
				const expected = all.klines(interval);
				const shown = joined(history, live, interval);
				// Up to HISTORY_CANDLES before the live part, every one the exchange's.
				expect(shown, interval).toEqual(expected.slice(-shown.length));
				const before = shown.length - live.klines(interval).length;
				expect(before, interval).toBe(
					Math.min(HISTORY_CANDLES, expected.length - live.klines(interval).length)
				);
			}
		}
	);

	it('asks before the stream began for the latest closed candles, then fills up to the first bucket', async () => {
		const cutIndex = 12_000;
		const { all, rest } = exchange(BTC.slice(0, cutIndex));
		const live = new SymbolAggregator('BTCUSDT', { maxBars: 5000 });
		const history = new SymbolHistory('btcusdt', rest, live, new AbortController().signal);
		await history.load('1s');
		// The exchange's open second is not history.
		expect(history.history('1s')?.newest).toBe(all.klines('1s').at(-2)?.[0]);
		// The stream begins seconds later; meanwhile the exchange went on trading.
		const later = exchange(BTC);
		const resumed = new SymbolHistory('btcusdt', later.rest, live, new AbortController().signal);
		for (const trade of BTC.slice(cutIndex + 400)) live.add(trade);
		await resumed.completeFirst();
		await resumed.load('1s');
		expect(joined(resumed, live, '1s')).toEqual(
			later.all.klines('1s').slice(-joined(resumed, live, '1s').length)
		);
	});

	it('after a restart past a long gap, joins the new first bucket as exactly as the first', async () => {
		const { all, rest } = exchange(BTC);
		const live = aggregate(BTC.slice(3_000, 5_000));
		const history = new SymbolHistory('btcusdt', rest, live, new AbortController().signal);
		await history.completeFirst();
		await history.load('1s');
		await history.load('1m');
		// Trades 5,000 to 16,999 are skipped: the candles there are the exchange's.
		live.restart();
		history.restarted();
		for (const trade of BTC.slice(17_000)) live.add(trade);
		expect(await history.completeFirst()).toBe(true);
		for (const interval of ['1s', '1m'] as const) {
			await history.load(interval);
			const shown = joined(history, live, interval);
			expect(shown.length, interval).toBeGreaterThan(live.klines(interval).length);
			expect(shown, interval).toEqual(all.klines(interval).slice(-shown.length));
		}
	});

	it('loads older pages until the exchange has none', async () => {
		const { all, rest } = exchange(BTC);
		const live = aggregate(BTC.slice(19_000));
		const history = new SymbolHistory('btcusdt', rest, live, new AbortController().signal);
		await history.completeFirst();
		await history.load('1s');
		expect(history.hasOlder('1s')).toBe(false);
		expect(await history.loadOlder('1s', 0)).toBe(false);
		expect(joined(history, live, '1s')).toEqual(all.klines('1s'));
	});
});

/** A history store in a map, as CandleCache keeps one symbol's series. */
function memoryStore() {
	const series = new Map<Interval, readonly KlineRow[]>();
	const store: HistoryStore = {
		load: (interval) => Promise.resolve([...(series.get(interval) ?? [])]),
		save: (interval, rows) => {
			series.set(interval, rows);
			return Promise.resolve();
		}
	};
	return { series, store };
}

const unreachable: HistoryRest = {
	klines: () => Promise.reject(new TypeError('offline')),
	aggTrades: () => Promise.reject(new TypeError('offline'))
};

describe('SymbolHistory with a store', () => {
	it('keeps what the exchange sent; offline, a later run opens with it before the restored ticks', async () => {
		const { all, rest } = exchange(BTC);
		const { series, store } = memoryStore();
		const live = aggregate(BTC.slice(15_000));
		const online = new SymbolHistory('btcusdt', rest, live, new AbortController().signal, store);
		expect(await online.restore('1m')).toBe(false);
		await online.completeFirst();
		await online.load('1m');
		const first = live.klines('1m')[0]?.[0] ?? 0;
		const exchanged = all.klines('1m').filter(([time]) => time < first);
		expect(exchanged.length).toBeGreaterThan(3);
		expect(series.get('1m')).toEqual(exchanged);

		// Reloaded offline: the cache restores the same ticks, REST fails.
		const restored = aggregate(BTC.slice(15_000));
		const signal = new AbortController().signal;
		const offline = new SymbolHistory('btcusdt', unreachable, restored, signal, store);
		expect(await offline.restore('1m')).toBe(true);
		await expect(offline.load('1m')).rejects.toThrow('offline');
		expect(joined(offline, restored, '1m')).toEqual([...exchanged, ...restored.klines('1m')]);
		// The failed load stored nothing over what was kept.
		expect(series.get('1m')).toEqual(exchanged);
	});

	it('online, refreshes the stored candles with the latest page and keeps older pages', async () => {
		const { all, rest, calls } = exchange(BTC);
		const { series, store } = memoryStore();
		const old = all.klines('1s').slice(0, 50);
		await store.save('1s', old);
		const live = aggregate(BTC.slice(19_000));
		const history = new SymbolHistory('btcusdt', rest, live, new AbortController().signal, store);
		await history.completeFirst();
		await history.load('1s');
		expect(calls.filter((call) => call === 'klines 1s').length).toBeGreaterThan(0);
		expect(joined(history, live, '1s')).toEqual(all.klines('1s'));
		expect(series.get('1s')).toEqual(history.history('1s')?.rowsBefore(Infinity));
	});

	it('tries to complete the first bucket again after a failed attempt', async () => {
		const { all, rest } = exchange(BTC);
		let offline = true;
		const flaky: HistoryRest = {
			klines: (...args) => (offline ? Promise.reject(new Error('offline')) : rest.klines(...args)),
			aggTrades: (...args) =>
				offline ? Promise.reject(new Error('offline')) : rest.aggTrades(...args)
		};
		const live = aggregate(BTC.slice(7_777));
		const history = new SymbolHistory('btcusdt', flaky, live, new AbortController().signal);
		await expect(history.completeFirst()).rejects.toThrow('offline');
		offline = false;
		expect(await history.completeFirst()).toBe(true);
		const first = live.klines('1m')[0];
		expect(first).toEqual(all.klines('1m').find(([time]) => time === first?.[0]));
	});
});
