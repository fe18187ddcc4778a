/**
 * When the trades behind one worker batch arrived, to the millisecond: `counts[i]` trades were
 * received in `[startMs + i, startMs + i + 1)`. With the time the page draws them it gives every
 * trade's lag (receive to chart) without sending a timestamp per trade.
 */
export interface Arrivals {
	/** Whole epoch ms of the first bucket. */
	readonly startMs: number;
	readonly counts: Uint32Array<ArrayBuffer>;
}

/**
 * Longest span one batch records, ms; later arrivals count in its last bucket. A batch spans a few
 * ms normally and a few hundred under backpressure; this only bounds a stalled page's memory.
 */
export const MAX_ARRIVAL_SPAN_MS = 10_000;

/** Collects receive times between two batches. */
export class ArrivalRecorder {
	#startMs: number | null = null;
	#counts: number[] = [];

	add(receivedAt: number): void {
		const startMs = (this.#startMs ??= Math.floor(receivedAt));
		const offset = Math.floor(receivedAt - startMs);
		// A clock never runs backwards here, but a bucket index must never be negative.
		const index = Math.min(MAX_ARRIVAL_SPAN_MS - 1, Math.max(0, offset));
		const counts = this.#counts;
		while (counts.length <= index) counts.push(0);
		counts[index] = (counts[index] ?? 0) + 1;
	}

	/** Everything recorded since the last take, or undefined when nothing arrived. */
	take(): Arrivals | undefined {
		const startMs = this.#startMs;
		if (startMs === null) return undefined;
		const arrivals = { startMs, counts: Uint32Array.from(this.#counts) };
		this.#startMs = null;
		this.#counts = [];
		return arrivals;
	}
}

/**
 * Each trade's lag when drawn at `drawnAt`: pushes one lag per non-empty bucket (its midpoint, so
 * within half a millisecond of every trade in it) into `lagsMs`, its trade count into `weights`.
 */
export function arrivalLags(
	arrivals: Arrivals,
	drawnAt: number,
	lagsMs: number[],
	weights: number[]
): void {
	const { startMs, counts } = arrivals;
	for (let i = 0; i < counts.length; i++) {
		const count = counts[i] ?? 0;
		if (count === 0) continue;
		lagsMs.push(drawnAt - (startMs + i + 0.5));
		weights.push(count);
	}
}

/** The `p`th percentile (0..100) of values weighted by `weights` (nearest rank); null when empty. */
export function weightedPercentile(
	values: readonly number[],
	weights: readonly number[],
	p: number
): number | null {
	const order = values.map((_, i) => i).sort((a, b) => (values[a] ?? 0) - (values[b] ?? 0));
	const total = weights.reduce((sum, w) => sum + w, 0);
	if (total === 0) return null;
	const rank = Math.max(1, Math.ceil((p / 100) * total));
	let seen = 0;
	for (const i of order) {
		seen += weights[i] ?? 0;
		if (seen >= rank) return values[i] ?? null;
	}
	return values[order[order.length - 1] ?? 0] ?? null;
}
