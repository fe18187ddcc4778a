/**
 * The market model the test server replays: per-symbol timelines loaded from recordings.
 * All times are exchange milliseconds (Binance `E`/`T`), never local receive times.
 */

/** A depth level: `[price, quantity]`, both decimal strings as Binance sends them. */
export type Level = readonly [price: string, qty: string];

/** One `@trade` event, kept with its event time `E`. */
export interface RawTrade {
	readonly t: number;
	readonly p: string;
	readonly q: string;
	readonly T: number;
	readonly E: number;
	readonly m: boolean;
	readonly M: boolean;
}

/** A row of `/api/v3/aggTrades`: an `@aggTrade` event without its event time. */
export interface AggTradeRow {
	readonly a: number;
	readonly p: string;
	readonly q: string;
	readonly f: number;
	readonly l: number;
	readonly T: number;
	readonly m: boolean;
	readonly M: boolean;
}

/** One `@aggTrade` event (recorded or derived from raw trades), with its event time `E`. */
export interface AggTrade extends AggTradeRow {
	readonly E: number;
}

/** One `@depth@100ms` diff. */
export interface DepthDiff {
	readonly E: number;
	readonly U: number;
	readonly u: number;
	readonly b: readonly Level[];
	readonly a: readonly Level[];
}

/** A REST `/api/v3/depth` body found in a recording, placed at the exchange time it was taken. */
export interface DepthSnapshot {
	readonly time: number;
	readonly lastUpdateId: number;
	readonly bids: readonly Level[];
	readonly asks: readonly Level[];
}

/**
 * Any other recorded stream event (`bookTicker`, `kline_1m`, ...), replayed as recorded.
 * `stream` is the part after `<symbol>@`; `data` the raw JSON payload.
 */
export interface RecordedFrame {
	readonly time: number;
	readonly stream: string;
	readonly data: string;
}

export interface SymbolRecording {
	/** Upper case, `BTCUSDT`. */
	readonly symbol: string;
	/** Raw trades in id order; empty when the recording has aggTrades only. */
	readonly trades: readonly RawTrade[];
	/** aggTrades in id order: recorded ones, or derived from `trades`. */
	readonly aggTrades: readonly AggTrade[];
	readonly aggTradesDerived: boolean;
	readonly depthSnapshots: readonly DepthSnapshot[];
	readonly depthDiffs: readonly DepthDiff[];
	/** Other recorded events in time order. */
	readonly frames: readonly RecordedFrame[];
}

export interface Market {
	readonly symbols: ReadonlyMap<string, SymbolRecording>;
	/** Earliest and latest event time over all symbols, ms. */
	readonly startMs: number;
	readonly endMs: number;
	readonly files: readonly string[];
}
