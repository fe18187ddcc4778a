import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Trade } from '../core/trade';
import { detectCsvLayout, isCsvError, parseCsvLine, type CsvError } from './public-data';

const AGG_HEADER =
	'agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker,is_best_match';
const TRADES_HEADER = 'id,price,qty,quote_qty,time,is_buyer_maker,is_best_match';
const RECORDER_CSV = new URL(
	'../../../../shared/fixtures/binance/ws-recordings/trxusdt-trade-20250304.csv',
	import.meta.url
);

/** Real aggTrade 665076760 (BTCUSDT, 2021-04-04) as a public-data row. */
const AGG_ROW = '665076760,58001.03000000,0.08620500,745522877,745522877,1617566591314,True,True';
/** Real trade 1111468873 (BTCUSDT, 2021-10-22) as a public-data row. */
const TRADE_ROW = '1111468873,60650.00000000,0.02924000,1773.40600000,1634942949263,True,True';

function tradeOf(result: Trade | CsvError): Trade {
	if (isCsvError(result)) throw new Error(result.error);
	return result;
}

function errorOf(result: Trade | CsvError): string {
	return isCsvError(result) ? result.error : `parsed: ${JSON.stringify(result)}`;
}

describe('detectCsvLayout', () => {
	it('knows the three headers, whatever the case, BOM or line ending', () => {
		expect(detectCsvLayout(AGG_HEADER)).toEqual({ format: 'aggTrades', header: true });
		expect(detectCsvLayout(`\uFEFF${TRADES_HEADER}\r`)).toEqual({ format: 'trades', header: true });
		const recorderHeader = readFileSync(RECORDER_CSV, 'utf8').split('\n')[0] ?? '';
		expect(detectCsvLayout(recorderHeader)).toEqual({ format: 'recorder', header: true });
		expect(detectCsvLayout(AGG_HEADER.toUpperCase())).toEqual({
			format: 'aggTrades',
			header: true
		});
	});

	it('tells headerless Binance rows by their column count', () => {
		expect(detectCsvLayout(AGG_ROW)).toEqual({ format: 'aggTrades', header: false });
		expect(detectCsvLayout(TRADE_ROW)).toEqual({ format: 'trades', header: false });
	});

	it.each([
		['a recording line', '1723161254087896568 {"stream":"btcusdt@trade","data":{}}'],
		['a row of 6 columns', '1,2,3,4,5,6'],
		['a row starting with a word', 'x,58001.03,0.08,1,1,1617566591314,True,True'],
		['an unknown header', 'time,open,high,low,close,volume,a,b'],
		['an empty line', '']
	])('gives up on %s', (_, line) => {
		expect(detectCsvLayout(line)).toBeNull();
	});
});

describe('parseCsvLine: aggTrades', () => {
	it('reads a row into a trade of the given symbol', () => {
		expect(tradeOf(parseCsvLine(AGG_ROW, 'aggTrades', 'BTCUSDT'))).toEqual({
			symbol: 'BTCUSDT',
			id: 665076760,
			price: '58001.03000000',
			qty: '0.08620500',
			time: 1617566591314,
			buyerMaker: true,
			count: 1,
			firstTradeId: 745522877,
			lastTradeId: 745522877
		});
	});

	it('counts the trades of an aggregate and reads a lower-case false', () => {
		const row = '54605678,43.53150000,0.90000000,63392595,63392597,1617566591841,false,true';
		expect(tradeOf(parseCsvLine(row, 'aggTrades', 'DOTUSDT'))).toMatchObject({
			count: 3,
			firstTradeId: 63392595,
			lastTradeId: 63392597,
			buyerMaker: false
		});
	});

	it('floors a 2025+ microsecond time to ms', () => {
		const row =
			'3366012290,93576.00000000,0.00012000,4393581233,4393581233,1735689600123999,False,True';
		expect(tradeOf(parseCsvLine(row, 'aggTrades', 'BTCUSDT')).time).toBe(1735689600123);
	});

	it.each([
		['a bad price', '1,abc,0.5,1,1,1617566591314,True,True', 'price "abc" is not a decimal'],
		[
			'a zero quantity',
			'1,5,0.00000000,1,1,1617566591314,True,True',
			'quantity "0.00000000" is zero'
		],
		['a negative quantity', '1,5,-1,1,1,1617566591314,True,True', 'quantity "-1" is not a decimal'],
		[
			'a price finer than 1e-8',
			'1,5.000000001,1,1,1,1617566591314,True,True',
			'price "5.000000001" has more than 8 decimals'
		],
		[
			'a fractional id',
			'1.5,5,1,1,1,1617566591314,True,True',
			'agg_trade_id "1.5" is not a whole number'
		],
		[
			'an id beyond 2^53',
			'9007199254740993,5,1,1,1,1617566591314,True,True',
			'agg_trade_id "9007199254740993" is too large'
		],
		[
			'last below first',
			'1,5,1,7,6,1617566591314,True,True',
			'last_trade_id 6 is below first_trade_id 7'
		],
		[
			'a time in words',
			'1,5,1,1,1,yesterday,True,True',
			'transact_time "yesterday" is not a time in ms or µs since the epoch'
		],
		[
			'a zero time',
			'1,5,1,1,1,0,True,True',
			'transact_time "0" is not a time in ms or µs since the epoch'
		],
		[
			'a maker flag of yes',
			'1,5,1,1,1,1617566591314,yes,True',
			'is_buyer_maker "yes" is not True, False, 1 or 0'
		],
		[
			'too few columns',
			'1,5,1,1,1,1617566591314,True',
			'expected 8 columns (aggTrades layout), got 7'
		]
	])('names the column and value of %s', (_, row, message) => {
		expect(errorOf(parseCsvLine(row, 'aggTrades', 'BTCUSDT'))).toBe(message);
	});

	it('reports the first bad column of several', () => {
		expect(errorOf(parseCsvLine('x,y,z,1,1,1617566591314,True,True', 'aggTrades', 'B'))).toBe(
			'agg_trade_id "x" is not a whole number'
		);
	});
});

