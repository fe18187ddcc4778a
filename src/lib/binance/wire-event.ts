import type { EpochMs } from '../core/time';
import type { MiniTicker } from '../core/ticker';
import type { Trade } from '../core/trade';

export type RejectReason = 'malformed-json' | 'not-a-frame' | 'unknown-stream' | 'bad-value';

/** One order book level: price and quantity, decimal strings as Binance sent them. */
export type DepthLevel = readonly [price: string, qty: string];

/** A top-N snapshot from `<s>@depth<5|10|20>[@100ms]`: bids best (highest) first, asks best (lowest) first. */
export interface DepthBook {
	/** Upper-case symbol, taken from the stream name (the payload has none). */
	readonly symbol: string;
	readonly lastUpdateId: number;
	readonly bids: readonly DepthLevel[];
	readonly asks: readonly DepthLevel[];
}

/** The best bid and ask from `<s>@bookTicker`, sent on every change of either (no event time). */
export interface BookQuote {
	/** Upper-case, from the payload's `s`. */
	readonly symbol: string;
	readonly updateId: number;
	readonly bid: string;
	readonly bidQty: string;
	readonly ask: string;
	readonly askQty: string;
}

/** What one WebSocket text frame turns into: wire.ts parseFrame, and wire-fast.ts for trade frames. */
export type WireEvent =
	| { readonly kind: 'trade'; readonly trade: Trade; readonly eventTime: EpochMs }
	| { readonly kind: 'depth'; readonly book: DepthBook }
	| { readonly kind: 'ticker'; readonly ticker: MiniTicker }
	| { readonly kind: 'quote'; readonly quote: BookQuote }
	| { readonly kind: 'reply'; readonly id: number | string; readonly result: unknown }
	| { readonly kind: 'shutdown'; readonly eventTime: EpochMs }
	| { readonly kind: 'ignored'; readonly stream: string }
	| { readonly kind: 'rejected'; readonly reason: RejectReason; readonly detail: string };
