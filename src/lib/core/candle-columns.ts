import type { BarColumns } from './bar-columns';
import type { Candle } from './candle';

/** Float columns of candles, in the given order (oldest first by the callers' contract). */
export function candlesToColumns(candles: readonly Candle[]): BarColumns {
	const n = candles.length;
	const columns: BarColumns = {
		time: new Float64Array(n),
		open: new Float64Array(n),
		high: new Float64Array(n),
		low: new Float64Array(n),
		close: new Float64Array(n),
		volume: new Float64Array(n),
		buyVolume: new Float64Array(n),
		count: new Float64Array(n)
	};
	candles.forEach((candle, i) => {
		columns.time[i] = candle.time;
		columns.open[i] = candle.openFloat();
		columns.high[i] = candle.highFloat();
		columns.low[i] = candle.lowFloat();
		columns.close[i] = candle.closeFloat();
		columns.volume[i] = candle.volumeFloat();
		columns.buyVolume[i] = candle.buyVolumeFloat();
		columns.count[i] = candle.count;
	});
	return columns;
}
