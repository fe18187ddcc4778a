import { chunkBytes, encodeChunk, type TickChunk } from '../core/tick-codec';
import type { EpochMs } from '../core/time';
import type { Trade } from '../core/trade';
import type { Cutoff, TickRetention } from './tick-retention';

/**
 * What a flush must write, worked out in memory before any storage is touched, so the IndexedDB
 * and the memory store share it and a failed transaction leaves the in-memory state as it was
 * (`commit()` applies it only after the write succeeded).
 *
 * Dedup: per symbol the last stored id; a trade with an id at or below it is skipped. Chunks: each
 * flush writes its new ticks as one small chunk; the small chunks since the last merge (the tail)
 * are rewritten as one chunk once they reach `CHUNK_TICKS` ticks or span `TAIL_SPAN_MS`, so at rest
 * chunks are large and the per-record overhead is spread thin. Assumes one writer per database and
 * trade times that never decrease with the id within a symbol, as Binance sends them.
 *
 * Retention (`TickRetention`) counts back from the newest stored trade time of each symbol, which
 * the writer tracks.
 */

/** Ticks per merged chunk. */
export const CHUNK_TICKS = 4096;
/** A tail spanning this long is merged even when small (quiet symbols). */
export const TAIL_SPAN_MS = 60_000;
/** How often (local clock: it only paces the work) an append also prunes the symbols it writes. */
export const PRUNE_EVERY_MS = 10_000;

/** Primary key of a chunk: symbol, latest trade time in it (ms), id of its first tick. */
export type ChunkKey = [symbol: string, maxTime: number, firstId: number];

/** A chunk's summary, stored beside it under the same key so stats and range reads skip the payload. */
export interface ChunkHead {
	readonly symbol: string;
	readonly ticks: number;
	readonly minTime: EpochMs;
	readonly maxTime: EpochMs;
	readonly firstId: number;
	readonly lastId: number;
	readonly bytes: number;
}

export interface ChunkWrite {
	readonly key: ChunkKey;
	readonly chunk: TickChunk;
	readonly head: ChunkHead;
}

/** Inclusive key range of one symbol's tail chunks, replaced by a merged chunk. */
export interface KeySpan {
	readonly lower: ChunkKey;
	readonly upper: ChunkKey;
}

export interface WritePlan {
	readonly written: number;
	readonly skipped: number;
	/** Delete each symbol's chunks its cutoff expires (`expired`). Apply first. */
	readonly prune: readonly Cutoff[];
	/** Then delete these tail ranges... */
	readonly replaced: readonly KeySpan[];
	/** ...then put these chunks... */
	readonly puts: readonly ChunkWrite[];
	/** ...and store these last ids. */
	readonly lastIds: ReadonlyMap<string, number>;
	/** Makes the plan the writer's state; call once its writes are durable. */
	commit(): void;
}

interface Tail {
	readonly trades: readonly Trade[];
	readonly lower: ChunkKey;
	readonly upper: ChunkKey;
}

export const keyOf = (head: ChunkHead): ChunkKey => [head.symbol, head.maxTime, head.firstId];

export function headOf(symbol: string, chunk: TickChunk): ChunkHead {
	const { length: ticks, minTime, maxTime, firstId, lastId } = chunk;
	return { symbol, ticks, minTime, maxTime, firstId, lastId, bytes: chunkBytes(chunk) };
}

/** IndexedDB's order on chunk keys: symbol by code units, then time, then id. */
export function compareKeys(a: ChunkKey, b: ChunkKey): number {
	if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
	return a[1] - b[1] || a[2] - b[2];
}

function chunkWrite(symbol: string, trades: readonly Trade[]): ChunkWrite {
	const chunk = encodeChunk(trades);
	const head = headOf(symbol, chunk);
	return { key: keyOf(head), chunk, head };
}

/**
 * A pruned tail keeps only ticks at or after `before`: its old small chunks are gone, and merging
 * must not write their ticks back.
 */
function trimTail(tail: Tail | null, before: number): Tail | null {
	if (!tail || (tail.trades[0]?.time ?? before) >= before) return tail;
	const trades = tail.trades.filter((t) => t.time >= before);
	return trades.length > 0 ? { ...tail, trades } : null;
}

interface SymbolPlan {
	readonly puts: ChunkWrite[];
	readonly replaced: KeySpan | null;
	readonly tail: Tail | null;
}

const spanOf = (trades: readonly Trade[]): number =>
	(trades[trades.length - 1]?.time ?? 0) - (trades[0]?.time ?? 0);

/** New ticks of one symbol: a small chunk added to the tail, or the tail merged into full chunks. */
function planSymbol(symbol: string, fresh: readonly Trade[], tail: Tail | null): SymbolPlan {
	const pending = tail ? [...tail.trades, ...fresh] : fresh;
	if (pending.length < CHUNK_TICKS && spanOf(pending) < TAIL_SPAN_MS) {
		const write = chunkWrite(symbol, fresh);
		const lower = tail ? tail.lower : write.key;
		return { puts: [write], replaced: null, tail: { trades: pending, lower, upper: write.key } };
	}
	// Full chunks, and the rest as the new tail; a short tail that spans long is merged whole.
	const full = pending.length - (pending.length % CHUNK_TICKS);
	const whole = full > 0 ? full : pending.length;
	const puts: ChunkWrite[] = [];
	for (let i = 0; i < whole; i += CHUNK_TICKS) {
		puts.push(chunkWrite(symbol, pending.slice(i, i + CHUNK_TICKS)));
	}
	const rest = pending.slice(whole);
	const restWrite = rest.length > 0 ? chunkWrite(symbol, rest) : null;
	if (restWrite) puts.push(restWrite);
	return {
		puts,
		replaced: tail ? { lower: tail.lower, upper: tail.upper } : null,
		tail: restWrite ? { trades: rest, lower: restWrite.key, upper: restWrite.key } : null
	};
}

