import type { KlineRow } from '../kline';
import type { SymbolInfo } from '../symbol-info';
import { epochMs } from '../time';

/** Test builders for exchange data beside the trades: klines and symbol descriptions. */

/** A kline at one price all through (open = high = low = close), `size` ms long, as Binance prints it. */
export function onePriceKline(
	time: number,
	size: number,
	fields: { price: string; volume: string; quote: string; count: number }
): KlineRow {
	const { price, volume, quote, count } = fields;
	const closeTime = epochMs(time + size - 1);
	return [
		epochMs(time),
		price,
		price,
		price,
		price,
		volume,
		closeTime,
		quote,
		count,
		volume,
		quote,
		'0'
	];
}

/** A symbol as exchangeInfo describes it, with BTCUSDT's filters; `status` defaults to TRADING. */
export function symbolInfo(symbol: string, status = 'TRADING'): SymbolInfo {
	return {
		symbol,
		status,
		baseAsset: symbol.slice(0, 3),
		quoteAsset: 'USDT',
		tickSize: '0.01000000',
		stepSize: '0.00001000'
	};
}
