import { INTERVALS, isInterval, type Interval } from '../../core/interval';

/** The intervals the picker shows before anyone chose: tick, a scalper's and a swing trader's. */
export const DEFAULT_FAVOURITES: readonly Interval[] = [
	'tick',
	'1s',
	'1m',
	'5m',
	'15m',
	'1h',
	'4h',
	'1d'
];

const KEY = 'tickscope.intervalFavourites';

/** What favourites need of localStorage. */
export type FavouriteStorage = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * The intervals the picker shows in its row, in `INTERVALS` order; the rest are one tap away in
 * its menu. Kept in localStorage (a preference of this browser, not of a shared URL); unknown
 * or broken stored values fall back to the defaults.
 */
export class IntervalFavourites {
	#list = $state.raw<readonly Interval[]>(DEFAULT_FAVOURITES);
	readonly #storage: FavouriteStorage | null;

	constructor(storage: FavouriteStorage | null) {
		this.#storage = storage;
		this.#list = read(storage);
	}

	get list(): readonly Interval[] {
		return this.#list;
	}

	has(interval: Interval): boolean {
		return this.#list.includes(interval);
	}

	/** Adds or removes one; the last favourite stays (an empty row would hide the picker). */
	toggle(interval: Interval): void {
		const next = this.has(interval)
			? this.#list.filter((i) => i !== interval)
			: INTERVALS.filter((i) => i === interval || this.#list.includes(i));
		if (next.length === 0) return;
		this.#list = next;
		try {
			this.#storage?.setItem(KEY, JSON.stringify(next));
		} catch {
			// Storage full or blocked: the choice holds for this page only.
		}
	}
}

function read(storage: FavouriteStorage | null): readonly Interval[] {
	try {
		const raw: unknown = JSON.parse(storage?.getItem(KEY) ?? 'null');
		if (!Array.isArray(raw)) return DEFAULT_FAVOURITES;
		const kept = INTERVALS.filter((i) =>
			raw.some((r) => typeof r === 'string' && isInterval(r) && r === i)
		);
		return kept.length > 0 ? kept : DEFAULT_FAVOURITES;
	} catch {
		return DEFAULT_FAVOURITES;
	}
}
