import type { EpochMs } from '../core/time';
import { makeTrade, type Trade } from '../core/trade';
import { decimalKind, isDigits, MAX_DECIMALS } from './wire-values';

/**
 * Trade dumps as CSV, one trade per line:
 * - `aggTrades` (data.binance.vision): agg_trade_id, price, quantity, first_trade_id,
 *   last_trade_id, transact_time, is_buyer_maker, is_best_match.
 * - `trades` (data.binance.vision): id, price, qty, quote_qty, time, is_buyer_maker, is_best_match.
 * - `recorder` (a stream recorder's export, Binance-Data-Processor): the header below, times in µs,
 *   maker flag 1/0, and the symbol in a column of its own.
 * The header line is optional for the two Binance layouts. Dumps from 2025 on give times in
 * microseconds: told apart by magnitude and floored to ms. Pure: no Node or DOM APIs.
 */
export type CsvFormat = 'aggTrades' | 'trades' | 'recorder';

export interface CsvLayout {
	readonly format: CsvFormat;
	/** True when the line it was detected from is a header, to be skipped. */
	readonly header: boolean;
}

export interface CsvError {
	readonly error: string;
}

const COLUMNS: Readonly<Record<CsvFormat, readonly string[]>> = {
	aggTrades: [
		'agg_trade_id',
		'price',
		'quantity',
		'first_trade_id',
		'last_trade_id',
		'transact_time',
		'is_buyer_maker',
		'is_best_match'
	],
	trades: ['id', 'price', 'qty', 'quote_qty', 'time', 'is_buyer_maker', 'is_best_match'],
	recorder: [
		'TimestampOfReceive',
		'Stream',
		'EventType',
		'EventTime',
		'TransactionTime',
		'Symbol',
		'TradeId',
		'Price',
		'Quantity',
		'IsBuyerMarketMaker',
		'MUnknownParameter'
	]
};

const FORMATS: readonly CsvFormat[] = ['aggTrades', 'trades', 'recorder'];

/** Times at or above this are µs: 1e14 ms would be the year 5138. */
const MICROS_FROM = 1e14;

function splitLine(line: string): string[] {
	return line
		.replace(/^\uFEFF/, '')
		.trim()
		.split(',');
}

/**
 * Detects the layout from a file's first line: a known header, or else a headerless Binance
 * row told by its column count (8 aggTrades, 7 trades). Null when it is neither.
 */
export function detectCsvLayout(firstLine: string): CsvLayout | null {
	const cells = splitLine(firstLine);
	const names = cells.join(',').toLowerCase();
	for (const format of FORMATS) {
		if (names === COLUMNS[format].join(',').toLowerCase()) return { format, header: true };
	}
	if (!isDigits(cells[0] ?? '')) return null;
	if (cells.length === COLUMNS.aggTrades.length) return { format: 'aggTrades', header: false };
	if (cells.length === COLUMNS.trades.length) return { format: 'trades', header: false };
	return null;
}

export function isCsvError(value: Trade | CsvError): value is CsvError {
	return 'error' in value;
}

/**
 * Parses one data line of `format` into a trade. `symbol` names the trades of the two Binance
 * layouts (their rows carry none); `recorder` rows name their own. The error says which column
 * holds what; the caller adds the file and line.
 */
export function parseCsvLine(line: string, format: CsvFormat, symbol: string): Trade | CsvError {
	const cells = splitLine(line);
	const names = COLUMNS[format];
	if (cells.length !== names.length) {
		return {
			error: `expected ${names.length} columns (${format} layout), got ${cells.length}`
		};
	}
	const row = new RowReader(cells, names);
	const trade = READERS[format](row, symbol);
	return row.error === null ? trade : { error: row.error };
}

type RowParser = (row: RowReader, symbol: string) => Trade;

const READERS: Readonly<Record<CsvFormat, RowParser>> = {
	aggTrades(row, symbol) {
		const id = row.id(0);
		const price = row.positive(1);
		const qty = row.positive(2);
		const first = row.id(3);
		const last = row.id(4);
		if (last < first) row.fail(`last_trade_id ${last} is below first_trade_id ${first}`);
		return makeTrade(symbol, id, price, qty, row.time(5), row.flag(6), first, last);
	},
	trades(row, symbol) {
		const id = row.id(0);
		const price = row.positive(1);
		const qty = row.positive(2);
		row.decimal(3);
		return makeTrade(symbol, id, price, qty, row.time(4), row.flag(5));
	},
	recorder(row) {
		if (row.cell(2) !== 'trade')
			row.fail(`EventType ${JSON.stringify(row.cell(2))} is not "trade"`);
		const time = row.time(4);
		const symbol = row.symbol(5);
		const id = row.id(6);
		return makeTrade(symbol, id, row.positive(7), row.positive(8), time, row.flag(9));
	}
};

const TRUE_FLAGS = new Set(['True', 'true', '1']);
const FALSE_FLAGS = new Set(['False', 'false', '0']);

/** Reads typed cells, keeping the first problem found; later reads after a failure are harmless. */
class RowReader {
	error: string | null = null;
	readonly #cells: readonly string[];
	readonly #names: readonly string[];

	constructor(cells: readonly string[], names: readonly string[]) {
		this.#cells = cells;
		this.#names = names;
	}

	cell(index: number): string {
		return this.#cells[index] ?? '';
	}

	fail(message: string): void {
		this.error ??= message;
	}

	#complain(index: number, problem: string): void {
		this.fail(
			`${this.#names[index] ?? `column ${index + 1}`} ${JSON.stringify(this.cell(index))} ${problem}`
		);
	}

	id(index: number): number {
		const text = this.cell(index);
		const value = Number(text);
		if (!isDigits(text)) this.#complain(index, 'is not a whole number');
		else if (!Number.isSafeInteger(value)) this.#complain(index, 'is too large');
		return value;
	}

	/** A decimal column the trade does not use (quote_qty): any plain decimal will do. */
	decimal(index: number): string {
		const text = this.cell(index);
		if (decimalKind(text) === 'invalid') this.#complain(index, 'is not a decimal');
		return text;
	}

	positive(index: number): string {
		const text = this.cell(index);
		const kind = decimalKind(text);
		if (kind === 'invalid') this.#complain(index, 'is not a decimal');
		else if (kind === 'zero') this.#complain(index, 'is zero');
		else if (kind === 'too-precise') {
			this.#complain(index, `has more than ${MAX_DECIMALS} decimals`);
		}
		return text;
	}

	time(index: number): EpochMs {
		const text = this.cell(index);
		const value = Number(text);
		if (!isDigits(text) || value <= 0 || !Number.isSafeInteger(value)) {
			this.#complain(index, 'is not a time in ms or µs since the epoch');
		}
		return (value >= MICROS_FROM ? Math.floor(value / 1000) : value) as EpochMs;
	}

	flag(index: number): boolean {
		const text = this.cell(index);
		if (!TRUE_FLAGS.has(text) && !FALSE_FLAGS.has(text)) {
			this.#complain(index, 'is not True, False, 1 or 0');
		}
		return TRUE_FLAGS.has(text);
	}

	symbol(index: number): string {
		const text = this.cell(index);
		if (!/^[A-Za-z0-9]{2,30}$/.test(text)) this.#complain(index, 'is not a symbol');
		return text.toUpperCase();
	}
}
