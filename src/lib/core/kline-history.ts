import type { BarColumns } from './bar-columns';
import { Candle } from './candle';
import { candlesToColumns } from './candle-columns';
import type { KlineRow } from './kline';
import { candleFromKline } from './kline-candle';

/**
 * Closed candles of one symbol at one interval as the exchange reported them (REST klines, or
 * rolled up from 1 s klines), exact, oldest first, one per open time. Pages arrive in any order
 * (the newest first, older ones as the user scrolls back) and are merged by open time.
 */
export class KlineHistory {
	/** Interval length, ms (0 for intervals of varying length: see `sizeOf`). */
	readonly size: number;
	#candles: Candle[] = [];
	readonly #sizeOf: ((open: number) => number) | null;

	/** `sizeOf` gives the length of the bucket opening at a time, for intervals of varying length. */
	constructor(size: number, sizeOf?: (open: number) => number) {
		this.size = size;
		this.#sizeOf = sizeOf ?? null;
	}

	get length(): number {
		return this.#candles.length;
	}

	/** Open time of the oldest candle held; null when empty. */
	get oldest(): number | null {
		return this.#candles[0]?.time ?? null;
	}

	/** Open time of the newest candle held; null when empty. */
	get newest(): number | null {
		return this.#candles.at(-1)?.time ?? null;
	}

	/** Takes in candles (any order, any overlap with what is held): held ones win ties, none doubles. */
	add(candles: readonly Candle[]): void {
		if (candles.length === 0) return;
		const byTime = new Map<number, Candle>();
		for (const candle of candles) byTime.set(candle.time, candle);
		for (const candle of this.#candles) byTime.set(candle.time, candle);
		this.#candles = [...byTime.values()].sort((a, b) => a.time - b.time);
	}

	/** Takes in REST kline rows of this interval. */
	addRows(rows: readonly KlineRow[]): void {
		this.add(rows.map((row) => candleFromKline(row, 0)));
	}

	/** The held candles that open before `time` (the first live bucket), oldest first. */
	before(time: number): Candle[] {
		const candles = this.#candles;
		let end = candles.length;
		while (end > 0 && (candles[end - 1]?.time ?? 0) >= time) end--;
		return candles.slice(0, end);
	}

	/** Exact rows of the candles before `time`. */
	rowsBefore(time: number): KlineRow[] {
		const sizeOf = this.#sizeOf;
		return this.before(time).map((candle) =>
			candle.toKlineRow(sizeOf === null ? this.size : sizeOf(candle.time))
		);
	}

	/** Float columns of the candles before `time`. */
	columnsBefore(time: number): BarColumns {
		return candlesToColumns(this.before(time));
	}
}

/**
 * A fresh page of the exchange's candles (ascending) joined to `stored`, when its candles reach
 * the page (adjacent or overlapping); fresh ones win ties. Stored ones a gap away are dropped:
 * older pages are asked for before the oldest held, so a gap kept would never be filled.
 */
export function joinFresh(stored: KlineHistory, fresh: readonly Candle[]): KlineHistory {
	const out = new KlineHistory(stored.size);
	out.add(fresh);
	const newest = stored.newest;
	const first = fresh[0];
	if (newest !== null && (first === undefined || newest + stored.size >= first.time)) {
		out.add(stored.before(Infinity));
	}
	return out;
}

/**
 * Candles of `size` ms rolled up from ascending 1 s candles (Binance serves no 5s or 15s klines):
 * each bucket is the exact merge of its seconds with trades; a bucket whose seconds had none is
 * flat at the last close before it, and so is a bucket no row covers between two that are held.
 */
export function rollUp(seconds: readonly Candle[], size: number): Candle[] {
	const out: Candle[] = [];
	let last: Candle | null = null;
	for (const second of seconds) {
		const bucket = second.time - (second.time % size);
		if (last !== null && bucket > last.time) {
			for (let time = last.time + size; time < bucket; time += size) {
				out.push(Candle.flat(time, last.close, 0));
			}
		}
		const current: Candle | undefined = out.at(-1);
		if (current === undefined || current.time !== bucket) {
			const opened =
				second.count > 0 ? second.copyAt(bucket) : Candle.flat(bucket, second.close, 0);
			out.push(opened);
			last = opened;
			continue;
		}
		if (second.count === 0) continue;
		if (current.count === 0) {
			const replaced = second.copyAt(bucket);
			out[out.length - 1] = replaced;
			last = replaced;
		} else {
			current.mergeFrom(second);
		}
	}
	return out;
}

/** `a` then `b`, as one set of columns (both ascending, every time in `a` before `b`'s first). */
export function concatBars(a: BarColumns, b: BarColumns): BarColumns {
	if (a.time.length === 0) return b;
	if (b.time.length === 0) return a;
	const join = (x: Float64Array, y: Float64Array): Float64Array => {
		const out = new Float64Array(x.length + y.length);
		out.set(x);
		out.set(y, x.length);
		return out;
	};
	return {
		time: join(a.time, b.time),
		open: join(a.open, b.open),
		high: join(a.high, b.high),
		low: join(a.low, b.low),
		close: join(a.close, b.close),
		volume: join(a.volume, b.volume),
		buyVolume: join(a.buyVolume, b.buyVolume),
		count: join(a.count, b.count)
	};
}
