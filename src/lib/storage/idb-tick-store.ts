import type { IDBPTransaction } from 'idb';
import { clipColumns, decodeChunk, type TickChunk, type TickColumns } from '../core/tick-codec';
import { epochMs, type EpochMs } from '../core/time';
import type { Trade } from '../core/trade';
import { abortQuietly, openTickDb, type TickDatabase, type TickDb } from './tick-db';
import {
	isQuotaError,
	summarize,
	type AppendResult,
	type SymbolStats,
	type TickStore,
	type TickStoreLoss,
	type TickStoreOptions
} from './tick-store';
import { TickRetention, type Cutoff } from './tick-retention';
import { keyOf, TickWriter, type WritePlan } from './tick-writer';

/** Chunks per read of a scan (about 65,000 ticks). */
const SCAN_GROUP = 16;

/** The chunks `cutoff` expires (`expired`): keys [symbol, t, id] with t < before. */
const expiredKeys = ({ symbol, before }: Cutoff): IDBKeyRange =>
	IDBKeyRange.bound([symbol, -Infinity], [symbol, before], false, true);

/** Every chunk key of `symbol`. */
const allOf = (symbol: string): IDBKeyRange =>
	IDBKeyRange.bound([symbol, -Infinity], [symbol, Infinity]);

/**
 * Newest stored trade time per symbol: the time part of each symbol's last chunk key (keys sort by
 * symbol, then latest trade time), read with one backwards key cursor per symbol.
 */
async function newestTimes(
	db: TickDatabase,
	symbols: readonly string[]
): Promise<[string, number][]> {
	const tx = db.transaction('heads', 'readonly');
	const found = await Promise.all(
		symbols.map(async (symbol) => {
			const cursor = await tx.store.openKeyCursor(allOf(symbol), 'prev');
			return cursor ? ([symbol, cursor.key[1]] as [string, number]) : null;
		})
	);
	await tx.done;
	return found.filter((entry) => entry !== null);
}

type WriteTransaction = IDBPTransaction<TickDb, ('chunks' | 'heads' | 'symbols')[], 'readwrite'>;

/**
 * Awaits a transaction's requests and its end. On any failure (or when issuing them threw) it
 * aborts, so nothing is half-written, settles every promise so none rejects unheard, and rethrows.
 */
async function settle(
	tx: { abort(): void; readonly done: Promise<void>; readonly error: DOMException | null },
	issue: (requests: Promise<unknown>[]) => void
): Promise<void> {
	const requests: Promise<unknown>[] = [];
	try {
		issue(requests);
		await Promise.all([...requests, tx.done]);
	} catch (error) {
		abortQuietly(tx);
		await Promise.allSettled([...requests, tx.done]);
		// A commit-time abort names its cause (QuotaExceededError) on the transaction.
		throw isQuotaError(tx.error) ? tx.error : error;
	}
}

export class IdbTickStore implements TickStore {
	readonly #db: TickDatabase;
	readonly #writer: TickWriter;
	readonly #now: () => number;
	readonly #readOnly: boolean;
	readonly #retention: TickRetention;
	#closed: string | null = null;
	/** Writes run one after another: each plans from the state the previous one committed. */
	#writes: Promise<unknown> = Promise.resolve();

	constructor(db: TickDatabase, writer: TickWriter, options: TickStoreOptions) {
		this.#db = db;
		this.#writer = writer;
		this.#now = options.now;
		this.#readOnly = options.readOnly ?? false;
		this.#retention = new TickRetention(options.retentionMinutes);
	}

	get retentionMinutes(): number {
		return this.#retention.minutes;
	}

	setRetention(minutes: number): void {
		this.#retention.set(minutes);
	}

	append(trades: readonly Trade[]): Promise<AppendResult> {
		return this.#serial(() => this.#append(trades));
	}

	prune(): Promise<number> {
		return this.#serial(() => this.#prune(this.#writer.cutoffs(this.#retention)));
	}

