import { parseFrame } from '../../src/lib/binance/wire';
import { SymbolAggregator } from '../../src/lib/core/aggregator';
import { loadTradeFrames } from './frames';
import { measureRates } from './measure';
import {
	ALERTS_PER_SYMBOL,
	BENCH_INDICATORS,
	benchExtras,
	firingsTaken,
	type TradeHook
} from './core-extras';

/**
 * The worker's hot path without the worker: parse + validate + aggregate (parseFrame, then
 * SymbolAggregator.add with a fresh aggregator per symbol and pass) over real recorded trade
 * frames, against bare JSON.parse of the same strings. Also parseFrame alone, to tell where the
 * time goes. Prints figures; asserts nothing.
 */
export function runCoreBench(
	_args: readonly string[] = [],
	print: (figures: Record<string, number | string>) => void = () => {}
): Record<string, number | string> {
	// Per file: the 2021 and 2024 BTCUSDT ids must not meet in one aggregator.
	const files = loadTradeFrames();
	const frames = files.flat();
	// A sink the optimiser cannot see through, so no workload is dead code.
	let sink = 0;

	const jsonParse = (): number => {
		for (const frame of frames) if (typeof JSON.parse(frame) === 'object') sink++;
		return frames.length;
	};
	const parseOnly = (): number => {
		for (const frame of frames) if (parseFrame(frame).kind === 'trade') sink++;
		return frames.length;
	};
	const core = (): number => {
		let added = 0;
		for (const file of files) added += aggregateFile(file);
		if (added !== frames.length) throw new Error(`only ${added} of ${frames.length} trades added`);
		return added;
	};

	// Issue 18: the same trades through 20 alerts per symbol and 5 indicators on 1 s and 1 m charts,
	// in the same loop as `core` (a copy of the loop measured 0.81 of it with no extras in it: how
	// V8 compiled the copy, not work), the extras called per added trade as the worker's ingest does.
	const extras = (): number => {
		let added = 0;
		for (const file of files) added += aggregateFile(file, benchExtras());
		if (added !== frames.length) throw new Error(`only ${added} of ${frames.length} trades added`);
		return added;
	};

	const rates = measureRates(
		{ json: jsonParse, parse: parseOnly, core, extras },
		{ warmupRounds: 3, rounds: 9, passesPerRound: 8 }
	);
	if (sink === 0) throw new Error('no frame parsed');
	// How often the alerts fire in one pass: each firing builds its message.
	const firedBefore = firingsTaken();
	const passTrades = extras();
	print({
		indicators: BENCH_INDICATORS.length,
		alerts: ALERTS_PER_SYMBOL,
		core_trades_per_s: Math.round(rates.extras.median),
		ratio_vs_plain: round3(rates.extras.median / rates.core.median),
		plain_core_trades_per_s: Math.round(rates.core.median),
		alert_firings_per_pass: firingsTaken() - firedBefore,
		trades_per_pass: passTrades,
		rate: 'median of 9 rounds of 8 passes, per CPU second, same run as the plain core line'
	});
	return {
		core_trades_per_s: Math.round(rates.core.median),
		json_parse_per_s: Math.round(rates.json.median),
		ratio: round3(rates.core.median / rates.json.median),
		frames: frames.length,
		parse_frame_per_s: Math.round(rates.parse.median),
		best_ratio: round3(rates.core.best / rates.json.best),
		rate: 'median of 9 rounds of 8 passes, per CPU second',
		node: process.version
	};
}

function round3(value: number): number {
	return Math.round(value * 1000) / 1000;
}

/**
 * Parses and aggregates one file's frames with fresh aggregators, calling `hook` per added trade
 * and at the end; returns the trades added.
 */
function aggregateFile(frames: readonly string[], hook?: TradeHook): number {
	const aggregators = new Map<string, SymbolAggregator>();
	let added = 0;
	for (const frame of frames) {
		const event = parseFrame(frame);
		if (event.kind !== 'trade') continue;
		const { trade } = event;
		let aggregator = aggregators.get(trade.symbol);
		if (aggregator === undefined) {
			aggregator = new SymbolAggregator(trade.symbol);
			aggregators.set(trade.symbol, aggregator);
		}
		if (aggregator.add(trade) === 'added') {
			added++;
			hook?.added(trade, aggregator);
		}
	}
	hook?.end();
	return added;
}
