import { TimerSlot, type Timers } from '../binance/connection-runtime';

/**
 * When batches go out: `cadenceMs` after the first news (so bursts coalesce and nothing posts
 * per trade), at once on request (a freshly watched chart), and every `tickMs` when nothing else
 * went out, so idle status such as messages per second still reaches the UI. No timer spins
 * faster than the tick while idle.
 */
export class FlushScheduler {
	readonly #cadence: TimerSlot;
	readonly #tick: TimerSlot;
	#flushedSinceTick = false;

	constructor(
		timers: Timers,
		private readonly flush: () => void,
		private readonly cadenceMs = 50,
		private readonly tickMs = 1000
	) {
		this.#cadence = new TimerSlot(timers);
		this.#tick = new TimerSlot(timers);
	}

	start(): void {
		this.#armTick();
	}

	stop(): void {
		this.#cadence.clear();
		this.#tick.clear();
	}

	news(): void {
		if (!this.#cadence.armed) this.#cadence.arm(this.cadenceMs, () => this.#run());
	}

	now(): void {
		this.#cadence.clear();
		this.#run();
	}

	#run(): void {
		this.#flushedSinceTick = true;
		this.flush();
	}

	#armTick(): void {
		this.#tick.arm(this.tickMs, () => {
			if (!this.#flushedSinceTick) this.flush();
			this.#flushedSinceTick = false;
			this.#armTick();
		});
	}
}
