import { TimerSlot, type Timers } from '../../core/timers';
import type { Trade } from '../../core/trade';
import type { AppendResult } from '../../storage/tick-store';

export interface BatcherTuning {
	/** A batch goes out this long after its first trade; default 250 ms. */
	readonly flushMs: number;
	/** ...or at once when this many trades wait; default 20,000. */
	readonly maxBatch: number;
}

export const DEFAULT_BATCHER_TUNING: BatcherTuning = { flushMs: 250, maxBatch: 20_000 };

export interface BatcherSink {
	/** Stores one batch in one transaction. */
	append(trades: readonly Trade[]): Promise<AppendResult>;
	written(result: AppendResult): void;
	/** The batch was kept and goes out again with the next one. */
	failed(error: unknown): void;
}

/**
 * Trades on their way to the tick store: collected as they arrive and written as one batch per
 * `flushMs` (or per `maxBatch` trades under load), never one write per trade. One append runs at a
 * time, so trades pile up into the next batch while a write is in flight; a failed batch is put back
 * in front of the newer trades and retried on the next cadence.
 */
export class TickBatcher {
	readonly #timer: TimerSlot;
	readonly #tuning: BatcherTuning;
	#pending: Trade[] = [];
	#inFlight: Promise<void> | null = null;
	#failures = 0;
	readonly #sink: BatcherSink;

	constructor(timers: Timers, sink: BatcherSink, tuning: Partial<BatcherTuning> = {}) {
		this.#sink = sink;
		this.#timer = new TimerSlot(timers);
		this.#tuning = { ...DEFAULT_BATCHER_TUNING, ...tuning };
	}

	/** Trades waiting for a write (not counting one in flight). */
	get pending(): number {
		return this.#pending.length;
	}

	push(trade: Trade): void {
		this.#pending.push(trade);
		this.#schedule();
	}

	/** Starts a write of everything pending now, unless one is in flight. */
	flush(): void {
		this.#timer.clear();
		if (this.#inFlight !== null || this.#pending.length === 0) return;
		const batch = this.#pending;
		this.#pending = [];
		let failed = false;
		this.#inFlight = this.#sink.append(batch).then(
			(result) => this.#sink.written(result),
			(error: unknown) => {
				failed = true;
				this.#failures++;
				this.#pending = batch.concat(this.#pending);
				this.#sink.failed(error);
			}
		);
		void this.#inFlight.finally(() => {
			this.#inFlight = null;
			// A failed write is retried on the cadence, never in a tight loop.
			if (failed) this.#timer.arm(this.#tuning.flushMs, () => this.flush());
			else this.#schedule();
		});
	}

	/** Writes until nothing is pending; stops at the first failed write (its trades stay pending). */
	async drain(): Promise<void> {
		const failures = this.#failures;
		for (;;) {
			this.flush();
			const inFlight = this.#inFlight;
			if (inFlight === null || this.#failures !== failures) return;
			await inFlight;
			if (this.#failures !== failures) return;
		}
	}

	/**
	 * Drops pending trades more than `spanMs` older than the newest pending trade of their symbol
	 * (trade times, not the local clock): kept past retention they would be pruned anyway.
	 */
	trim(spanMs: number): void {
		const newest = new Map<string, number>();
		for (const { symbol, time } of this.#pending) {
			newest.set(symbol, Math.max(newest.get(symbol) ?? -Infinity, time));
		}
		this.#pending = this.#pending.filter(
			(trade) => trade.time >= (newest.get(trade.symbol) ?? -Infinity) - spanMs
		);
	}

	/** Stops the cadence and forgets what is pending. */
	clear(): void {
		this.#timer.clear();
		this.#pending = [];
	}

	#schedule(): void {
		if (this.#inFlight !== null || this.#pending.length === 0) return;
		if (this.#pending.length >= this.#tuning.maxBatch) this.flush();
		else if (!this.#timer.armed) this.#timer.arm(this.#tuning.flushMs, () => this.flush());
	}
}
