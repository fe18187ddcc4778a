import { wrap, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { KlineRow } from '../core/kline';
import type { TickChunk } from '../core/tick-codec';
import type { CandleSeriesKey } from './candle-store';
import type { SymbolVerdict, SymbolVerdictKey } from './symbol-info-store';
import type { SessionChunkKey, StoredSession } from './session-store';
import { headOf, type ChunkHead, type ChunkKey } from './tick-writer';

/** The tick database: every store of the current version. */
export interface TickDb extends DBSchema {
	/** Encoded ticks, keyed [symbol, latest trade time, first id]. Since version 1. */
	chunks: { key: ChunkKey; value: TickChunk };
	/** Last stored trade id per symbol, for dedup across restarts. Since version 1. */
	symbols: { key: string; value: { readonly symbol: string; readonly lastId: number } };
	/** A small summary of each chunk under the chunk's key. Since version 2. */
	heads: { key: ChunkKey; value: ChunkHead };
	/** Imported sessions (replayable files), by id. Since version 3. */
	sessions: { key: number; value: StoredSession };
	/** Encoded ticks of imported sessions, keyed [session id, latest trade time, first id]. Since version 3. */
	sessionChunks: { key: SessionChunkKey; value: TickChunk };
	/** Closed exchange candles, one series per [store key, interval], oldest first. Since version 4. */
	candles: { key: CandleSeriesKey; value: readonly KlineRow[] };
	/** The exchange's verdict on each symbol asked about, per host namespace. Since version 5. */
	symbolInfo: { key: SymbolVerdictKey; value: SymbolVerdict };
}

export type TickDatabase = IDBPDatabase<TickDb>;
type UpgradeTransaction = IDBPTransaction<TickDb, StoreNames<TickDb>[], 'versionchange'>;
type Migration = (db: TickDatabase, tx: UpgradeTransaction) => Promise<void>;

/** Version 2 backfills a head for every chunk a version 1 database holds. */
async function addHeads(db: TickDatabase, tx: UpgradeTransaction): Promise<void> {
	db.createObjectStore('heads');
	const heads = tx.objectStore('heads');
	const puts: Promise<unknown>[] = [];
	for (let c = await tx.objectStore('chunks').openCursor(); c; c = await c.continue()) {
		const put = heads.put(headOf(c.key[0], c.value), c.key);
		// If a later chunk fails, the upgrade aborts and this rejects too: the open reports it.
		void put.catch(() => undefined);
		puts.push(put);
	}
	await Promise.all(puts);
}

/**
 * Upgrade steps: `MIGRATIONS[n]` takes a database from version n to n + 1. Shipped steps are
 * never edited; a schema change appends a step.
 */
export const MIGRATIONS: readonly Migration[] = [
	(db) => {
		db.createObjectStore('chunks');
		db.createObjectStore('symbols', { keyPath: 'symbol' });
		return Promise.resolve();
	},
	addHeads,
	// Version 3 adds the imported sessions beside the tick cache, whose stores it leaves alone.
	(db) => {
		db.createObjectStore('sessions', { keyPath: 'id', autoIncrement: true });
		db.createObjectStore('sessionChunks');
		return Promise.resolve();
	},
	// Version 4 keeps the exchange's candles so a reload (offline too) opens with them.
	(db) => {
		db.createObjectStore('candles');
		return Promise.resolve();
	},
	// Version 5 keeps exchangeInfo answers, so symbols are checked with the exchange once a day.
	(db) => {
		db.createObjectStore('symbolInfo');
		return Promise.resolve();
	}
];

export const TICK_DB_VERSION = MIGRATIONS.length;

export interface TickDbEvents {
	/** This connection blocks a newer version opened elsewhere (it should close). */
	readonly blocking: () => void;
	/** The browser closed the connection (not a call to `close()`). */
	readonly terminated: () => void;
}

/** Aborts a transaction that may already have finished or aborted. */
export function abortQuietly(tx: { abort(): void }): void {
	try {
		tx.abort();
	} catch {
		// Already finished: nothing to undo.
	}
}

/** Why an open failed: the failing upgrade step's error, else the request's. */
function openError(failure: unknown, requestError: DOMException | null): Error {
	if (failure instanceof Error) return failure;
	return requestError ?? new Error('the tick database did not open');
}

/**
 * Opens (creating or upgrading) the tick database on `factory`. `version` is for tests of old
 * versions. Rejects when an older connection in another tab does not close (blocked); if that
 * connection closes later, the late connection is closed at once.
 */
export function openTickDb(
	factory: IDBFactory,
	name: string,
	events: TickDbEvents,
	version = TICK_DB_VERSION
): Promise<TickDatabase> {
	return new Promise((resolve, reject) => {
		const request = factory.open(name, version);
		let settled = false;
		let failure: unknown = null;
		request.onupgradeneeded = (event) => {
			// idb types `wrap` without a schema; this database has the TickDb schema by construction.
			const db = wrap(request.result) as unknown as TickDatabase;
			const raw = request.transaction;
			if (raw === null) return;
			const tx = wrap(raw) as unknown as UpgradeTransaction;
			// A failed upgrade rejects the open request; the transaction's own end needs no listener.
			void tx.done.catch(() => undefined);
			const steps = MIGRATIONS.slice(event.oldVersion, version);
			const run = steps.reduce((done, step) => done.then(() => step(db, tx)), Promise.resolve());
			void run.catch((error: unknown) => {
				failure = error;
				abortQuietly(raw);
			});
		};
		request.onblocked = () => {
			settled = true;
			reject(new Error('the tick database is held open by another tab running an older version'));
		};
		request.onerror = () => {
			if (!settled) reject(openError(failure, request.error));
			settled = true;
		};
		request.onsuccess = () => {
			const raw = request.result;
			if (settled) return raw.close();
			settled = true;
			raw.onversionchange = () => events.blocking();
			raw.onclose = () => events.terminated();
			resolve(wrap(raw) as unknown as TickDatabase);
		};
	});
}
