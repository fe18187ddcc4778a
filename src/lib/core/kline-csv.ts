import { normaliseDecimal } from './decimal';
import type { KlineRow } from './kline';

/**
 * One kline as Binance's kline CSV line (data.binance.vision spot klines): 12 comma-separated
 * columns in `KlineRow` order, no trailing newline. Prices and volumes are printed with at least
 * 8 decimals, as Binance does ("0.2312" -> "0.23120000"); an exact quote volume with non-zero
 * digits beyond the 8th keeps them rather than rounding. Times are ms.
 */
export function klineToCsvLine(row: KlineRow): string {
	const [openTime, open, high, low, close, volume, closeTime, quote, count, buyVolume, buyQuote] =
		row;
	return [
		openTime,
		normaliseDecimal(open),
		normaliseDecimal(high),
		normaliseDecimal(low),
		normaliseDecimal(close),
		normaliseDecimal(volume),
		closeTime,
		normaliseDecimal(quote),
		count,
		normaliseDecimal(buyVolume),
		normaliseDecimal(buyQuote),
		row[11]
	].join(',');
}