describe('parseCsvLine: trades', () => {
	it('reads a row into a one-trade Trade, quote_qty checked but not used', () => {
		expect(tradeOf(parseCsvLine(TRADE_ROW, 'trades', 'BTCUSDT'))).toEqual({
			symbol: 'BTCUSDT',
			id: 1111468873,
			price: '60650.00000000',
			qty: '0.02924000',
			time: 1634942949263,
			buyerMaker: true,
			count: 1,
			firstTradeId: 1111468873,
			lastTradeId: 1111468873
		});
		const badQuote = TRADE_ROW.replace('1773.40600000', '1773,4');
		expect(errorOf(parseCsvLine(badQuote, 'trades', 'BTCUSDT'))).toBe(
			'expected 7 columns (trades layout), got 8'
		);
		expect(errorOf(parseCsvLine(TRADE_ROW.replace('1773.40600000', 'n/a'), 'trades', 'X'))).toBe(
			'quote_qty "n/a" is not a decimal'
		);
	});

	it('names the trades columns in its messages', () => {
		expect(errorOf(parseCsvLine('1,5,0,0,1634942949263,True,True', 'trades', 'X'))).toBe(
			'qty "0" is zero'
		);
		expect(errorOf(parseCsvLine('1,5,1,5,1634942949263,maybe,True', 'trades', 'X'))).toBe(
			'is_buyer_maker "maybe" is not True, False, 1 or 0'
		);
	});
});

describe('parseCsvLine: recorder CSV (the real TRXUSDT file)', () => {
	const lines = readFileSync(RECORDER_CSV, 'utf8').trimEnd().split('\n').slice(1);

	it('reads all 10,000 rows: symbol from the row, µs to ms, maker 1/0, ids contiguous', () => {
		const trades = lines.map((line) => tradeOf(parseCsvLine(line, 'recorder', 'IGNORED')));
		expect(trades).toHaveLength(10_000);
		expect(trades[0]).toEqual({
			symbol: 'TRXUSDT',
			id: 348656870,
			price: '0.2312',
			qty: '2619.4',
			time: 1741046401271,
			buyerMaker: true,
			count: 1,
			firstTradeId: 348656870,
			lastTradeId: 348656870
		});
		expect(trades[1]?.buyerMaker).toBe(false);
		expect(trades.every((trade, i) => trade.id === 348656870 + i)).toBe(true);
		expect(trades.at(-1)?.time).toBe(1741049279150);
	});

	it('rejects a row of another event type and a bad symbol', () => {
		const first = lines[0] ?? '';
		expect(errorOf(parseCsvLine(first.replace(',trade,', ',aggTrade,'), 'recorder', 'X'))).toBe(
			'EventType "aggTrade" is not "trade"'
		);
		expect(errorOf(parseCsvLine(first.replace('TRXUSDT', 'TRX/USDT'), 'recorder', 'X'))).toBe(
			'Symbol "TRX/USDT" is not a symbol'
		);
	});
});
