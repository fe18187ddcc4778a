/**
 * What the data-quality panel shows: per symbol, how complete the trades are, and a timestamped
 * log of the connection's events. Part of `FeedStatus` (feed-api.ts).
 */

/** Trade ids a repair could not fetch, with the trade times around them (epoch ms). */
export interface OpenGap {
	readonly fromId: number;
	readonly toId: number;
	/** Trade time of the last trade before the gap and of the first after it. */
	readonly fromMs: number;
	readonly toMs: number;
	/** Why it stayed open, in words (the REST error, a ban). */
	readonly reason: string;
}

/**
 * A stretch a gap longer than the ticks kept left with candles only: the exchange's klines stand
 * for it, its trades were not fetched (the cache would drop them at once), so the tape, the tick
 * chart and a replay have none there.
 */
export interface CandlesOnlySpan {
	/** Trade time of the last trade held before the gap, and of the first one kept after it. */
	readonly fromMs: number;
	readonly toMs: number;
	/** Trades in it (by id), not fetched. */
	readonly trades: number;
}

export interface SymbolQuality {
	/** Lower case, as configured. */
	readonly symbol: string;
	/** Jumps in aggTrade ids seen (each a run of missing trades). */
	readonly gaps: number;
	/** Missing trades fetched by id and put in place. */
	readonly repaired: number;
	/** Missing trades the exchange could not give; their gaps stay in `open`. */
	readonly unrecoverable: number;
	/** A repair is running: candles after `repairingFromMs` wait for it. */
	readonly repairing: boolean;
	/** Trades dropped as already held (same or lower id). */
	readonly duplicates: number;
	/** Trades dropped because their second was already closed. */
	readonly outOfOrder: number;
	/** Trade time of the last trade held (epoch ms); null before the first. */
	readonly lastTradeMs: number | null;
	/** Gaps that stayed open, newest last (at most 20). */
	readonly open: readonly OpenGap[];
	/** Stretches with candles only, newest last (at most 20). */
	readonly candlesOnly: readonly CandlesOnlySpan[];
}

export type ConnectionEventKind =
	| 'connect'
	| 'live'
	| 'drop'
	| 'offline'
	| 'error'
	| 'rollover'
	| 'repair-start'
	| 'repair-end'
	| 'candles-only';

export interface ConnectionEvent {
	/** Local epoch ms. */
	readonly at: number;
	readonly kind: ConnectionEventKind;
	/** Words: the drop's reason and the backoff, what a repair fetched. */
	readonly text: string;
}

/**
 * Whose socket feeds this tab: `holds` (this tab's, shared with the app's other tabs), `follows`
 * (another tab's, relayed to this one) or `alone` (this tab's own: the browser cannot share).
 */
export type ConnectionRole = 'holds' | 'follows' | 'alone';

export interface DataQuality {
	readonly symbols: readonly SymbolQuality[];
	/** Whose socket feeds this tab. */
	readonly connection: ConnectionRole;
	/** Newest last, at most 200. */
	readonly events: readonly ConnectionEvent[];
	/** Server clock minus local clock, ms; null when not measured. */
	readonly clockOffsetMs: number | null;
	/**
	 * Receive latency of trade frames (local receive on the server clock minus `E`), over the last
	 * 1,000 trade frames; null when unknown: no clock offset, or an impossible one (negative latency).
	 */
	readonly latencyP50Ms: number | null;
	readonly latencyP99Ms: number | null;
	/** Local receive time (epoch ms) of the last trade frame; null before the first. */
	readonly lastTradeAt: number | null;
	/** REST weight spent in the last minute, as far as this client knows. */
	readonly restWeight: number;
}
