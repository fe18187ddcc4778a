/**
 * The sizes of a grid's columns or rows as shares of the whole (they sum to 1), and moving the
 * split line between two of them. Pure, so pointer drags and arrow keys share one rule.
 */
export type Shares = readonly number[];

/** No track smaller than this share: a chart squeezed below it cannot show an axis and a candle. */
export const MIN_SHARE = 0.12;

/** `count` equal tracks. */
export function equalShares(count: number): Shares {
	return Array.from({ length: Math.max(1, count) }, () => 1 / Math.max(1, count));
}

/**
 * The line after track `boundary` moved by `delta` (a share of the whole; positive grows the track
 * before it). Only the two tracks beside the line change, each kept at `MIN_SHARE` or more.
 */
export function moveSplit(shares: Shares, boundary: number, delta: number): Shares {
	const before = shares[boundary];
	const after = shares[boundary + 1];
	if (before === undefined || after === undefined || !Number.isFinite(delta)) return shares;
	const pair = before + after;
	const grown = Math.min(Math.max(before + delta, MIN_SHARE), pair - MIN_SHARE);
	if (grown === before || pair < 2 * MIN_SHARE) return shares;
	return shares.map((share, i) =>
		i === boundary ? grown : i === boundary + 1 ? pair - grown : share
	);
}

/** Shares read back from storage: the right count, each a positive number; else equal ones. */
export function checkShares(value: unknown, count: number): Shares {
	if (!Array.isArray(value) || value.length !== count) return equalShares(count);
	const numbers = value.filter((v): v is number => typeof v === 'number' && v >= MIN_SHARE - 1e-9);
	const sum = numbers.reduce((a, b) => a + b, 0);
	if (numbers.length !== count || Math.abs(sum - 1) > 1e-6) return equalShares(count);
	return numbers;
}

/** Where the line after track `boundary` sits, as a percentage of the whole (for aria-valuenow). */
export function splitPercent(shares: Shares, boundary: number): number {
	const upTo = shares.slice(0, boundary + 1).reduce((a, b) => a + b, 0);
	return Math.round(upTo * 100);
}
