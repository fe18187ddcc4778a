import { Candle } from './candle';
import type { AnchoredInterval } from './interval';

const DAY = 86_400_000;

/**
 * One bucket of a 3d, 1w or 1M series as the exchange's klines gave it: the open time of the
 * bucket still open when asked, and the next one's (that row's close time + 1). Binance documents
 * no alignment for these intervals (../shared/FACTS.md), so every boundary starts from these two.
 */
export interface Anchor {
	readonly interval: AnchoredInterval;
	/** Open time of the exchange's open bucket, ms. */
	readonly open: number;
	/** Open time of the bucket after it, ms. */
	readonly next: number;
}

/**
 * The open time of the bucket after the one opening at `open`, continuing the anchor's series:
 * 3d and 1w keep the anchor's length; 1M keeps the anchor's day of the month and time of day
 * (UTC) and moves one calendar month on.
 */
export function openAfter(anchor: Anchor, open: number): number {
	if (anchor.interval !== '1M') return open + (anchor.next - anchor.open);
	const date = new Date(open);
	date.setUTCMonth(date.getUTCMonth() + 1);
	return date.getTime();
}

/** The bucket opens of the anchor's series from its open bucket through the one holding `until`. */
export function opensThrough(anchor: Anchor, until: number): number[] {
	const opens = [anchor.open];
	let next = anchor.next;
	while (next <= until) {
		opens.push(next);
		next = openAfter(anchor, next);
	}
	return opens;
}

/**
 * The anchored candles from the anchor's open bucket on, exact, built from ascending 1 day
 * candles (the exchange's closed days, then the aggregator's): a bucket is the merge of its days
 * with trades, opened by its first trade; a bucket whose days had none is flat at the last close.
 * Throws RangeError when a boundary is not a UTC day boundary: days cannot be split.
 */
export function buildAnchored(anchor: Anchor, days: readonly Candle[]): Candle[] {
	const last = days.at(-1);
	if (last === undefined) return [];
	const opens = opensThrough(anchor, last.time);
	for (const open of opens) {
		if (open % DAY !== 0) {
			throw new RangeError(`${anchor.interval} bucket at ${open} does not start a UTC day`);
		}
	}
	const out: Candle[] = [];
	let b = 0;
	for (const day of days) {
		if (day.time < anchor.open) continue;
		while (b + 1 < opens.length && (opens[b + 1] ?? Infinity) <= day.time) b++;
		const open = opens[b] ?? anchor.open;
		addDay(out, open, day);
	}
	return out;
}

function addDay(out: Candle[], open: number, day: Candle): void {
	const current = out.at(-1);
	if (current === undefined || current.time !== open) {
		out.push(day.count > 0 ? day.copyAt(open) : Candle.flat(open, day.close, day.rev));
		return;
	}
	if (day.count === 0) {
		current.rev = Math.max(current.rev, day.rev);
		return;
	}
	if (current.count === 0) out[out.length - 1] = day.copyAt(open);
	else current.mergeFrom(day);
}
