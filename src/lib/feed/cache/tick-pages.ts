import type { BarColumns } from '../../core/bar-columns';
import { concatBars } from '../../core/kline-history';
import { emptyColumns } from '../../core/bar-columns';
import { TICKS_KEPT } from '../../core/tick-tail';
import type { TickColumns } from '../../core/tick-codec-columns';
import type { TickCache } from './tick-cache';

/** Ticks a tick chart may hold from the cache, beyond the aggregator's tail: resets stay small. */
export const MAX_OLDER_TICKS = 100_000;

/** What tick pages need of the cache (TickCache fits). */
export type TickScan = Pick<TickCache, 'scan'>;

/**
 * Trades older than a symbol's tick tail, read back from the tick cache when the tick chart is
 * panned to its oldest point: each page adds up to `TICKS_KEPT` more, always ending right
 * before the tail's oldest trade so the chart's ticks have no hole.
 */
export class TickPages {
	readonly #cache: TickScan;
	readonly #keyOf: (symbol: string) => string | undefined;
	readonly #bySymbol = new Map<string, BarColumns>();

	constructor(cache: TickScan, keyOf: (symbol: string) => string | undefined) {
		this.#cache = cache;
		this.#keyOf = keyOf;
	}

	/** The loaded older ticks of `symbol` before `tailOldest` (ms), oldest first. */
	columns(symbol: string, tailOldest: number | null): BarColumns {
		const held = this.#bySymbol.get(symbol);
		if (held === undefined || tailOldest === null) return emptyColumns(0);
		let end = held.time.length;
		while (end > 0 && (held.time[end - 1] ?? 0) >= tailOldest) end--;
		return slice(held, 0, end);
	}

	/**
	 * One page more of `symbol`'s cached ticks before `tailOldest`. Resolves true when the chart
	 * gets older ticks than it had; false when the cache has none (or this run caches nothing).
	 */
	async older(symbol: string, tailOldest: number | null): Promise<boolean> {
		const key = this.#keyOf(symbol);
		if (key === undefined || tailOldest === null) return false;
		const had = this.columns(symbol, tailOldest).time.length;
		const want = Math.min(MAX_OLDER_TICKS, had + TICKS_KEPT);
		const pages: BarColumns[] = [];
		await this.#cache.scan(key, 0, tailOldest - 1, (columns) => {
			pages.push(toBars(columns, tailOldest));
		});
		const all = pages.reduce(concatBars, emptyColumns(0));
		const kept = slice(all, Math.max(0, all.time.length - want), all.time.length);
		this.#bySymbol.set(symbol, kept);
		return kept.time.length > had;
	}
}

/** Decoded cache ticks before `before` (ms) as tick bars, as `TickTail.since` makes them. */
function toBars(columns: TickColumns, before: number): BarColumns {
	let n = 0;
	while (n < columns.length && (columns.time[n] ?? Infinity) < before) n++;
	const out = emptyColumns(n);
	const priceScale = 10 ** columns.priceScale;
	const qtyScale = 10 ** columns.qtyScale;
	for (let i = 0; i < n; i++) {
		const price = (columns.price[i] ?? 0) / priceScale;
		const qty = (columns.qty[i] ?? 0) / qtyScale;
		out.time[i] = columns.time[i] ?? 0;
		out.open[i] = price;
		out.high[i] = price;
		out.low[i] = price;
		out.close[i] = price;
		out.volume[i] = qty;
		out.buyVolume[i] = columns.buyerMaker[i] === 1 ? 0 : qty;
		out.count[i] = columns.count[i] ?? 1;
	}
	return out;
}

function slice(bars: BarColumns, from: number, to: number): BarColumns {
	return {
		time: bars.time.slice(from, to),
		open: bars.open.slice(from, to),
		high: bars.high.slice(from, to),
		low: bars.low.slice(from, to),
		close: bars.close.slice(from, to),
		volume: bars.volume.slice(from, to),
		buyVolume: bars.buyVolume.slice(from, to),
		count: bars.count.slice(from, to)
	};
}
