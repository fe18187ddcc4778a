import { Candle } from './candle';
import { PRICE_DECIMALS, QUOTE_DECIMALS, type Units } from './decimal';
import { parseUnits } from './decimal';
import type { KlineRow } from './kline';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** 1e8: a quote sum's bigint part is in 1e-16 units, its number part in 1e-8 units. */
const QUOTE_NUMBER_TO_BIG = 100_000_000n;

function units(text: string, field: string): bigint {
	const value = parseUnits(text, PRICE_DECIMALS);
	if (value === null)
		throw new RangeError(`kline ${field} is not a decimal of 8 places: "${text}"`);
	return value;
}

function price(text: string, field: string): Units {
	const value = units(text, field);
	return value <= MAX_SAFE ? Number(value) : value;
}

/** A base volume in 1e-8 units, split as Candle keeps it: [number part, bigint part]. */
function volume(text: string, field: string): [number, bigint] {
	const value = units(text, field);
	return value <= MAX_SAFE ? [Number(value), 0n] : [0, value];
}

/** A quote volume (Binance prints 8 or more decimals): [1e-8 number part, 1e-16 bigint part]. */
function quote(text: string, field: string): [number, bigint] {
	const value = parseUnits(text, QUOTE_DECIMALS);
	if (value === null) throw new RangeError(`kline ${field} is not a decimal: "${text}"`);
	if (value % QUOTE_NUMBER_TO_BIG === 0n && value / QUOTE_NUMBER_TO_BIG <= MAX_SAFE) {
		return [Number(value / QUOTE_NUMBER_TO_BIG), 0n];
	}
	return [0, value];
}

/**
 * The exact candle of a Binance kline row (REST `klines`), at aggregator revision `rev`: the same
 * figures the aggregator would have summed from the kline's trades. Throws RangeError for a row
 * whose decimals are not Binance's (more than 8 places in a price or base volume).
 */
export function candleFromKline(row: KlineRow, rev: number): Candle {
	const [time, open, high, low, close, base, , quoteVolume, count, buyBase, buyQuote] = row;
	const candle = new Candle(time, price(open, 'open'), rev);
	candle.high = price(high, 'high');
	candle.low = price(low, 'low');
	candle.close = price(close, 'close');
	candle.count = count;
	[candle.volume, candle.volumeBig] = volume(base, 'volume');
	[candle.quote, candle.quoteBig] = quote(quoteVolume, 'quote volume');
	[candle.buyVolume, candle.buyVolumeBig] = volume(buyBase, 'taker buy volume');
	[candle.buyQuote, candle.buyQuoteBig] = quote(buyQuote, 'taker buy quote volume');
	return candle;
}
