import type { Interval } from '../core/interval';
import type { KlineRow } from '../core/kline';
import { newestStored, type CandleStore } from './candle-store';
import { openOwnConnection, OwnConnection, type OwnConnectionOptions } from './own-connection';

/** Candle series in the tick database's `candles` store, one record per series. */
export class IdbCandleStore implements CandleStore {
	readonly #connection: OwnConnection;

	constructor(connection: OwnConnection) {
		this.#connection = connection;
	}

	async load(key: string, interval: Interval): Promise<KlineRow[]> {
		return [...((await this.#connection.db.get('candles', [key, interval])) ?? [])];
	}

	/** One record per series: a load is one read, and a write never leaves half a series. */
	async save(key: string, interval: Interval, rows: readonly KlineRow[]): Promise<void> {
		await this.#connection.db.put('candles', newestStored(rows), [key, interval]);
	}

	close(): void {
		this.lose('closed');
	}

	/** Closes the connection for `reason`; later calls reject. */
	lose(reason: string): void {
		this.#connection.lose(reason);
	}
}

export type CandleStoreOptions = OwnConnectionOptions;

/** Opens the candles of the tick database on a connection of their own; rejects when IndexedDB is missing, refused or blocked. */
export async function openCandleStore(options: CandleStoreOptions = {}): Promise<CandleStore> {
	return openOwnConnection(options, 'candle store', (connection) => new IdbCandleStore(connection));
}
