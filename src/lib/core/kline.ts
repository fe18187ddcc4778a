import type { EpochMs } from './time';

/**
 * One candle exactly as Binance prints a kline (REST `/api/v3/klines` row, public-data kline CSV):
 * open time, open, high, low, close, base volume, close time (open + size - 1 ms), quote volume,
 * trade count, taker-buy base volume, taker-buy quote volume, ignore. Decimals are strings.
 */
export type KlineRow = readonly [
	openTime: EpochMs,
	open: string,
	high: string,
	low: string,
	close: string,
	volume: string,
	closeTime: EpochMs,
	quoteVolume: string,
	count: number,
	takerBuyVolume: string,
	takerBuyQuoteVolume: string,
	ignore: '0'
];
