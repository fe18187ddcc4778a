import {
	detectCsvLayout,
	isCsvError,
	parseCsvLine,
	type CsvFormat
} from '../../binance/public-data';
import { encodeChunk, type TickChunk } from '../../core/tick-codec';
import type { Trade } from '../../core/trade';
import { CHUNK_TICKS } from '../../storage/tick-writer';

/** A file the user chose cannot be imported; the message says what is wrong and where. */
export class ImportError extends Error {
	override readonly name = 'ImportError';
}

/** One CSV file's ticks, encoded, in id order. */
export interface ParsedTicks {
	/** Upper-case symbol. */
	readonly symbol: string;
	readonly chunks: readonly TickChunk[];
	readonly ticks: number;
	readonly firstId: number;
	readonly lastId: number;
	/** Trade time of the first and the last tick, ms. */
	readonly fromMs: number;
	readonly toMs: number;
}

const EXAMPLE_NAME = 'BTCUSDT-aggTrades-2024-08-08';

/** The message for a file whose symbol cannot be told. */
export function unknownSymbolMessage(fileName: string): string {
	const extension = /\.zip$/i.test(fileName) ? 'zip' : 'csv';
	return `cannot tell the symbol from the file name "${fileName}": name it like ${EXAMPLE_NAME}.${extension}`;
}

function excerpt(line: string): string {
	return JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}…` : line);
}

/**
 * Parses one CSV file line by line: detects its layout from the first non-empty line (header
 * optional), checks every row, requires ids to increase and times never to go back, and encodes
 * the ticks in chunks as it goes so only compact bytes are held. Throws an `ImportError` naming
 * `where` (the file) and the line at the first problem.
 */
export class CsvTickParser {
	readonly #chunks: TickChunk[] = [];
	#pending: Trade[] = [];
	#format: CsvFormat | null = null;
	#symbol: string | null;
	#ticks = 0;
	#first: Trade | null = null;
	#last: Trade | null = null;
	readonly #where: string;
	readonly #unknownSymbol: string;
	readonly #chunkTicks: number;

	/**
	 * `symbol`: upper-case, from the caller or the file name; null when unknown (only a layout
	 * that names its symbol in every row can then be read). `unknownSymbol` is the message for
	 * a layout that needs one.
	 */
	constructor(
		where: string,
		symbol: string | null,
		unknownSymbol: string,
		chunkTicks = CHUNK_TICKS
	) {
		this.#where = where;
		this.#unknownSymbol = unknownSymbol;
		this.#chunkTicks = chunkTicks;
		this.#symbol = symbol;
	}

	get ticks(): number {
		return this.#ticks;
	}

	/** One line of the file, without its line break; `number` counts from 1. */
	line(text: string, number: number): void {
		if (text.trim() === '') return;
		const format = this.#format ?? this.#detect(text, number);
		if (format === null) return;
		const parsed = parseCsvLine(text, format, this.#symbol ?? '');
		if (isCsvError(parsed)) return this.#fail(number, parsed.error);
		this.#accept(parsed, number);
	}

	/** The file's ticks; throws when it held none. */
	finish(): ParsedTicks {
		this.#encode();
		const first = this.#first;
		const last = this.#last;
		if (first === null || last === null) {
			const what = this.#format === null ? 'is empty' : 'has a header but no trades';
			throw new ImportError(`${this.#where} ${what}`);
		}
		return {
			symbol: first.symbol,
			chunks: this.#chunks,
			ticks: this.#ticks,
			firstId: first.id,
			lastId: last.id,
			fromMs: first.time,
			toMs: last.time
		};
	}

	/** The layout from the first line; null when that line was a header (skip it). */
	#detect(text: string, number: number): CsvFormat | null {
		const layout = detectCsvLayout(text);
		if (layout === null) {
			return this.#fail(
				number,
				`not a Binance aggTrades or trades CSV: expected a header or rows of 8 (aggTrades) or 7 (trades) comma-separated columns, got ${excerpt(text)}`
			);
		}
		const { format, header } = layout;
		if (format !== 'recorder' && this.#symbol === null) throw new ImportError(this.#unknownSymbol);
		this.#format = format;
		return header ? null : format;
	}

	#accept(trade: Trade, number: number): void {
		const last = this.#last;
		if (this.#symbol === null) this.#symbol = trade.symbol;
		else if (trade.symbol !== this.#symbol) {
			this.#fail(
				number,
				`trade of ${trade.symbol} in a file of ${this.#symbol}: import one symbol per file`
			);
		}
		if (last !== null && trade.id <= last.id) {
			this.#fail(
				number,
				`id ${trade.id} does not follow the previous row's id ${last.id}: rows must be in ascending id order`
			);
		}
		if (last !== null && trade.time < last.time) {
			this.#fail(
				number,
				`time ${trade.time} is before the previous row's time ${last.time}: rows must be in time order`
			);
		}
		this.#first ??= trade;
		this.#last = trade;
		this.#ticks += 1;
		this.#pending.push(trade);
		if (this.#pending.length >= this.#chunkTicks) this.#encode();
	}

	#encode(): void {
		if (this.#pending.length === 0) return;
		this.#chunks.push(encodeChunk(this.#pending));
		this.#pending = [];
	}

	#fail(number: number, problem: string): never {
		throw new ImportError(`${this.#where}:${number}: ${problem}`);
	}
}
