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

/** Trade frames the latency percentiles look at. */
const LAG_SAMPLES = 1000;

/** The counters behind `FeedStatus`, for one run of the feed (reset by `start`). */
export class StatusCounters {
	#received = 0;
	#duplicates = 0;
	#rejected: Partial<Record<SkipReason, number>> = {};
	#lastTrade: { receivedAt: number; eventTime: number } | null = null;
	readonly #meter = new RateMeter();
	/** Duplicates and out-of-order trades per upper-case symbol. */
	readonly #perSymbol = new Map<string, { duplicates: number; outOfOrder: number }>();
	/** Receive time minus `E` of the last trade frames (local clock, uncorrected), a ring. */
	readonly #lags = new Float64Array(LAG_SAMPLES);
	#lagCount = 0;

	/** A frame arrived at `receivedAt` (epoch ms), whatever becomes of it. */
	frame(receivedAt: number): void {
		this.#received += 1;
		this.#meter.add(receivedAt);
	}

	/** `symbol` (upper case) when the skipped item was a trade of it. */
	reject(reason: SkipReason, symbol?: string): void {
		this.#rejected[reason] = (this.#rejected[reason] ?? 0) + 1;
		if (reason === 'out-of-order' && symbol !== undefined) this.#of(symbol).outOfOrder += 1;
	}

	duplicate(symbol?: string): void {
		this.#duplicates += 1;
		if (symbol !== undefined) this.#of(symbol).duplicates += 1;
	}

	/** Local receive time of the last trade frame; null before the first. */
	get lastTradeAt(): number | null {
		return this.#lastTrade?.receivedAt ?? null;
	}

	/** Duplicates and out-of-order trades of `symbol` (upper case) dropped so far. */
	symbolCounts(symbol: string): { duplicates: number; outOfOrder: number } {
		return { ...(this.#perSymbol.get(symbol) ?? { duplicates: 0, outOfOrder: 0 }) };
	}

	/**
	 * p50 and p99 of the latency of the last trade frames, on the server clock (`offsetMs` is server
	 * minus local). Null without an offset, or when the result is impossible: a latency below
	 * -`toleranceMs` means the offset is wrong, and so would every figure from it be.
	 */
	latencyPercentiles(offsetMs: number | null, toleranceMs = 50): [number, number] | null {
		const n = Math.min(this.#lagCount, LAG_SAMPLES);
		if (offsetMs === null || n === 0) return null;
		const sorted = this.#lags.slice(0, n).sort();
		const at = (q: number) =>
			Math.round((sorted[Math.min(n - 1, Math.floor(q * n))] ?? 0) + offsetMs);
		const [p50, p99] = [at(0.5), at(0.99)];
		return p50 < -toleranceMs ? null : [p50, p99];
	}

	#of(symbol: string): { duplicates: number; outOfOrder: number } {
		let counts = this.#perSymbol.get(symbol);
		if (!counts) {
			counts = { duplicates: 0, outOfOrder: 0 };
			this.#perSymbol.set(symbol, counts);
		}
		return counts;
	}

	/** A trade frame with event time `E` arrived at local `receivedAt`. */
	trade(receivedAt: number, eventTime: number): void {
		this.#lastTrade = { receivedAt, eventTime };
		this.#lags[this.#lagCount % LAG_SAMPLES] = receivedAt - eventTime;
		this.#lagCount += 1;
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
