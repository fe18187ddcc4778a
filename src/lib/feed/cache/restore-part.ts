import { SymbolAggregator, type ColumnsResult } from '../../core/aggregator';
import type { RestoreBlock } from './restore-plan';
import type { TickCache } from './tick-cache';

export const noResult = (): ColumnsResult => ({
	added: 0,
	duplicate: 0,
	'out-of-order': 0,
	invalid: 0
});

export function count(into: ColumnsResult, done: ColumnsResult): void {
	into.added += done.added;
	into.duplicate += done.duplicate;
	into['out-of-order'] += done['out-of-order'];
	into.invalid += done.invalid;
}

/** One part of a symbol's window, read from the cache into an aggregator of its own. */
export interface RestoredPart {
	readonly part: SymbolAggregator;
	readonly ticks: number;
	readonly result: ColumnsResult;
}

/** Reads `block` of the ticks under `key` into a fresh aggregator of `symbol` (upper case). */
export async function readPart(
	cache: TickCache,
	symbol: string,
	key: string,
	{ fromMs, toMs }: RestoreBlock
): Promise<RestoredPart> {
	const part = new SymbolAggregator(symbol);
	const result = noResult();
	const ticks = await cache.scan(key, fromMs, toMs, (columns) => {
		count(result, part.addColumns(columns));
	});
	return { part, ticks, result };
}
