import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { klineToCsvLine } from '../../src/lib/core/kline-csv';
import type { KlineRow } from '../../src/lib/core/kline';
import { CANDLES_USAGE, parseCandlesArgs, UsageError } from './candles-args';
import { buildCandles } from './candles-run';
import { InputError } from './trade-input';

/** Exit codes: 0 done, 1 garbled or empty input, 2 bad command line. */
export type ExitCode = 0 | 1 | 2;

export interface CliStreams {
	readonly stdout: Writable;
	readonly stderr: Writable;
}

const ROWS_PER_WRITE = 4096;

/** Writes kline CSV lines in chunks, waiting whenever the stream asks for a pause. */
async function writeRows(out: Writable, rows: readonly KlineRow[]): Promise<void> {
	for (let i = 0; i < rows.length; i += ROWS_PER_WRITE) {
		const lines = rows.slice(i, i + ROWS_PER_WRITE).map(klineToCsvLine);
		if (!out.write(`${lines.join('\n')}\n`)) await once(out, 'drain');
	}
}

/** The whole `candles` command: arguments in, klines on stdout, problems on stderr. */
export async function runCandlesCli(argv: readonly string[], io: CliStreams): Promise<ExitCode> {
	try {
		const options = parseCandlesArgs(argv);
		const result = await buildCandles(options);
		await writeRows(io.stdout, result.rows);
		const notes = [`${result.trades} trades`, `${result.rows.length} ${options.interval} candles`];
		if (result.duplicates > 0) notes.push(`${result.duplicates} duplicate trades skipped`);
		if (result.skippedFrames > 0) notes.push(`${result.skippedFrames} unknown frames skipped`);
		io.stderr.write(`candles: ${result.symbol}: ${notes.join(', ')}\n`);
		return 0;
	} catch (error) {
		if (error instanceof UsageError) {
			io.stderr.write(`candles: ${error.message}\n${CANDLES_USAGE}\n`);
			return 2;
		}
		// Anything but an input problem is a bug here: keep its stack.
		const message = error instanceof InputError ? error.message : describeBug(error);
		io.stderr.write(`candles: ${message}\n`);
		return 1;
	}
}

function describeBug(error: unknown): string {
	return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
