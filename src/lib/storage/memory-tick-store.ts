import { clipColumns, decodeChunk, type TickColumns } from '../core/tick-codec';
import { epochMs, type EpochMs } from '../core/time';
import type { Trade } from '../core/trade';
import { summarize, type AppendResult, type SymbolStats, type TickStore } from './tick-store';
import { expired, TickRetention, type Cutoff } from './tick-retention';
import { compareKeys, TickWriter, type ChunkWrite, type WritePlan } from './tick-writer';

/**
 * The tick store for browsers without IndexedDB (private windows, some embedded browsers): the
 * same chunks and rules, held in memory for the life of the worker. Chunks stay encoded, so 15
 * minutes of a busy symbol cost a few megabytes.
 */
export class MemoryTickStore implements TickStore {
	/** Per symbol, ascending by key. */
	readonly #chunks = new Map<string, ChunkWrite[]>();
	readonly #writer = new TickWriter();
	readonly #now: () => number;
	readonly #retention: TickRetention;
	#closed = false;

	constructor(options: { readonly now: () => number; readonly retentionMinutes?: number }) {
		this.#now = options.now;
		this.#retention = new TickRetention(options.retentionMinutes);
	}

	get retentionMinutes(): number {
		return this.#retention.minutes;
	}

	setRetention(minutes: number): void {
		this.#retention.set(minutes);
	}

	append(trades: readonly Trade[]): Promise<AppendResult> {
		return this.#run(() => {
			const plan = this.#writer.plan(trades, this.#now(), this.#retention);
			this.#apply(plan);
			plan.commit();
			return { written: plan.written, skipped: plan.skipped, quota: null };
		});
	}

	#apply(plan: WritePlan): void {
		for (const cutoff of plan.prune) this.#expire(cutoff);
		for (const { lower, upper } of plan.replaced) {
			this.#remove(
				lower[0],
				(w) => compareKeys(w.key, lower) >= 0 && compareKeys(w.key, upper) <= 0
			);
		}
		for (const write of plan.puts) {
			const list = this.#chunks.get(write.head.symbol) ?? [];
			let at = list.length;
			while (at > 0 && compareKeys(list[at - 1]?.key ?? write.key, write.key) > 0) at--;
			list.splice(at, 0, write);
			this.#chunks.set(write.head.symbol, list);
		}
	}

	/** Removes the chunks `cutoff` expires; returns the ticks removed. */
	#expire(cutoff: Cutoff): number {
		return this.#remove(cutoff.symbol, (w) => expired(w.head.maxTime, cutoff));
	}

	/** Removes matching chunks of a symbol; returns the ticks removed. */
	#remove(symbol: string, match: (write: ChunkWrite) => boolean): number {
		const list = this.#chunks.get(symbol) ?? [];
		const kept = list.filter((w) => !match(w));
		this.#chunks.set(symbol, kept);
		return list.reduce((n, w) => n + w.head.ticks, 0) - kept.reduce((n, w) => n + w.head.ticks, 0);
	}

	load(symbol: string, fromMs: number, toMs: number): Promise<TickColumns[]> {
		return this.#run(() =>
			(this.#chunks.get(symbol) ?? [])
				.filter(({ head }) => head.maxTime >= fromMs && head.minTime <= toMs)
				.map(({ chunk }) => clipColumns(decodeChunk(chunk), fromMs, toMs))
				.filter((columns) => columns.length > 0)
		);
	}

	scan(
		symbol: string,
		fromMs: number,
		toMs: number,
		visit: (columns: TickColumns) => void
	): Promise<number> {
		return this.load(symbol, fromMs, toMs).then((all) => {
			for (const columns of all) visit(columns);
			return all.reduce((n, columns) => n + columns.length, 0);
		});
	}

	symbols(): Promise<SymbolStats[]> {
		return this.#run(() => {
			const heads = [...this.#chunks.values()].flat().map((w) => w.head);
			const symbols = this.#writer.symbols();
			return summarize(
				heads,
				symbols.map((s) => [s, this.#writer.lastId(s) ?? -1] as const)
			);
		});
	}

	newest(symbol: string): Promise<EpochMs | null> {
		return this.#run(() => {
			const time = this.#writer.newest(symbol);
			return time === undefined ? null : epochMs(time);
		});
	}

	prune(): Promise<number> {
		return this.#run(() => {
			const cutoffs = this.#writer.cutoffs(this.#retention);
			const removed = cutoffs.reduce((n, cutoff) => n + this.#expire(cutoff), 0);
			this.#writer.pruned(cutoffs, this.#now());
			return removed;
		});
	}

	close(): void {
		this.#closed = true;
		this.#chunks.clear();
	}

	/** Same contract as the IndexedDB store: asynchronous, and rejecting once closed. */
	#run<T>(work: () => T): Promise<T> {
		if (this.#closed) return Promise.reject(new Error('the tick store is closed (closed)'));
		try {
			return Promise.resolve(work());
		} catch (error) {
			return Promise.reject(error instanceof Error ? error : new Error(String(error)));
		}
	}
}
