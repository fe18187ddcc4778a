/**
 * Which stream names the server accepts, by Binance's spot grammar: a lower-case symbol, `@`, and
 * a known stream type. A valid name for a symbol or type the recordings lack is accepted and stays
 * silent, as Binance does for a symbol that does not exist.
 */

const KLINE_INTERVALS = '1s|1m|3m|5m|15m|30m|1h|2h|4h|6h|8h|12h|1d|3d|1w|1M';
const STREAM_TYPES = [
	'trade',
	'aggTrade',
	'bookTicker',
	'miniTicker',
	'ticker',
	'avgPrice',
	'depth',
	'depth@100ms',
	'depth@1000ms',
	'depth(?:5|10|20)(?:@100ms|@1000ms)?',
	`kline_(?:${KLINE_INTERVALS})(?:@\\+08:00)?`,
	'ticker_(?:1h|4h|1d)'
].join('|');

const SYMBOL_STREAM = new RegExp(`^[a-z0-9]{2,20}@(?:${STREAM_TYPES})$`);
const ALL_MARKET = /^!(?:miniTicker@arr|ticker@arr|ticker_(?:1h|4h|1d)@arr)$/;

export function isValidStreamName(name: string): boolean {
	return SYMBOL_STREAM.test(name) || ALL_MARKET.test(name);
}

/** Binance closes a connection over 1024 streams; a request beyond it is refused. */
export const MAX_STREAMS_PER_CONNECTION = 1024;
