import { parseArgs } from 'node:util';
import { FIXED_INTERVALS, isFixedInterval, type FixedInterval } from '../../src/lib/core/interval';

export interface CandlesOptions {
	/** Input files in order, read as one continuous stream of trades. */
	readonly inputs: readonly string[];
	readonly interval: FixedInterval;
	/** Upper-case symbol, or null to take the input's only symbol. */
	readonly symbol: string | null;
}

/** Bad command line: the CLI prints the message and the usage, and exits 2. */
export class UsageError extends Error {
	override readonly name = 'UsageError';
}

export const CANDLES_USAGE = [
	'usage: npm run candles -- --input FILE [--input FILE ...] --interval INTERVAL [--symbol SYMBOL]',
	'  FILE      Binance public-data CSV (aggTrades or trades), a recorder CSV, or a recording of',
	'            combined-stream frames; gzip when the name ends in .gz. Several files are read in',
	'            order as one continuous stream.',
	`  INTERVAL  one of ${FIXED_INTERVALS.join(' ')}`,
	'  SYMBOL    which symbol to take from a recording (needed when it holds several); for a',
	'            Binance CSV, the symbol to print (default: from the file name, else UNKNOWN).',
	'Prints Binance kline CSV rows (12 columns, no header), oldest first, on stdout.'
].join('\n');

export function parseCandlesArgs(argv: readonly string[]): CandlesOptions {
	const { values, positionals } = readArgs(argv);
	if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
	const inputs = values.input ?? [];
	if (inputs.length === 0) throw new UsageError('no --input given');
	const interval = values.interval;
	if (interval === undefined) throw new UsageError('no --interval given');
	if (!isFixedInterval(interval)) {
		throw new UsageError(`unknown interval "${interval}": use one of ${FIXED_INTERVALS.join(' ')}`);
	}
	const symbol = values.symbol;
	if (symbol !== undefined && !/^[A-Za-z0-9]{2,30}$/.test(symbol)) {
		throw new UsageError(`"${symbol}" is not a symbol (letters and digits, like BTCUSDT)`);
	}
	return { inputs, interval, symbol: symbol?.toUpperCase() ?? null };
}

function readArgs(argv: readonly string[]) {
	try {
		return parseArgs({
			args: [...argv],
			strict: true,
			allowPositionals: true,
			options: {
				input: { type: 'string', multiple: true },
				interval: { type: 'string' },
				symbol: { type: 'string' }
			}
		});
	} catch (error) {
		throw new UsageError(error instanceof Error ? error.message : String(error));
	}
}
