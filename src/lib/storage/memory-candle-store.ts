import type { Interval } from '../core/interval';
import type { KlineRow } from '../core/kline';
import { newestStored, type CandleStore } from './candle-store';

/** Candle series for the life of the worker, where IndexedDB is unavailable. */
export class MemoryCandleStore implements CandleStore {
	readonly #series = new Map<string, KlineRow[]>();
	#closed = false;

	load(key: string, interval: Interval): Promise<KlineRow[]> {
		return this.#run(() => [...(this.#series.get(seriesId(key, interval)) ?? [])]);
	}

	save(key: string, interval: Interval, rows: readonly KlineRow[]): Promise<void> {
		return this.#run(() => {
			this.#series.set(seriesId(key, interval), newestStored(rows));
		});
	}

	close(): void {
		this.#closed = true;
		this.#series.clear();
	}

	#run<T>(work: () => T): Promise<T> {
		if (this.#closed) return Promise.reject(new Error('the candle store is closed (closed)'));
		return Promise.resolve(work());
	}
}

// A space never occurs in a store key or an interval.
const seriesId = (key: string, interval: Interval): string => `${key} ${interval}`;
