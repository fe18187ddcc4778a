import { emptyColumns, type BarColumns } from './bar-columns';
import type { Candle } from './candle';

/** Float columns of candles, in the given order (oldest first by the callers' contract). */
export function candlesToColumns(candles: readonly Candle[]): BarColumns {
	const columns = emptyColumns(candles.length);
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
