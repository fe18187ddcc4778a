/** Figures of the end-to-end bench: pure, so they are unit tested. */

/** The `p`-th percentile (0..100) by nearest rank; null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? null;
}

/**
 * Animation frames in each whole second after the first timestamp (ms, ascending); a partial last
 * second is left out, so a short tail cannot look like a dropped frame rate.
 */
export function framesPerSecond(timestamps: readonly number[]): number[] {
	const first = timestamps[0];
	const last = timestamps.at(-1);
	if (first === undefined || last === undefined) return [];
	const seconds = Math.floor((last - first) / 1000);
	const counts: number[] = Array.from({ length: seconds }, () => 0);
	for (const time of timestamps) {
		const second = Math.floor((time - first) / 1000);
		if (second < seconds) counts[second] = (counts[second] ?? 0) + 1;
	}
	return counts;
}

/** Rounds to `digits` decimals; null stays null. */
export function round(value: number | null, digits = 1): number | null {
	if (value === null) return null;
	const scale = 10 ** digits;
	return Math.round(value * scale) / scale;
}

/** Bytes to MB (10^6), one decimal. */
export function megabytes(bytes: number): number {
	return Math.round(bytes / 100_000) / 10;
}
