import type { ColumnsResult, SymbolAggregator } from '../../core/aggregator';
import type { Trade } from '../../core/trade';
import type { TickCache } from './tick-cache';

export interface RestoreTarget {
	/** Store key of the symbol's ticks (cache-keys.ts). */
	readonly key: string;
	readonly aggregator: SymbolAggregator;
}

export interface RestoredSymbol {
	/** Upper-case symbol, as the aggregator names it. */
	readonly symbol: string;
	/** Ticks read from the cache, and what the aggregator did with them. */
	readonly ticks: number;
	readonly result: ColumnsResult;
	/** Id of the last restored trade; null when none was. */
	readonly lastId: number | null;
}

const MINUTE_MS = 60_000;

const noResult = (): ColumnsResult => ({ added: 0, duplicate: 0, 'out-of-order': 0, invalid: 0 });

/**
 * Rebuilds candles from the cache: per target, the last `retentionMinutes` of ticks ending at its
 * newest cached tick (exchange time: the window the user last saw, however long ago and whatever
 * the local clock says) go through the target's own aggregator, chunk by chunk through the numeric
 * path, before any live trade does. Reads run side by side; a symbol whose read fails is logged
 * and left empty.
 */
export async function restoreFromCache(
	cache: TickCache,
	targets: readonly RestoreTarget[],
	log?: (message: string, error: unknown) => void
): Promise<RestoredSymbol[]> {
	await cache.open();
	const spanMs = cache.retentionMinutes * MINUTE_MS;
	return Promise.all(
		targets.map(async ({ key, aggregator }) => {
			const result = noResult();
			let ticks = 0;
			try {
				const newest = await cache.newest(key);
				if (newest !== null) {
					// No upper bound: in a reader tab, what the writer adds meanwhile is history too.
					ticks = await cache.scan(key, newest - spanMs, Infinity, (columns) => {
						const done = aggregator.addColumns(columns);
						result.added += done.added;
						result.duplicate += done.duplicate;
						result['out-of-order'] += done['out-of-order'];
						result.invalid += done.invalid;
					});
				}
			} catch (error) {
				log?.(`Tick cache: restoring ${aggregator.symbol} failed`, error);
			}
			return { symbol: aggregator.symbol, ticks, result, lastId: aggregator.lastTradeId };
		})
	);
}

/**
 * Where restored history meets live trades. Ids of one symbol are consecutive on Binance, so a first
 * live trade more than one id past the last restored one means trades are missing in between (the
 * tab was away): such joins are counted as gaps, for a later repair.
 */
export class RestoreJoin {
	readonly #waiting = new Map<string, number>();
	#gaps = 0;

	/** Joins seen with missing trades in between. */
	get gaps(): number {
		return this.#gaps;
	}

	restored(symbols: readonly RestoredSymbol[]): void {
		for (const { symbol, lastId } of symbols) {
			if (lastId !== null) this.#waiting.set(symbol, lastId);
		}
	}

	/** An added live trade; true when it is the first of its symbol and ids are not contiguous. */
	live(trade: Trade): boolean {
		const last = this.#waiting.get(trade.symbol);
		if (last === undefined) return false;
		this.#waiting.delete(trade.symbol);
		const gap = trade.id > last + 1;
		if (gap) this.#gaps++;
		return gap;
	}
}
