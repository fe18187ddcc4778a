/** Where time labels read time (see chart/time-labels.ts). */
type TimeZoneMode = 'utc' | 'local';
import type { FavouriteStorage } from './interval-favourites.svelte';

const KEY = 'tickscope.chartPrefs';

/**
 * How this browser likes its charts: time labels in UTC or local time (candles stay Binance's UTC
 * buckets either way), and the cumulative volume delta pane on or off. Kept in localStorage.
 */
export class ChartPrefs {
	#zone = $state<TimeZoneMode>('utc');
	#cvd = $state(false);
	readonly #storage: FavouriteStorage | null;

	constructor(storage: FavouriteStorage | null) {
		this.#storage = storage;
		try {
			const raw = JSON.parse(storage?.getItem(KEY) ?? '{}') as { zone?: unknown; cvd?: unknown };
			if (raw.zone === 'local') this.#zone = 'local';
			if (raw.cvd === true) this.#cvd = true;
		} catch {
			// Broken stored prefs: the defaults.
		}
	}

	get zone(): TimeZoneMode {
		return this.#zone;
	}
	get cvd(): boolean {
		return this.#cvd;
	}

	toggleZone(): void {
		this.#zone = this.#zone === 'utc' ? 'local' : 'utc';
		this.#save();
	}

	toggleCvd(): void {
		this.#cvd = !this.#cvd;
		this.#save();
	}

	#save(): void {
		try {
			this.#storage?.setItem(KEY, JSON.stringify({ zone: this.#zone, cvd: this.#cvd }));
		} catch {
			// Storage full or blocked: the choice holds for this page only.
		}
	}
}
