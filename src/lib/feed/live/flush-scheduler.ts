import { TimerSlot, type Timers } from '../../core/timers';

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
	typeof value === 'object' &&
	value !== null &&
	typeof (value as { then?: unknown }).then === 'function';

/**
 * Ms from the first news to its batch. Short, because the page draws at most once per frame and
 * a trade should be on screen within a frame or two; safe, because backpressure (below) turns a
 * page that cannot keep up into fewer, fuller batches.
 */
export const DEFAULT_CADENCE_MS = 4;

/**
 * When batches go out: `cadenceMs` after the first news (so bursts coalesce and nothing posts
 * per trade), at once on request (a freshly watched chart), and every `tickMs` when nothing else
 * went out, so idle status such as messages per second still reaches the UI. No timer spins
 * faster than the tick while idle.
 *
 * Backpressure: a flush that returns a promise (the UI's answer to the post) is in flight until it
 * settles, and no other batch goes out meanwhile. Flushes due in that time are merged into one that
 * goes out the moment the answer comes, so a page that cannot keep up gets fewer, fuller batches
 * and never a queue. Nothing is lost by waiting: each view sends every bar changed since the
 * revision it last sent. Ingest never waits: news only arms a timer.
 */
export class FlushScheduler {
	readonly #cadence: TimerSlot;
	readonly #tick: TimerSlot;
	#flushedSinceTick = false;
	#inFlight = false;
	#owed = false;
	#stopped = false;
	#coalesced = 0;
	/** Posts a batch; may return the UI's answer (comlink's promise) to wait for. */
	readonly #flush: () => unknown;
	readonly #cadenceMs: number;
	readonly #tickMs: number;

	constructor(timers: Timers, flush: () => unknown, cadenceMs = DEFAULT_CADENCE_MS, tickMs = 1000) {
		this.#flush = flush;
		this.#cadenceMs = cadenceMs;
		this.#tickMs = tickMs;
		this.#cadence = new TimerSlot(timers);
		this.#tick = new TimerSlot(timers);
	}

	/** Flushes that were due while the previous batch was unanswered, merged into a later batch. */
	get coalesced(): number {
		return this.#coalesced;
	}

	start(): void {
		this.#stopped = false;
		this.#armTick();
	}

	stop(): void {
		this.#stopped = true;
		this.#cadence.clear();
		this.#tick.clear();
	}

	news(): void {
		if (!this.#cadence.armed) this.#cadence.arm(this.#cadenceMs, () => this.#run());
	}

	now(): void {
		this.#cadence.clear();
		this.#run();
	}

	#run(): void {
		this.#flushedSinceTick = true;
		if (this.#inFlight) {
			this.#owed = true;
			this.#coalesced += 1;
			return;
		}
		this.#send();
	}

	#send(): void {
		const answer = this.#flush();
		if (!isThenable(answer)) return;
		this.#inFlight = true;
		const settled = () => {
			this.#inFlight = false;
			if (!this.#owed || this.#stopped) return;
			this.#owed = false;
			this.#send();
		};
		answer.then(settled, settled);
	}

	#armTick(): void {
		this.#tick.arm(this.#tickMs, () => {
			// An unanswered batch is news enough: the status goes out with the owed one.
			if (!this.#flushedSinceTick && !this.#inFlight) this.#send();
			this.#flushedSinceTick = false;
			this.#armTick();
		});
	}
}