export class TickWriter {
	readonly #lastIds: Map<string, number>;
	/** Newest stored trade time per symbol (ms): where its retention counts back from. */
	readonly #newest: Map<string, number>;
	readonly #tails = new Map<string, Tail>();
	readonly #prunedAt = new Map<string, number>();

	/**
	 * `lastIds`: the last stored id per symbol, and `newest`: the newest stored trade time per
	 * symbol (ms), as read from storage at open.
	 */
	constructor(
		lastIds: Iterable<readonly [string, number]> = [],
		newest: Iterable<readonly [string, number]> = []
	) {
		this.#lastIds = new Map(lastIds);
		this.#newest = new Map(newest);
	}

	/** Every symbol with stored ticks (or stored once), sorted. */
	symbols(): string[] {
		return [...this.#lastIds.keys()].sort();
	}

	lastId(symbol: string): number | undefined {
		return this.#lastIds.get(symbol);
	}

	/** Newest stored trade time of `symbol` (ms); undefined when none was stored. */
	newest(symbol: string): number | undefined {
		return this.#newest.get(symbol);
	}

	/**
	 * The retention cutoff of every symbol with a known newest time: its newest stored trade, or
	 * the newest of `pending` (trades about to be written) when later.
	 */
	cutoffs(retention: TickRetention, pending: readonly Trade[] = []): Cutoff[] {
		const newest = new Map(this.#newest);
		for (const { symbol, time } of pending) {
			newest.set(symbol, Math.max(newest.get(symbol) ?? -Infinity, time));
		}
		return retention.cutoffs(newest);
	}

	/** `nowMs` (local clock) only paces pruning; what is pruned counts back from trade times. */
	plan(trades: readonly Trade[], nowMs: number, retention: TickRetention): WritePlan {
		const fresh = new Map<string, Trade[]>();
		const lastIds = new Map<string, number>();
		const newest = new Map<string, number>();
		for (const trade of trades) {
			const last = lastIds.get(trade.symbol) ?? this.#lastIds.get(trade.symbol) ?? -Infinity;
			if (trade.id <= last) continue;
			lastIds.set(trade.symbol, trade.id);
			const time = newest.get(trade.symbol) ?? this.#newest.get(trade.symbol) ?? -Infinity;
			newest.set(trade.symbol, Math.max(time, trade.time));
			const list = fresh.get(trade.symbol);
			if (list) list.push(trade);
			else fresh.set(trade.symbol, [trade]);
		}
		const due = [...fresh.keys()].filter((symbol) => this.#pruneDue(symbol, nowMs));
		const prune = retention.cutoffs(
			due.map((symbol) => [symbol, newest.get(symbol) ?? -Infinity] as const)
		);
		const plans = [...fresh].map(([symbol, list]) => {
			const tail = this.#tails.get(symbol) ?? null;
			const cut = prune.find((c) => c.symbol === symbol);
			const kept = cut ? trimTail(tail, cut.before) : tail;
			return [symbol, planSymbol(symbol, list, kept)] as const;
		});
		const written = [...fresh.values()].reduce((n, list) => n + list.length, 0);
		return {
			written,
			skipped: trades.length - written,
			prune,
			replaced: plans.flatMap(([, p]) => (p.replaced ? [p.replaced] : [])),
			puts: plans.flatMap(([, p]) => p.puts),
			lastIds,
			commit: () => {
				for (const [symbol, id] of lastIds) this.#lastIds.set(symbol, id);
				for (const [symbol, time] of newest) this.#newest.set(symbol, time);
				for (const [symbol, p] of plans) {
					if (p.tail) this.#tails.set(symbol, p.tail);
					else this.#tails.delete(symbol);
				}
				for (const symbol of due) this.#prunedAt.set(symbol, nowMs);
			}
		};
	}

	/** Records that these cutoffs were applied at `nowMs` (local clock, for pacing). */
	pruned(cutoffs: readonly Cutoff[], nowMs: number): void {
		for (const { symbol, before } of cutoffs) {
			this.#prunedAt.set(symbol, nowMs);
			const tail = trimTail(this.#tails.get(symbol) ?? null, before);
			if (tail) this.#tails.set(symbol, tail);
			else this.#tails.delete(symbol);
		}
	}

	/** A clock that jumped back counts as due too, so pruning never stalls behind it. */
	#pruneDue(symbol: string, nowMs: number): boolean {
		const elapsed = nowMs - (this.#prunedAt.get(symbol) ?? -Infinity);
		return !(elapsed >= 0 && elapsed < PRUNE_EVERY_MS);
	}
}
