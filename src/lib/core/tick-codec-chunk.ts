import type { EpochMs } from './time';

/** Chunk formats ever written (tick-codec.ts says what each is); all stay readable. */
export type TickChunkFormat = 1 | 2;
/** The format `encodeChunk` writes. */
export const TICK_CHUNK_FORMAT = 2;
/**
 * How the underlying trade ids are stored: `single` raw trades (count 1, first = last = id),
 * `aggregate` aggTrades (count = last - first + 1), `explicit` anything else.
 */
export type TradeIdMode = 'single' | 'aggregate' | 'explicit';

/** One encoded chunk: structured-cloneable, so IndexedDB stores it as is. */
export interface TickChunk {
	readonly format: TickChunkFormat;
	readonly length: number;
	/** Id of the first and of the last tick, in chunk order. */
	readonly firstId: number;
	readonly lastId: number;
	/** Earliest and latest trade time in the chunk. */
	readonly minTime: EpochMs;
	readonly maxTime: EpochMs;
	readonly tradeIds: TradeIdMode;
	/** Decimals of the price and quantity mantissas; 0 for a column kept as text. */
	readonly priceScale: number;
	readonly qtyScale: number;
	readonly data: Uint8Array;
	/** Exact strings when the column could not be held as mantissas; null otherwise. */
	readonly priceText: readonly string[] | null;
	readonly qtyText: readonly string[] | null;
}
