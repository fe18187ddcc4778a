/**
 * The trade tape's pure parts: a bounded buffer of the newest trades (the tape shows what a person
 * can read; at 20,000 trades a second the rest scrolls past unseen) and the median trade size of
 * the last minute, which sets the default "big trade" threshold.
 */

/** One trade as the tape shows it. */
export interface TapeTrade {
	/** aggTrade id `a`. */
	readonly id: number;
	/** Decimal strings, as the exchange sent them. */
	readonly price: string;
	readonly qty: string;
	/** Trade time `T`, epoch ms. */
	readonly time: number;
	/** The taker's side: `m` false is a buy. */
	readonly side: 'buy' | 'sell';
}

/** Rows the tape keeps and shows; more cannot be read at any rate that fills it. */
export const TAPE_ROWS = 50;

/** Default big-trade threshold: this many times the median size of the last minute. */
export const BIG_TRADE_MEDIANS = 10;

/**
 * The newest `capacity` trades in a ring, plus what arrived since the last `take`. Pushing is O(1)
 * and allocation-free apart from the trade object itself, so the hot path can afford it per trade.
 */
export class TapeBuffer<T> {
	readonly #ring: (T | undefined)[];
	readonly #receivedAt: Float64Array;
	#next = 0;
	#fresh = 0;

	constructor(readonly capacity: number = TAPE_ROWS) {
		if (!Number.isInteger(capacity) || capacity < 1) {
			throw new RangeError(`tape capacity must be a whole number >= 1, got ${capacity}`);
		}
		this.#ring = new Array<T | undefined>(capacity);
		this.#receivedAt = new Float64Array(capacity);
	}

	push(item: T, receivedAt: number): void {
		this.#ring[this.#next] = item;
		this.#receivedAt[this.#next] = receivedAt;
		this.#next = (this.#next + 1) % this.capacity;
		this.#fresh = Math.min(this.#fresh + 1, this.capacity);
	}

	/** Items were pushed since the last take. */
	get pending(): boolean {
		return this.#fresh > 0;
	}

	/** Items pushed since the last take that are still held, newest first, and the oldest one's receive time. */
	take(): { items: T[]; oldestReceivedAt: number | null } {
		const items: T[] = [];
		let oldestReceivedAt: number | null = null;
		for (let k = 1; k <= this.#fresh; k++) {
			const at = (this.#next - k + this.capacity) % this.capacity;
			items.push(this.#ring[at] as T);
			oldestReceivedAt = this.#receivedAt[at] ?? null;
		}
		this.#fresh = 0;
		return { items, oldestReceivedAt };
	}

	/** Everything held, newest first (a view that starts following gets the tape so far). */
	all(): T[] {
		const items: T[] = [];
		for (let k = 1; k <= this.capacity; k++) {
			const item = this.#ring[(this.#next - k + this.capacity) % this.capacity];
			if (item === undefined) break;
			items.push(item);
		}
		return items;
	}

	clear(): void {
		this.#ring.fill(undefined);
		this.#next = 0;
		this.#fresh = 0;
	}
}

/** Merges newer rows before older ones, newest first, at most `limit`: what a frame of batches shows. */
export function mergeNewestFirst<T>(newer: readonly T[], older: readonly T[], limit: number): T[] {
	return newer.length >= limit
		? newer.slice(0, limit)
		: newer.concat(older.slice(0, limit - newer.length));
}

/** Sizes sampled per second of trade time at most; below this rate the median is exact. */
export const SIZE_SAMPLES_PER_SECOND = 256;
const WINDOW_SECONDS = 60;

/**
 * Median trade size over the last minute of trade time. Each second keeps at most
 * `SIZE_SAMPLES_PER_SECOND` sizes (past that, the newest overwrite the oldest in turn), so memory
 * and the median's cost are bounded at any rate; at most that many trades a second it is exact.
 */
export class SizeMedian {
	readonly #samples: Float64Array[] = [];
	readonly #counts = new Int32Array(WINDOW_SECONDS);
	readonly #seconds = new Float64Array(WINDOW_SECONDS).fill(-1);

	constructor(readonly perSecond: number = SIZE_SAMPLES_PER_SECOND) {
		for (let i = 0; i < WINDOW_SECONDS; i++) this.#samples.push(new Float64Array(perSecond));
	}

	/** A trade of `size` (base asset) at trade time `timeMs`. */
	add(size: number, timeMs: number): void {
		const second = Math.floor(timeMs / 1000);
		const slot = ((second % WINDOW_SECONDS) + WINDOW_SECONDS) % WINDOW_SECONDS;
		if (this.#seconds[slot] !== second) {
			this.#seconds[slot] = second;
			this.#counts[slot] = 0;
		}
		const count = this.#counts[slot] ?? 0;
		(this.#samples[slot] as Float64Array)[count % this.perSecond] = size;
		this.#counts[slot] = count + 1;
	}

	/** The median size of the minute up to `nowMs` (trade time); null without trades in it. */
	median(nowMs: number): number | null {
		const now = Math.floor(nowMs / 1000);
		const values: number[] = [];
		for (let slot = 0; slot < WINDOW_SECONDS; slot++) {
			const second = this.#seconds[slot] ?? -1;
			if (second <= now - WINDOW_SECONDS || second > now) continue;
			const held = Math.min(this.#counts[slot] ?? 0, this.perSecond);
			const samples = this.#samples[slot] as Float64Array;
			for (let i = 0; i < held; i++) values.push(samples[i] as number);
		}
		if (values.length === 0) return null;
		values.sort((a, b) => a - b);
		const mid = values.length >> 1;
		const upper = values[mid] as number;
		return values.length % 2 === 1 ? upper : ((values[mid - 1] as number) + upper) / 2;
	}
}
