import type { TickChunk } from '../core/tick-codec';

/** Primary key of an imported session's chunk: session id, latest trade time in it (ms), id of its first tick. */
export type SessionChunkKey = [sessionId: number, maxTime: number, firstId: number];

/** An imported file, as listed for replay. */
export interface StoredSession {
	/** Assigned by the store, increasing from 1. */
	readonly id: number;
	/** The file name. */
	readonly label: string;
	/** Upper-case symbol. */
	readonly symbol: string;
	readonly ticks: number;
	/** Trade time of the first and the last tick, ms. */
	readonly fromMs: number;
	readonly toMs: number;
	/** Payload bytes of the encoded ticks. */
	readonly bytes: number;
	/** Wall clock when it was imported, ms. */
	readonly importedAt: number;
}

export type NewSession = Omit<StoredSession, 'id'>;

/**
 * Imported ticks, kept apart from the live tick cache (no retention, never pruned, never mixed
 * with live trades). Methods reject once the store is closed.
 */
export interface SessionStore {
	/** Stores a session and its chunks (in id order) in one write: all of it or, on failure, nothing. */
	add(session: NewSession, chunks: readonly TickChunk[]): Promise<StoredSession>;
	/** Every session, newest (highest id) first. */
	list(): Promise<StoredSession[]>;
	/**
	 * The encoded chunks of session `id` holding ticks with `fromMs <= time <= toMs`, in order
	 * (still encoded: a replay decodes one at a time). Their ends may hold ticks outside the range.
	 */
	chunks(id: number, fromMs: number, toMs: number): Promise<TickChunk[]>;
	close(): void;
}

/** Chunk keys of one session, in time order. */
export const sessionChunkKey = (id: number, chunk: TickChunk): SessionChunkKey => [
	id,
	chunk.maxTime,
	chunk.firstId
];
