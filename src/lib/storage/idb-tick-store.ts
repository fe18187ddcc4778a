import type { IDBPTransaction } from 'idb';
import { clipColumns, decodeChunk, type TickColumns } from '../core/tick-codec';
import type { Trade } from '../core/trade';
import { abortQuietly, openTickDb, type TickDatabase, type TickDb } from './tick-db';
import {
	DEFAULT_RETENTION_MINUTES,
	MIN_RETENTION_MINUTES,
	clampRetention,
	isQuotaError,
	summarize,
	type AppendResult,
	type SymbolStats,
	type TickStore,
	type TickStoreLoss,
	type TickStoreOptions
} from './tick-store';
import { keyOf, TickWriter, type WritePlan } from './tick-writer';

const MINUTE_MS = 60_000;

/** Chunks of `symbol` whose latest tick is before `before`: keys [symbol, t, id] with t < before. */
const olderThan = (symbol: string, before: number): IDBKeyRange =>
	IDBKeyRange.bound([symbol, -Infinity], [symbol, before], false, true);

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
	#retentionMinutes: number;
	#closed: string | null = null;
	/** Writes run one after another: each plans from the state the previous one committed. */
	#writes: Promise<unknown> = Promise.resolve();

	constructor(db: TickDatabase, writer: TickWriter, options: TickStoreOptions) {
		this.#db = db;
		this.#writer = writer;
		this.#now = options.now;
		this.#retentionMinutes = clampRetention(options.retentionMinutes ?? DEFAULT_RETENTION_MINUTES);
	}

	get retentionMinutes(): number {
		return this.#retentionMinutes;
	}

	setRetention(minutes: number): void {
		this.#retentionMinutes = clampRetention(minutes);
	}

	append(trades: readonly Trade[]): Promise<AppendResult> {
		return this.#serial(() => this.#append(trades));
	}

	prune(nowMs: number): Promise<number> {
		return this.#serial(() => this.#prune(nowMs));
	}

	#serial<T>(write: () => Promise<T>): Promise<T> {
		const next = this.#writes.then(() => {
			this.#assertOpen();
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
			const retentionMinutes = Math.max(
				MIN_RETENTION_MINUTES,
				Math.floor(this.#retentionMinutes / 2)
			);
			this.#retentionMinutes = retentionMinutes;
			await this.#prune(this.#now());
			return await this.#write(trades, { retentionMinutes });
		}
	}

	async #write(trades: readonly Trade[], quota: AppendResult['quota']): Promise<AppendResult> {
		const plan = this.#writer.plan(trades, this.#now(), this.#retentionMinutes * MINUTE_MS);
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
		for (const { symbol, before } of plan.prune) {
			requests.push(
				chunks.delete(olderThan(symbol, before)),
				heads.delete(olderThan(symbol, before))
			);
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
		this.#assertOpen();
		const tx = this.#db.transaction(['chunks', 'heads'], 'readonly');
		const after = IDBKeyRange.bound([symbol, fromMs], [symbol, Infinity]);
		const heads = (await tx.objectStore('heads').getAll(after)).filter((h) => h.minTime <= toMs);
		const last = heads[heads.length - 1];
		const range = last ? IDBKeyRange.bound([symbol, fromMs], keyOf(last)) : null;
		const chunks = range ? await tx.objectStore('chunks').getAll(range) : [];
		await tx.done;
		return chunks
			.filter((chunk) => chunk.minTime <= toMs)
			.map((chunk) => clipColumns(decodeChunk(chunk), fromMs, toMs))
			.filter((columns) => columns.length > 0);
	}

	async symbols(): Promise<SymbolStats[]> {
		this.#assertOpen();
		const tx = this.#db.transaction(['heads'], 'readonly');
		const heads = await tx.objectStore('heads').getAll();
		await tx.done;
		return summarize(
			heads,
			this.#writer.symbols().map((symbol) => [symbol, this.#writer.lastId(symbol) ?? -1] as const)
		);
	}

	async #prune(nowMs: number): Promise<number> {
		const symbols = this.#writer.symbols();
		const before = nowMs - this.#retentionMinutes * MINUTE_MS;
		const tx = this.#db.transaction(['chunks', 'heads'], 'readwrite', { durability: 'relaxed' });
		const chunks = tx.objectStore('chunks');
		const heads = tx.objectStore('heads');
		const removed: Promise<{ ticks: number }[]>[] = [];
		await settle(tx, (requests) => {
			for (const symbol of symbols) {
				const range = olderThan(symbol, before);
				const gone = heads.getAll(range);
				removed.push(gone);
				requests.push(gone, heads.delete(range), chunks.delete(range));
			}
		});
		this.#writer.pruned(symbols, nowMs, before);
		const lists = await Promise.all(removed);
		return lists.flat().reduce((n, head) => n + head.ticks, 0);
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
		store = new IdbTickStore(db, new TickWriter(marks.map((m) => [m.symbol, m.lastId])), options);
		await store.prune(options.now());
		return store;
	} catch (error) {
		db.close();
		throw error;
	}
}
