import { describe, expect, it } from 'vitest';
import { calendarKlineRows, isCalendarInterval } from '../../../../tests/server/calendar-klines';
import {
	KLINE_INTERVAL_MS,
	klineRows,
	type KlineRow as ServerRow
} from '../../../../tests/server/klines';
import { loadMarket } from '../../../../tests/server/recording-loader';
import { RecordedTape } from '../../../../tests/server/tape';
import { SymbolAggregator } from '../../core/aggregator';
import { ANCHORED_INTERVALS } from '../../core/interval';
import type { KlineRow } from '../../core/kline';
import { epochMs } from '../../core/time';
import type { Trade } from '../../core/trade';
import type { HistoryRest } from './history-loader';
import { SymbolHistory } from './history-loader';
import { JoinedSource } from './run-history';

/**
 * The test server's own klines (tests/server, which puts 3d on epoch multiples of three days, 1w
 * on Mondays and 1M on the 1st) for BTCUSDT 2024-08-08 23:54 -> 00:05 UTC. The app knows none of
 * that: it must take the boundaries from the klines and continue them live, across midnight,
 * where the server's 3d series opens a new bucket.
 */
const market = loadMarket([
	'btcusdt-trade-depth-20240808.txt.gz',
	'btcusdt-trade-depth-20240809.txt.gz'
]);
const recording = market.symbols.get('BTCUSDT');
if (recording === undefined) throw new Error('no BTCUSDT in the recording');
const tape = new RecordedTape(recording, { originMs: market.startMs, periodMs: 86_400_000 });
const end = market.endMs;
const total = tape.tradedCount(end);

function tradeAt(i: number): Trade {
	const { a, p, q, f, l, T, m } = tape.at(i);
	return {
		symbol: 'BTCUSDT',
		id: a,
		price: p,
		qty: q,
		time: epochMs(T),
		buyerMaker: m,
		count: l - f + 1,
		firstTradeId: f,
		lastTradeId: l
	};
}

/** The server's rows with the app's nominal time types. */
const asRows = (rows: readonly ServerRow[]): KlineRow[] =>
	rows.map((row) => {
		const [open, o, h, l, c, v, close, q, n, bv, bq] = row;
		return [epochMs(open), o, h, l, c, v, epochMs(close), q, n, bv, bq, '0'];
	});

/** The server's REST answers as they stood at `clock`. */
function restAt(clock: number): HistoryRest {
	const visible = tape.tradedCount(clock);
	return {
		klines: (_symbol, interval, range = {}) => {
			const window = { ...range, limit: range.limit ?? 500 };
			if (isCalendarInterval(interval)) {
				return Promise.resolve(asRows(calendarKlineRows(tape, visible, interval, window, clock)));
			}
			const size = KLINE_INTERVAL_MS[interval] ?? 0;
			return Promise.resolve(asRows(klineRows(tape, visible, size, window, clock)));
		},
		aggTrades: (_symbol, range = {}) => {
			const from = range.startTime === undefined ? 0 : tape.indexAtTime(range.startTime);
			const out = [];
			for (let i = from; i < visible && out.length < (range.limit ?? 500); i++) {
				const trade = tradeAt(i);
				if (range.endTime !== undefined && trade.time > range.endTime) break;
				out.push(trade);
			}
			return Promise.resolve(out);
		}
	};
}

describe('3d, 1w and 1M: live candles continue the exchange klines without a seam', () => {
	it('matches the server klines at the end, bucket boundary included, after a start mid-bucket', async () => {
		const cut = market.startMs + 3 * 60_000;
		const aggregator = new SymbolAggregator('BTCUSDT');
		const first = tape.tradedCount(cut);
		for (let i = first; i < total; i++) aggregator.add(tradeAt(i));
		const history = new SymbolHistory(
			'BTCUSDT',
			restAt(cut),
			aggregator,
			new AbortController().signal
		);
		await history.completeFirst();
		const source = new JoinedSource(
			aggregator,
			(interval) => history.history(interval),
			(interval) => history.anchored(interval)
		);
		for (const interval of ANCHORED_INTERVALS) {
			await history.load(interval);
			const expected = asRows(calendarKlineRows(tape, total, interval, { limit: 1000 }, end));
			expect(source.klines(interval), interval).toEqual(expected);
		}
		// The 3d series crosses a boundary at midnight: two candles, the second opened live.
		expect(source.klines('3d').map((row) => row[0])).toEqual([
			Date.UTC(2024, 7, 6),
			Date.UTC(2024, 7, 9)
		]);
		const bars = source.bars('1w');
		expect([...bars.time]).toEqual([Date.UTC(2024, 7, 5)]);
	});

	it('shows the exchange row of the open bucket until the first trade', async () => {
		const cut = market.startMs + 60_000;
		const aggregator = new SymbolAggregator('BTCUSDT');
		const rest = restAt(cut);
		const history = new SymbolHistory('BTCUSDT', rest, aggregator, new AbortController().signal);
		await history.load('1M');
		const source = new JoinedSource(
			aggregator,
			() => undefined,
			(i) => history.anchored(i)
		);
		const [row] = await rest.klines('BTCUSDT', '1M', { limit: 1 });
		expect(source.klines('1M')).toEqual([row]);
	});
});
