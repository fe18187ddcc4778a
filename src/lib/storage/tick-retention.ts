import {
	clampRetention,
	DEFAULT_RETENTION_MINUTES,
	MIN_RETENTION_MINUTES
} from '../core/retention';

const MINUTE_MS = 60_000;

/** Where a symbol's kept window starts: its chunks wholly before `before` (ms) go. */
export interface Cutoff {
	readonly symbol: string;
	readonly before: number;
}

/**
 * What both tick stores keep: per symbol, the last `minutes` before its newest stored trade
 * (exchange time, never the local clock), so the newest window survives any pause and any clock.
 * A chunk goes once every tick in it is before its symbol's cutoff (`expired`), so a symbol's
 * newest chunk always stays.
 */
export class TickRetention {
	#minutes: number;

	constructor(minutes: number = DEFAULT_RETENTION_MINUTES) {
		this.#minutes = clampRetention(minutes);
	}

	get minutes(): number {
		return this.#minutes;
	}

	/** Clamped by `clampRetention`; old ticks go at the next prune. */
	set(minutes: number): void {
		this.#minutes = clampRetention(minutes);
	}

	/** Storage is full: half the minutes, never below the minimum. Returns the new minutes. */
	halve(): number {
		this.#minutes = Math.max(MIN_RETENTION_MINUTES, Math.floor(this.#minutes / 2));
		return this.#minutes;
	}

	/** The cutoff of each symbol, given its newest stored (or about to be stored) trade time, ms. */
	cutoffs(newest: Iterable<readonly [symbol: string, newestMs: number]>): Cutoff[] {
		const span = this.#minutes * MINUTE_MS;
		return Array.from(newest, ([symbol, newestMs]) => ({ symbol, before: newestMs - span }));
	}
}

/**
 * Whether `cutoff` deletes a chunk whose latest tick is at `maxTime` (ms). The IndexedDB store
 * asks the same through a key range: chunk keys sort by latest tick time within a symbol.
 */
export const expired = (maxTime: number, cutoff: Cutoff): boolean => maxTime < cutoff.before;
