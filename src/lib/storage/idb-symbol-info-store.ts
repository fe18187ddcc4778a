import { verdictKey, type SymbolInfoStore, type SymbolVerdict } from './symbol-info-store';
import { openOwnConnection, OwnConnection, type OwnConnectionOptions } from './own-connection';
import { abortQuietly } from './tick-db';

/** Verdicts in the tick database's `symbolInfo` store. */
export class IdbSymbolInfoStore implements SymbolInfoStore {
	readonly #connection: OwnConnection;

	constructor(connection: OwnConnection) {
		this.#connection = connection;
	}

	async get(namespace: string, symbols: readonly string[]): Promise<SymbolVerdict[]> {
		const tx = this.#connection.db.transaction('symbolInfo', 'readonly');
		const found = await Promise.all(symbols.map((symbol) => tx.store.get([namespace, symbol])));
		await tx.done;
		return found.filter((verdict) => verdict !== undefined);
	}

	async all(namespace: string): Promise<SymbolVerdict[]> {
		// Keys are [namespace, symbol]: every symbol of one namespace is one key range.
		const range = IDBKeyRange.bound([namespace, ''], [namespace, '\uffff']);
		return this.#connection.db.getAll('symbolInfo', range);
	}

	async put(verdicts: readonly SymbolVerdict[]): Promise<void> {
		const tx = this.#connection.db.transaction('symbolInfo', 'readwrite');
		const requests = verdicts.map((verdict) => tx.store.put(verdict, verdictKey(verdict)));
		try {
			await Promise.all([...requests, tx.done]);
		} catch (error) {
			abortQuietly(tx);
			await Promise.allSettled([...requests, tx.done]);
			throw tx.error ?? error;
		}
	}

	close(): void {
		this.lose('closed');
	}

	/** Closes the connection for `reason`; later calls reject. */
	lose(reason: string): void {
		this.#connection.lose(reason);
	}
}

export type SymbolInfoStoreOptions = OwnConnectionOptions;

/** Opens the verdicts of the tick database on a connection of their own; rejects when IndexedDB is missing, refused or blocked. */
export async function openSymbolInfoStore(
	options: SymbolInfoStoreOptions = {}
): Promise<SymbolInfoStore> {
	return openOwnConnection(
		options,
		'symbol store',
		(connection) => new IdbSymbolInfoStore(connection)
	);
}
