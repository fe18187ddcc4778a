import { isZeroDecimal } from './decimal.ts';
import type { DepthDiff, DepthSnapshot, Level } from './market.ts';

interface BookLevel {
	/** Sort key: the price for asks, minus the price for bids, so both sides sort ascending. */
	readonly key: number;
	readonly price: string;
	qty: string;
}

/** Index of the level with `key`, or where it would be inserted (ascending keys). */
function search(levels: readonly BookLevel[], key: number): number {
	let low = 0;
	let high = levels.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if ((levels[mid] as BookLevel).key < key) low = mid + 1;
		else high = mid;
	}
	return low;
}

function update(levels: BookLevel[], key: number, price: string, qty: string): void {
	const at = search(levels, key);
	const found = levels[at];
	const exists = found !== undefined && found.key === key;
	if (isZeroDecimal(qty)) {
		if (exists) levels.splice(at, 1);
	} else if (exists) {
		found.qty = qty;
	} else {
		levels.splice(at, 0, { key, price, qty });
	}
}

function levelsJson(levels: readonly BookLevel[], n: number): string {
	const parts: string[] = [];
	for (let i = 0; i < n && i < levels.length; i += 1) {
		const level = levels[i] as BookLevel;
		parts.push(`["${level.price}","${level.qty}"]`);
	}
	return `[${parts.join(',')}]`;
}

/**
 * A local order book kept from a REST snapshot plus `@depth` diffs: sorted arrays with binary
 * search, best level first on both sides. Prices compare as numbers; Binance prices have at most
 * 8 decimals, so distinct prices stay distinct doubles.
 */
export class DepthBook {
	private bids: BookLevel[] = [];
	private asks: BookLevel[] = [];
	private updateId = 0;

	get lastUpdateId(): number {
		return this.updateId;
	}

	get size(): number {
		return this.bids.length + this.asks.length;
	}

	/** Back to a snapshot, or to empty when there is none (a book built from diffs alone). */
	reset(snapshot: DepthSnapshot | null, idShift = 0): void {
		this.bids = [];
		this.asks = [];
		this.updateId = snapshot ? snapshot.lastUpdateId + idShift : 0;
		for (const [price, qty] of snapshot?.bids ?? []) update(this.bids, -Number(price), price, qty);
		for (const [price, qty] of snapshot?.asks ?? []) update(this.asks, Number(price), price, qty);
	}

	/** Applies a diff; a zero quantity removes the level. `idShift` moves the update ids (loop laps). */
	apply(diff: DepthDiff, idShift = 0): void {
		for (const [price, qty] of diff.b) update(this.bids, -Number(price), price, qty);
		for (const [price, qty] of diff.a) update(this.asks, Number(price), price, qty);
		this.updateId = diff.u + idShift;
	}

	/** The best `n` levels per side. */
	top(n: number): { bids: Level[]; asks: Level[] } {
		const side = (levels: readonly BookLevel[]) =>
			levels.slice(0, n).map((level): Level => [level.price, level.qty]);
		return { bids: side(this.bids), asks: side(this.asks) };
	}

	/** `{"lastUpdateId":..,"bids":[..],"asks":[..]}` with the best `n` levels, as `@depth<n>` sends. */
	toJson(n: number): string {
		return `{"lastUpdateId":${this.updateId},"bids":${levelsJson(this.bids, n)},"asks":${levelsJson(this.asks, n)}}`;
	}
}
