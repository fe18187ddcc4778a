import { openTickDb, type TickDatabase } from './tick-db';

export interface OwnConnectionOptions {
	/** Defaults to the global `indexedDB`. */
	readonly factory?: IDBFactory;
	/** Database name, default `tickscope` (the tick cache's database). */
	readonly name?: string;
	/** The connection went away (another tab upgrades, or the browser closed it): the store is closed. */
	readonly onLost?: (reason: string) => void;
}

/**
 * A connection of its own to the tick database, for one store beside the tick cache (sessions,
 * candles, symbol verdicts): closed once, for a reason, and refusing every use after that.
 */
export class OwnConnection {
	readonly #db: TickDatabase;
	readonly #what: string;
	#closed: string | null = null;

	/** `what` names the store in errors: `the candle store is closed (...)`. */
	constructor(db: TickDatabase, what: string) {
		this.#db = db;
		this.#what = what;
	}

	/** The database; throws once the connection is closed. */
	get db(): TickDatabase {
		if (this.#closed !== null) throw new Error(`the ${this.#what} is closed (${this.#closed})`);
		return this.#db;
	}

	/** Closes the connection for `reason`; later uses throw. */
	lose(reason: string): void {
		if (this.#closed !== null) return;
		this.#closed = reason;
		this.#db.close();
	}
}

/**
 * Opens the tick database on a connection of its own and builds a store on it; rejects when
 * IndexedDB is missing, refused or blocked. The store loses its connection when another tab
 * upgrades the database or the browser closes it.
 */
export async function openOwnConnection<S extends { lose(reason: string): void }>(
	options: OwnConnectionOptions,
	what: string,
	make: (connection: OwnConnection) => S
): Promise<S> {
	const factory = options.factory ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
	if (factory === undefined) throw new Error('this browser has no IndexedDB');
	let store: S | null = null;
	const lose = (reason: string) => {
		store?.lose(reason);
		options.onLost?.(reason);
	};
	const db = await openTickDb(factory, options.name ?? 'tickscope', {
		blocking: () => lose('a newer version of the app opened the database'),
		terminated: () => lose('the browser closed the database')
	});
	store = make(new OwnConnection(db, what));
	return store;
}
