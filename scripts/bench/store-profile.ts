/**
 * Where a restore's worker time goes, part by part, in the store bench's worker: reading the
 * chunks out of IndexedDB (structured clone included), decoding them, aggregating the ticks and
 * building the bars a view's reset carries. Each part is timed on its own, over the same window
 * the feed restores (the retention before the newest tick), so the figures add up to about what
 * a restore costs without the overlap the real scan gets from reading ahead.
 */
import { SymbolAggregator } from '../../src/lib/core/aggregator';
import { clipColumns, decodeChunk, type TickChunk } from '../../src/lib/core/tick-codec';
import { openTickDb } from '../../src/lib/storage/tick-db';
import { keyOf } from '../../src/lib/storage/tick-writer';

export interface RestoreProfile {
	readonly readMs: number;
	readonly decodeMs: number;
	readonly aggregateMs: number;
	readonly barsMs: number;
	readonly chunks: number;
	readonly ticks: number;
}

/** Reads, decodes and aggregates `key`'s last `spanMs` of ticks in database `name`, timing each. */
export async function profileRestore(
	name: string,
	key: string,
	spanMs: number
): Promise<RestoreProfile> {
	const db = await openTickDb(indexedDB, name, { blocking: () => {}, terminated: () => {} });
	try {
		let started = performance.now();
		const tx = db.transaction(['chunks', 'heads'], 'readonly');
		const all = IDBKeyRange.bound([key, -Infinity], [key, Infinity]);
		const last = await tx.objectStore('heads').openKeyCursor(all, 'prev');
		const newest = last?.key[1] ?? 0;
		const from = newest - spanMs;
		const heads = await tx
			.objectStore('heads')
			.getAll(IDBKeyRange.bound([key, from], [key, Infinity]));
		const first = heads[0];
		const lastHead = heads.at(-1);
		const chunks: TickChunk[] =
			first === undefined || lastHead === undefined
				? []
				: await tx.objectStore('chunks').getAll(IDBKeyRange.bound(keyOf(first), keyOf(lastHead)));
		await tx.done;
		const readMs = performance.now() - started;
		started = performance.now();
		const columns = chunks.map((chunk) => clipColumns(decodeChunk(chunk), from, Infinity));
		const decodeMs = performance.now() - started;
		started = performance.now();
		const aggregator = new SymbolAggregator(key);
		let ticks = 0;
		for (const part of columns) {
			aggregator.addColumns(part);
			ticks += part.length;
		}
		const aggregateMs = performance.now() - started;
		started = performance.now();
		aggregator.bars('1s');
		const barsMs = performance.now() - started;
		return { readMs, decodeMs, aggregateMs, barsMs, chunks: chunks.length, ticks };
	} finally {
		db.close();
	}
}
