import type { EpochMs } from './time';

/**
 * One execution as the core sees it, from an aggTrade, a raw trade, a CSV row or a replay.
 * Prices and quantities stay the exact decimal strings Binance sent; the aggregator turns them
 * into scaled integers, so nothing is ever rounded.
 */
export interface Trade {
	/** Upper-case symbol, `BTCUSDT`. */
	readonly symbol: string;
	/** aggTrade id `a`, or trade id `t` for raw trades. Increases by exactly 1 per message. */
	readonly id: number;
	/** Decimal string, e.g. `"61837.63000000"`. */
	readonly price: string;
	/** Decimal string, base asset quantity. */
	readonly qty: string;
	/** Trade time `T`: the only clock candles are keyed by. */
	readonly time: EpochMs;
	/** `m`: true when the buyer was the maker, i.e. the aggressor sold. */
	readonly buyerMaker: boolean;
	/** Underlying trades: `l - f + 1` for an aggTrade, 1 for a raw trade. */
	readonly count: number;
	/** First and last underlying trade id (`f`, `l`); both equal `id` for a raw trade. */
	readonly firstTradeId: number;
	readonly lastTradeId: number;
}

/**
 * The one way a Trade is made from Binance's fields: `count` always comes from the id range, and
 * every source (both frame parsers, REST, CSV dumps, the simulated market) builds objects with the
 * same properties in the same order, so the aggregator's hot loop sees one object shape.
 * A raw trade leaves `firstTradeId`/`lastTradeId` out: both are its own id.
 */
export function makeTrade(
	symbol: string,
	id: number,
	price: string,
	qty: string,
	time: EpochMs,
	buyerMaker: boolean,
	firstTradeId = id,
	lastTradeId = id
): Trade {
	return {
		symbol,
		id,
		price,
		qty,
		time,
		buyerMaker,
		count: lastTradeId - firstTradeId + 1,
		firstTradeId,
		lastTradeId
	};
}
