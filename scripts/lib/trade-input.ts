import {
	detectCsvLayout,
	isCsvError,
	parseCsvLine,
	type CsvLayout
} from '../../src/lib/binance/public-data';
import { parseRecordingLine } from '../../src/lib/binance/recording';
import { parseFrame } from '../../src/lib/binance/wire';
import type { Trade } from '../../src/lib/core/trade';
import { readLines } from './line-source';

/** Garbled or useless input: names the file and the 1-based line. The CLI exits 1 with this message. */
export class InputError extends Error {
	override readonly name = 'InputError';

	constructor(
		readonly file: string,
		readonly line: number | null,
		problem: string
	) {
		super(line === null ? `${file}: ${problem}` : `${file}:${line}: ${problem}`);
	}
}

export interface InputTally {
	/** Recording frames passed over: unknown streams, error replies. */
	skippedFrames: number;
}

/** Turns one line into a trade, null for lines without one; throws a problem description. */
type LineDecoder = (line: string) => Trade | null;

class LineProblem extends Error {}

/**
 * Calls `onTrade` for every trade in `path`, in file order. The first non-blank line decides the
 * layout: a CSV header or row (required when the name says `.csv`), otherwise a recording of
 * combined-stream frames. `csvSymbol` names the trades of Binance CSVs, whose rows have none.
 */
export async function forEachTrade(
	path: string,
	csvSymbol: string,
	tally: InputTally,
	onTrade: (trade: Trade, line: number) => void
): Promise<void> {
	let decode: LineDecoder | null = null;
	let lineNumber = 0;
	try {
		for await (const line of readLines(path)) {
			lineNumber++;
			if (decode === null) {
				if (line.trim() === '') continue;
				const chosen = chooseDecoder(path, line, csvSymbol, tally);
				decode = chosen.decode;
				if (chosen.skipFirst) continue;
			}
			const trade = decode(line);
			if (trade !== null) onTrade(trade, lineNumber);
		}
	} catch (error) {
		if (error instanceof LineProblem) throw new InputError(path, lineNumber, error.message);
		if (isReadError(error))
			throw new InputError(path, lineNumber + 1, `cannot read: ${error.message}`);
		throw error;
	}
}

/** Errors of the file system and of gunzip carry a code (`ENOENT`, `EISDIR`, `Z_DATA_ERROR`). */
function isReadError(error: unknown): error is Error & { code: string } {
	return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

function chooseDecoder(
	path: string,
	firstLine: string,
	csvSymbol: string,
	tally: InputTally
): { decode: LineDecoder; skipFirst: boolean } {
	const layout = detectCsvLayout(firstLine);
	if (layout !== null) return { decode: csvDecoder(layout, csvSymbol), skipFirst: layout.header };
	if (/\.csv(\.gz)?$/i.test(path)) {
		throw new LineProblem(
			'not a known CSV layout: expected an aggTrades, trades or recorder header, or a row of 8 (aggTrades) or 7 (trades) columns'
		);
	}
	return { decode: (line) => recordingTrade(line, tally), skipFirst: false };
}

function csvDecoder(layout: CsvLayout, symbol: string): LineDecoder {
	return (line) => {
		if (line.trim() === '') return null;
		const parsed = parseCsvLine(line, layout.format, symbol);
		if (isCsvError(parsed)) throw new LineProblem(parsed.error);
		return parsed;
	};
}

function recordingTrade(line: string, tally: InputTally): Trade | null {
	const recorded = parseRecordingLine(line);
	if (recorded.kind === 'error') throw new LineProblem(recorded.message);
	if (recorded.kind !== 'frame') return null;
	const event = parseFrame(recorded.json);
	if (event.kind === 'trade') return event.trade;
	if (event.kind !== 'rejected') return null;
	if (event.reason === 'malformed-json' || event.reason === 'bad-value') {
		throw new LineProblem(`${event.reason}: ${event.detail}`);
	}
	tally.skippedFrames++;
	return null;
}
