import type { ColumnsResult, SymbolAggregator } from '../../core/aggregator';
import type { Trade } from '../../core/trade';
import { count, noResult, readPart } from './restore-part';
import { restorePlan } from './restore-plan';
import type { RestorePrefetch } from './restore-prefetch';
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

/**
 * Part of a symbol's window restored: `restored` holds its cached ticks from `fromMs` on (exchange
 * time); `more` is true while older parts are still to come. `restored` keeps growing at its old
 * end until the restore is done, when it is handed to the target's aggregator: read it now.
 */
export type RestoreProgress = (
	symbol: string,
	restored: SymbolAggregator,
	fromMs: number,
	more: boolean
) => void;

/**
 * Rebuilds candles from the cache: per target, the last `retentionMinutes` of ticks ending at its
 * newest cached tick (exchange time: the window the user last saw, however long ago and whatever
 * the local clock says), before any live trade reaches the target's aggregator. The window is read
 * newest part first (restorePlan): each part goes through a fresh aggregator by the numeric path
 * and is joined in front of the parts after it (SymbolAggregator.prependOlder), and `progress`
 * hears of each, so the newest candles can be drawn while the older ones are still being read.
 * At the end the target's aggregator takes the whole. Symbols are restored side by side; a symbol
 * whose read fails is logged and keeps what was restored of it before the failure. A newest part
 * read ahead (`prefetch`, from before the feed started) is used when it is the same read.
 */
export async function restoreFromCache(
	cache: TickCache,
	targets: readonly RestoreTarget[],
	log?: (message: string, error: unknown) => void,
	progress?: RestoreProgress,
	prefetch?: RestorePrefetch
): Promise<RestoredSymbol[]> {
	await cache.open();
	const spanMs = cache.retentionMinutes * MINUTE_MS;
	return Promise.all(
		targets.map(async ({ key, aggregator }) => {
			const result = noResult();
			let ticks = 0;
			let restored: SymbolAggregator | null = null;
			try {
				const newest = await cache.newest(key);
				const blocks = newest === null ? [] : restorePlan(newest - spanMs, newest);
				for (const [i, block] of blocks.entries()) {
					const ahead =
						i === 0 && newest !== null ? await prefetch?.take(key, newest, block) : null;
					const read = ahead ?? (await readPart(cache, aggregator.symbol, key, block));
					const { part } = read;
					ticks += read.ticks;
					count(result, read.result);
					const { fromMs } = block;
					if (restored === null) restored = part;
					else restored.prependOlder(part);
					if (restored.firstTrade !== null) {
						progress?.(aggregator.symbol, restored, fromMs, i < blocks.length - 1);
					}
				}
			} catch (error) {
				log?.(`Tick cache: restoring ${aggregator.symbol} failed`, error);
			}
			if (restored !== null) aggregator.prependOlder(restored);
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