	#serial<T>(write: () => Promise<T>): Promise<T> {
		const next = this.#writes.then(() => {
			this.#assertOpen();
			if (this.#readOnly) throw new Error('the tick store is read only: another tab writes it');
			return write();
		});
		this.#writes = next.catch(() => undefined);
		return next;
	}

	async #append(trades: readonly Trade[]): Promise<AppendResult> {
		try {
			return await this.#write(trades, null);
		} catch (error) {
			if (!isQuotaError(error)) throw error;
			const retentionMinutes = this.#retention.halve();
			// Counted back from the newest trade of the batch too, so the cut frees room for it.
			await this.#prune(this.#writer.cutoffs(this.#retention, trades));
			return await this.#write(trades, { retentionMinutes });
		}
	}

	async #write(trades: readonly Trade[], quota: AppendResult['quota']): Promise<AppendResult> {
		const plan = this.#writer.plan(trades, this.#now(), this.#retention);
		const result = { written: plan.written, skipped: plan.skipped, quota };
		if (plan.written === 0) return result;
		const tx = this.#db.transaction(['chunks', 'heads', 'symbols'], 'readwrite', {
			durability: 'relaxed'
		});
		await settle(tx, (requests) => this.#issue(tx, plan, requests));
		plan.commit();
		return result;
	}

	/** Issues every request of a plan at once: nothing else is awaited inside the transaction. */
	#issue(tx: WriteTransaction, plan: WritePlan, requests: Promise<unknown>[]): void {
		const chunks = tx.objectStore('chunks');
		const heads = tx.objectStore('heads');
		for (const cutoff of plan.prune) {
			requests.push(chunks.delete(expiredKeys(cutoff)), heads.delete(expiredKeys(cutoff)));
		}
		for (const { lower, upper } of plan.replaced) {
			const range = IDBKeyRange.bound(lower, upper);
			requests.push(chunks.delete(range), heads.delete(range));
		}
		for (const { key, chunk, head } of plan.puts) {
			requests.push(chunks.put(chunk, key), heads.put(head, key));
		}
		const symbols = tx.objectStore('symbols');
		for (const [symbol, lastId] of plan.lastIds) requests.push(symbols.put({ symbol, lastId }));
	}

	async load(symbol: string, fromMs: number, toMs: number): Promise<TickColumns[]> {
		const all: TickColumns[] = [];
		await this.scan(symbol, fromMs, toMs, (columns) => all.push(columns));
		return all;
	}

	/**
	 * Reads the chunks in groups, all requested at once, and decodes each group as it arrives: the
	 * database reads the next groups while this thread decodes, so a long range costs about the
	 * larger of the two rather than their sum.
	 */
	async scan(
		symbol: string,
		fromMs: number,
		toMs: number,
		visit: (columns: TickColumns) => void
	): Promise<number> {
		this.#assertOpen();
		const tx = this.#db.transaction(['chunks', 'heads'], 'readonly');
		const after = IDBKeyRange.bound([symbol, fromMs], [symbol, Infinity]);
		const heads = (await tx.objectStore('heads').getAll(after)).filter((h) => h.minTime <= toMs);
		const chunks = tx.objectStore('chunks');
		const reads: Promise<TickChunk[]>[] = [];
		for (let i = 0; i < heads.length; i += SCAN_GROUP) {
			const first = heads[i];
			const last = heads[Math.min(i + SCAN_GROUP, heads.length) - 1];
			if (first === undefined || last === undefined) break;
			const read = chunks.getAll(IDBKeyRange.bound(keyOf(first), keyOf(last)));
			// Awaited in order below; a failure is rethrown there, not reported unheard here.
			read.catch(() => undefined);
			reads.push(read);
		}
		let ticks = 0;
		for (const read of reads) {
			for (const chunk of await read) {
				if (chunk.minTime > toMs) continue;
				const columns = clipColumns(decodeChunk(chunk), fromMs, toMs);
				if (columns.length === 0) continue;
				ticks += columns.length;
				visit(columns);
			}
		}
		await tx.done;
		return ticks;
	}

	/** Reads the last ids too, so a read-only store sees symbols another tab started writing. */
	async symbols(): Promise<SymbolStats[]> {
		this.#assertOpen();
		const tx = this.#db.transaction(['heads', 'symbols'], 'readonly');
		const [heads, marks] = await Promise.all([
			tx.objectStore('heads').getAll(),
			tx.objectStore('symbols').getAll()
		]);
		await tx.done;
		return summarize(
			heads,
			marks.map((m) => [m.symbol, m.lastId] as const)
		);
	}

	async #prune(cutoffs: readonly Cutoff[]): Promise<number> {
		const tx = this.#db.transaction(['chunks', 'heads'], 'readwrite', { durability: 'relaxed' });
		const chunks = tx.objectStore('chunks');
		const heads = tx.objectStore('heads');
		const removed: Promise<{ ticks: number }[]>[] = [];
		await settle(tx, (requests) => {
			for (const cutoff of cutoffs) {
				const range = expiredKeys(cutoff);
				const gone = heads.getAll(range);
				removed.push(gone);
				requests.push(gone, heads.delete(range), chunks.delete(range));
			}
		});
		this.#writer.pruned(cutoffs, this.#now());
		const lists = await Promise.all(removed);
		return lists.flat().reduce((n, head) => n + head.ticks, 0);
	}

	/** Reads the database, so a read-only store sees what another tab wrote. */
	async newest(symbol: string): Promise<EpochMs | null> {
		this.#assertOpen();
		const [found] = await newestTimes(this.#db, [symbol]);
		return found ? epochMs(found[1]) : null;
	}

	close(): void {
		this.lose('closed');
	}

	/** Closes the connection for `reason`; later calls reject. */
	lose(reason: TickStoreLoss | 'closed'): void {
		if (this.#closed !== null) return;
		this.#closed = reason;
		this.#db.close();
	}

	#assertOpen(): void {
		if (this.#closed !== null) throw new Error(`the tick store is closed (${this.#closed})`);
	}
}

/** Opens the IndexedDB tick store; rejects when IndexedDB is missing, refused or blocked. */
export async function openTickStore(options: TickStoreOptions): Promise<TickStore> {
	const factory = options.factory ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
	if (factory === undefined) throw new Error('this browser has no IndexedDB');
	let store: IdbTickStore | null = null;
	const lost = (reason: TickStoreLoss) => {
		store?.lose(reason);
		options.onLost?.(reason);
	};
	const db = await openTickDb(factory, options.name ?? 'tickscope', {
		blocking: () => lost('blocking'),
		terminated: () => lost('terminated')
	});
	try {
		const marks = await db.getAll('symbols');
		const lastIds = marks.map((m) => [m.symbol, m.lastId] as const);
		const newest = await newestTimes(
			db,
			marks.map((m) => m.symbol)
		);
		store = new IdbTickStore(db, new TickWriter(lastIds, newest), options);
		// Keeps each symbol's newest window, however old: an offline user can still replay it.
		if (options.readOnly !== true) await store.prune();
		return store;
	} catch (error) {
		db.close();
		throw error;
	}
}
