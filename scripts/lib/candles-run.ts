import { access } from 'node:fs/promises';
import { SymbolAggregator, type AddResult } from '../../src/lib/core/aggregator';
import { symbolFromFileName } from '../../src/lib/core/dump-file-name';
import type { KlineRow } from '../../src/lib/core/kline';
import type { Trade } from '../../src/lib/core/trade';
import type { CandlesOptions } from './candles-args';
import { UsageError } from './candles-args';
import { forEachTrade, InputError, type InputTally } from './trade-input';

export interface CandlesResult {
	readonly symbol: string;
	/** Exact klines of the chosen interval, oldest first. */
	readonly rows: readonly KlineRow[];
	/** Trades aggregated (aggTrades count once each). */
	readonly trades: number;
	/** Trades passed over because their id was already seen (overlapping inputs). */
	readonly duplicates: number;
	/** Recording frames passed over: unknown streams, error replies. */
	readonly skippedFrames: number;
}

/** Keep every candle: the aggregator takes a count, so "unlimited" is the largest safe one. */
const ALL_BARS = Number.MAX_SAFE_INTEGER;

/** The aggregator throws RangeError for values it cannot hold exactly: that is garbled input too. */
function addTrade(
	aggregator: SymbolAggregator,
	trade: Trade,
	file: string,
	line: number
): AddResult {
	try {
		return aggregator.add(trade);
	} catch (error) {
		if (error instanceof RangeError) throw new InputError(file, line, error.message);
		throw error;
	}
}

/** Symbol of a Binance CSV, whose rows carry none: the option, else the file name, else UNKNOWN. */
function csvSymbol(path: string, options: CandlesOptions): string {
	return options.symbol ?? symbolFromFileName(path) ?? 'UNKNOWN';
}

/**
 * Feeds the trades of one symbol into a single aggregator: the chosen one, or the first seen
 * when none was chosen, in which case a second symbol is a usage error.
 */
class SymbolSink {
	aggregator: SymbolAggregator | null = null;
	trades = 0;
	duplicates = 0;

	constructor(private readonly wanted: string | null) {}

	add(trade: Trade, file: string, line: number): void {
		const aggregator = this.aggregatorFor(trade.symbol);
		if (aggregator === null) return;
		const result = addTrade(aggregator, trade, file, line);
		if (result === 'added') this.trades++;
		else if (result === 'duplicate') this.duplicates++;
		else {
			throw new InputError(
				file,
				line,
				`trade ${trade.id} at ${trade.time} ms is older than the trades before it`
			);
		}
	}

	private aggregatorFor(symbol: string): SymbolAggregator | null {
		if (this.aggregator === null && (this.wanted === null || this.wanted === symbol)) {
			this.aggregator = new SymbolAggregator(symbol, { maxBars: ALL_BARS });
		}
		if (this.aggregator === null || this.aggregator.symbol === symbol) return this.aggregator;
		if (this.wanted !== null) return null;
		throw new UsageError(
			`the input holds several symbols (${this.aggregator.symbol}, ${symbol}): choose one with --symbol`
		);
	}
}

/** Reads every input in order as one stream of trades and returns the klines of the interval. */
export async function buildCandles(options: CandlesOptions): Promise<CandlesResult> {
	await Promise.all(options.inputs.map(assertReadable));
	const sink = new SymbolSink(options.symbol);
	const tally: InputTally = { skippedFrames: 0 };
	for (const path of options.inputs) {
		await forEachTrade(path, csvSymbol(path, options), tally, (trade, line) =>
			sink.add(trade, path, line)
		);
	}
	const aggregator = sink.aggregator;
	if (aggregator === null) {
		const which = options.symbol === null ? '' : ` of ${options.symbol}`;
		throw new InputError(options.inputs.join(', '), null, `no trades${which} found`);
	}
	return {
		symbol: aggregator.symbol,
		rows: aggregator.klines(options.interval),
		trades: sink.trades,
		duplicates: sink.duplicates,
		skippedFrames: tally.skippedFrames
	};
}

async function assertReadable(path: string): Promise<void> {
	try {
		await access(path);
	} catch {
		throw new UsageError(`cannot read input "${path}": no such file or no permission`);
	}
}
