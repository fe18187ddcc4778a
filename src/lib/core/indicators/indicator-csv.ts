import type { BarColumns } from '../bar-columns';
import type { KlineRow } from '../kline';
import { IndicatorSet } from './indicator-set';
import { INDICATOR_LINES, type IndicatorSpec } from './indicator-spec';

/**
 * Candles with their indicator values as CSV: a header, then one line per candle, oldest first.
 * Candle fields are the exact kline strings; an indicator's value prints in full float precision,
 * empty while it warms up.
 */
export function indicatorCsv(rows: readonly KlineRow[], specs: readonly IndicatorSpec[]): string {
	const bars = barsOfRows(rows);
	const series = new IndicatorSet(specs).reset(bars);
	const columns = specs.flatMap((spec) =>
		INDICATOR_LINES[spec.kind].map((line) => (line === spec.kind ? spec.id : `${spec.id}_${line}`))
	);
	const header = ['open_time', 'open', 'high', 'low', 'close', 'volume', 'trades', ...columns];
	const lines = [header.join(',')];
	rows.forEach((row, i) => {
		const values = series.flatMap((s) => s.lines.map((line) => format(line[i] ?? NaN)));
		lines.push([row[0], row[1], row[2], row[3], row[4], row[5], row[8], ...values].join(','));
	});
	return `${lines.join('\n')}\n`;
}

const format = (value: number): string => (Number.isNaN(value) ? '' : String(value));

/** Float columns of exact kline rows, as the worker sends candles to the chart. */
function barsOfRows(rows: readonly KlineRow[]): BarColumns {
	const column = (pick: (row: KlineRow) => number) => Float64Array.from(rows, pick);
	return {
		time: column((row) => row[0]),
		open: column((row) => Number(row[1])),
		high: column((row) => Number(row[2])),
		low: column((row) => Number(row[3])),
		close: column((row) => Number(row[4])),
		volume: column((row) => Number(row[5])),
		buyVolume: column((row) => Number(row[9])),
		count: column((row) => row[8])
	};
}
