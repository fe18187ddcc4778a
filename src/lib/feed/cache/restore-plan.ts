/** One read of a restore: the cached ticks with `fromMs <= time <= toMs` (ms, exchange time). */
export interface RestoreBlock {
	readonly fromMs: number;
	readonly toMs: number;
}

const MINUTE_MS = 60_000;

/**
 * The reads that restore the window `[fromMs, newestMs]` (newestMs: the newest cached tick),
 * newest first: the minute the newest tick is in and the whole minute before it (the candles a
 * chart shows first), then older parts, each twice as long as the one read before it, down to
 * `fromMs`. Cuts are whole minutes, so each part holds every candle up to 1 minute long that it
 * starts completely; together the parts cover `[fromMs, Infinity]` once, with no gap (the newest
 * part has no upper bound: a tab that only reads the cache takes what the writing tab adds).
 */
export function restorePlan(fromMs: number, newestMs: number): RestoreBlock[] {
	const blocks: RestoreBlock[] = [];
	let cut = Math.floor(newestMs / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
	let toMs = Infinity;
	let span = 2 * MINUTE_MS;
	while (cut > fromMs) {
		blocks.push({ fromMs: cut, toMs });
		toMs = cut - 1;
		cut -= span;
		span *= 2;
	}
	blocks.push({ fromMs, toMs });
	return blocks;
}
