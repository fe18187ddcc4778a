/** Minutes of raw ticks the cache keeps: the setting's bounds and its default. */
export const MIN_RETENTION_MINUTES = 1;
export const MAX_RETENTION_MINUTES = 120;
export const DEFAULT_RETENTION_MINUTES = 15;

/** Whole minutes within the bounds; throws on a value that is not a number. */
export function clampRetention(minutes: number): number {
	if (!Number.isFinite(minutes))
		throw new RangeError(`retention ${minutes} is not a number of minutes`);
	return Math.min(MAX_RETENTION_MINUTES, Math.max(MIN_RETENTION_MINUTES, Math.round(minutes)));
}
