/** One read of a restore: the cached ticks with `fromMs <= time <= toMs` (ms, exchange time). */
export interface RestoreBlock {
	readonly fromMs: number;
	readonly toMs: number;
}

const SECOND_MS = 1000;
const MINUTE_MS = 60_000;

/**
 * How much the first read holds: the newest 30 s, a screen of 1 s candles. A reload draws them
 * before anything older is read; a longer first read kept the first paint waiting (reading and
 * aggregating runs on a cold worker, in parallel with the page's own first mount).
 */
export const FIRST_PART_MS = 30_000;

/**
 * The reads that restore the window `[fromMs, newestMs]` (newestMs: the newest cached tick),
 * newest first: the newest `FIRST_PART_MS` (cut at a whole second, so every 1 s candle of it is
 * whole), then the rest of the minute it begins in and the whole minute before (cut at a whole
 * minute, so each later part holds every candle up to 1 minute long that it starts completely),
 * then older parts, each twice as long as the one read before it, down to `fromMs`. Together the
 * parts cover `[fromMs, Infinity]` once, with no gap (the newest part has no upper bound: a tab
 * that only reads the cache takes what the writing tab adds).
 */
export function restorePlan(fromMs: number, newestMs: number): RestoreBlock[] {
	const blocks: RestoreBlock[] = [];
	let toMs = Infinity;
	const first = newestPart(newestMs).fromMs;
	if (first > fromMs) {
		blocks.push({ fromMs: first, toMs });
		toMs = first - 1;
	}
	let cut = Math.floor(first / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
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

/** The first read of every window longer than `FIRST_PART_MS` that ends at the tick `newestMs`. */
export function newestPart(newestMs: number): RestoreBlock {
	return { fromMs: Math.floor((newestMs - FIRST_PART_MS) / SECOND_MS) * SECOND_MS, toMs: Infinity };
}
