import { Candle } from './candle';

/** Revisions the joined candles take: the older part's, and a bucket shared with a still-open one. */
export interface JoinRevisions {
	readonly older: number;
	readonly shared: number;
}

/**
 * The candles of one interval that go in front of a later part's series when the part of the
 * same trades just before it is joined on: `older` as an aggregator holds them (ascending,
 * contiguous, the last one with trades), `firstBucket` the open time of the later part's first
 * bucket and `newerFirst` its candle there, if the later part holds it as a closed one yet.
 *
 * Where both parts hold a piece of one bucket the pieces are merged, the older one first (its
 * open, the later close), into `newerFirst`, or, when the later part holds that bucket only as its
 * open candle (merged in on reads), as a copy of the older piece at `revs.shared`. Buckets between
 * the parts without a trade become flat at the older part's last close, as one aggregator over
 * both would have made them (only the newest `limit`). So nothing is missing or doubled at the join.
 */
export function joinOlder(
	older: readonly Candle[],
	newerFirst: Candle | undefined,
	firstBucket: number,
	size: number,
	limit: number,
	revs: JoinRevisions
): Candle[] {
	const last = older.at(-1);
	if (last === undefined) return [];
	const before = older.filter((candle) => candle.time < firstBucket);
	for (const candle of before) candle.rev = revs.older;
	if (last.time >= firstBucket) {
		if (newerFirst?.time === firstBucket) {
			newerFirst.mergeEarlier(last);
		} else {
			const shared = last.copyAt(firstBucket);
			shared.rev = revs.shared;
			before.push(shared);
		}
		return before;
	}
	let next = Math.max(last.time + size, firstBucket - limit * size);
	for (; next < firstBucket; next += size) before.push(Candle.flat(next, last.close, revs.older));
	return before;
}
