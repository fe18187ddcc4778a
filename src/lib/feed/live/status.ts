import type { RejectReason } from '../../binance/wire';
import type { FeedState, FeedStatus } from '../../protocol/feed-api';
import { RateMeter } from './rate-meter';

/** Why a frame or trade was skipped: the wire parser's reasons and the feed's own. */
export type SkipReason =
	| RejectReason
	/** A trade or book of a symbol the feed does not follow. */
	| 'unconfigured-symbol'
	/** A trade older than the aggregator's open 1 s candle. */
	| 'out-of-order'
	/** Binance's JSON streams never send binary frames. */
	| 'binary-frame'
	/** An unexpected exception while handling a frame or building a batch (a bug; logged once). */
	| 'internal';

/** The counters behind `FeedStatus`, for one run of the feed (reset by `start`). */
export class StatusCounters {
	#received = 0;
	#duplicates = 0;
	#rejected: Partial<Record<SkipReason, number>> = {};
	#lastTrade: { receivedAt: number; eventTime: number } | null = null;
	readonly #meter = new RateMeter();

	/** A frame arrived at `receivedAt` (epoch ms), whatever becomes of it. */
	frame(receivedAt: number): void {
		this.#received += 1;
		this.#meter.add(receivedAt);
	}

	reject(reason: SkipReason): void {
		this.#rejected[reason] = (this.#rejected[reason] ?? 0) + 1;
	}

	duplicate(): void {
		this.#duplicates += 1;
	}

	/** A trade frame with event time `E` arrived at local `receivedAt`. */
	trade(receivedAt: number, eventTime: number): void {
		this.#lastTrade = { receivedAt, eventTime };
	}

	/**
	 * `offsetMs` is the server clock minus the local clock (0 when unknown); the latency of the last
	 * trade frame is its local receive time moved onto the server clock, minus its `E`.
	 */
	snapshot(
		now: number,
		connection: { state: FeedState; detail: string; reconnects: number },
		offsetMs: number
	): FeedStatus {
		const last = this.#lastTrade;
		return {
			...connection,
			messagesPerSecond: this.#meter.perSecond(now),
			latencyMs: last ? Math.round(last.receivedAt + offsetMs - last.eventTime) : null,
			received: this.#received,
			rejected: { ...this.#rejected },
			duplicates: this.#duplicates,
			source: 'binance'
		};
	}
}
