import type { TickColumns } from '../../core/tick-codec';
import { TimerSlot } from '../../core/timers';
import { SymbolAggregator } from '../../core/aggregator';
import {
	clockTarget,
	pauseClock,
	playClock,
	seekClock,
	setClockSpeed,
	startClock,
	type ReplayClock
} from '../../core/replay-clock';
import type {
	FeedListener,
	FeedStatus,
	ReplayCommand,
	ReplaySpeed,
	ReplayStatus
} from '../../protocol/feed-api';
import { postBatch } from '../live/batch-post';
import type { RunContext } from '../live/feed-run';
import { FlushScheduler } from '../live/flush-scheduler';
import { emptyTally, TickCursor, type ChunkSource } from './replay-cursor';
import { SliceMeter } from '../live/slice-meter';

/** What to replay: a session's ticks of one symbol within a range. */
export interface ReplayPlan {
	readonly sessionId: string;
	/** Lower-case symbol, as the API speaks it. */
	readonly symbol: string;
	/** Trade time range, ms, inclusive. */
	readonly fromMs: number;
	readonly toMs: number;
	/** The range's ticks, chunk by chunk in time order. */
	readonly sources: readonly ChunkSource[];
}

/** Ticks fed per slice at most; a slice also ends after `SLICE_MS` of work. */
const SLICE_TICKS = 50_000;
const SLICE_MS = 12;
/** How often a playing replay at a numeric speed feeds what became due. */
const PLAY_STEP_MS = 50;

/**
 * One replay: fresh aggregators fed from stored ticks on a replay clock, posting batches on the
 * feed's cadence exactly as a live run does. Behind the clock (`max` speed, a seek's rebuild, a
 * speed the ticks cannot keep up with) it feeds in slices that yield to the event loop, so control
 * calls and batches still go through.
 *
 * Views: the replayed symbol's views show the replay; views of any other symbol get an empty
 * reset (no trades of theirs are replayed) and stay empty until the replay ends.
 */
export class ReplayRun {
	readonly plan: ReplayPlan;
	#aggregator: SymbolAggregator;
	readonly #others = new Map<string, SymbolAggregator>();
	readonly #cursor: TickCursor;
	readonly #flusher: FlushScheduler;
	readonly #pump: TimerSlot;
	readonly #meter = new SliceMeter();
	readonly #tally = emptyTally();
	#clock: ReplayClock;
	#speed: ReplaySpeed;
	/** The user's choice; the clock is held while a seek rebuilds. */
	#playing = true;
	/** Trade time a seek must reach before the clock runs again; null when not seeking. */
	#seekTo: number | null = null;
	#ended = false;
	/** Trade time up to which every tick has been fed, ms. */
	#fedTo: number;
	#fed = 0;
	#stopped = false;
	readonly #listener: FeedListener;
	readonly #context: RunContext;
	readonly #tap = (columns: TickColumns, start: number, end: number): void =>
		this.#context.paper.replayTicks(this.plan.symbol, columns, start, end);

	constructor(plan: ReplayPlan, speed: ReplaySpeed, listener: FeedListener, context: RunContext) {
		this.#listener = listener;
		this.#context = context;
		this.plan = plan;
		const { deps } = context;
		this.#aggregator = new SymbolAggregator(plan.symbol.toUpperCase());
		this.#cursor = new TickCursor(plan.sources);
		this.#fedTo = plan.fromMs;
		this.#speed = speed;
		this.#clock = startClock(plan.fromMs, plan.toMs, speed, deps.now());
		this.#flusher = new FlushScheduler(
			deps.timers,
			() => this.#flush(),
			deps.flushMs,
			deps.statusMs
		);
		this.#pump = new TimerSlot(deps.timers);
	}

	start(): void {
		this.#context.views.restart(this.#context.views.symbols());
		this.#flusher.start();
		this.#flusher.now();
		this.#schedule(0);
	}

	stop(): void {
		this.#stopped = true;
		this.#pump.clear();
		this.#flusher.stop();
	}

	flushNow(): void {
		this.#flusher.now();
	}

	/** The replayed symbol's aggregator; an empty one for any other symbol. */
	aggregator(symbol: string): SymbolAggregator {
		const lower = symbol.toLowerCase();
		if (lower === this.plan.symbol) return this.#aggregator;
		let other = this.#others.get(lower);
		if (!other) {
			other = new SymbolAggregator(lower.toUpperCase());
			this.#others.set(lower, other);
		}
		return other;
	}

	control(command: ReplayCommand): void {
		const now = this.#context.deps.now();
		if (command.speed !== undefined) {
			this.#speed = command.speed;
			this.#clock = setClockSpeed(this.#clock, command.speed, now, this.#position(now));
		}
		if (command.seekMs !== undefined) this.#seek(command.seekMs, now);
		if (command.playing === true) this.#play(now);
		if (command.playing === false) this.#pause(now);
		this.#schedule(0);
		this.#flusher.news();
	}

	replayStatus(): ReplayStatus {
		const { sessionId, symbol, fromMs, toMs } = this.plan;
		const now = this.#context.deps.now();
		const speed = this.#speed;
		const playing = this.#playing;
		return {
			sessionId,
			symbol,
			fromMs,
			toMs,
			positionMs: this.#position(now),
			playing,
			speed,
			ended: this.#ended
		};
	}

	status(): FeedStatus {
		const now = this.#context.deps.now();
		const tally = this.#tally;
		const rejected: Record<string, number> = {};
		if (tally['out-of-order'] > 0) rejected['out-of-order'] = tally['out-of-order'];
		if (tally.invalid > 0) rejected['bad-value'] = tally.invalid;
		return {
			state: 'replay',
			detail: '',
			messagesPerSecond: this.#meter.perSecond(now),
			latencyMs: null,
			received: this.#fed,
			rejected,
			duplicates: tally.duplicate,
			reconnects: 0,
			source: 'replay',
			cache: this.#context.cache.status(),
			replay: this.replayStatus(),
			coalesced: this.#flusher.coalesced
		};
	}

	#play(now: number): void {
		if (this.#ended) {
			this.#seek(this.plan.fromMs, now);
		}
		this.#playing = true;
		if (this.#seekTo === null) this.#clock = playClock(this.#clock, now);
	}

	#pause(now: number): void {
		this.#playing = false;
		this.#clock = pauseClock(this.#clock, now, this.#position(now));
	}

	/**
	 * Backwards: fresh candles, rebuilt from the range start. Forwards: the candles so far are
	 * kept. Either way the clock is held at the target until the ticks up to it are fed.
	 */
	#seek(ms: number, now: number): void {
		const target = Math.min(this.plan.toMs, Math.max(this.plan.fromMs, ms));
		const reached = this.#cursor.lastTime;
		if (reached !== null && target < reached) {
			this.#aggregator = new SymbolAggregator(this.plan.symbol.toUpperCase());
			this.#cursor.rewind();
			this.#fedTo = this.plan.fromMs;
		}
		this.#ended = false;
		this.#seekTo = target;
		this.#clock = pauseClock(seekClock(this.#clock, target, now), now);
		this.#context.views.restart(this.#context.views.symbols());
	}

	/** Where the candles are: the clock's position, held back to what has been fed. */
	#position(now: number): number {
		if (this.#ended) return this.plan.toMs;
		if (this.#seekTo !== null) return this.#seekTo;
		return Math.min(clockTarget(this.#clock, now), this.#fedTo);
	}

	#schedule(ms: number): void {
		if (!this.#stopped) this.#pump.arm(ms, () => this.#step());
	}

	/** Feeds one slice and decides when to feed next. */
	#step(): void {
		try {
			const behind = this.#feedSlice();
			if (behind) return this.#schedule(0);
			if (this.#seekTo !== null) this.#seekDone();
			if (this.#checkEnd()) return;
			if (this.#playing && this.#clock.speed !== 'max') {
				this.#flusher.news();
				this.#schedule(PLAY_STEP_MS);
			}
		} catch (error) {
			this.#context.fault('replaying ticks', error);
		}
	}

	/** True when ticks due by now remain after this slice. */
	#feedSlice(): boolean {
		const { deps } = this.#context;
		const startedAt = deps.now();
		const target = this.#seekTo ?? clockTarget(this.#clock, startedAt);
		let fed = 0;
		let more = true;
		while (more && fed < SLICE_TICKS && deps.now() - startedAt < SLICE_MS) {
			const step = this.#cursor.feed(this.#aggregator, target, 4096, this.#tally, this.#tap);
			fed += step;
			more = step > 0;
		}
		if (fed > 0) {
			this.#fed += fed;
			this.#meter.add(startedAt, fed);
			this.#flusher.news();
		}
		const next = this.#cursor.nextTime();
		const behind = next !== null && next <= target;
		this.#fedTo = behind ? Math.max(this.plan.fromMs, this.#cursor.lastTime ?? 0) : target;
		return behind;
	}

	#seekDone(): void {
		const now = this.#context.deps.now();
		this.#seekTo = null;
		if (this.#playing) this.#clock = playClock(this.#clock, now);
	}

	/** Ends the replay once every tick is fed and the clock passed the range end. */
	#checkEnd(): boolean {
		const now = this.#context.deps.now();
		const done = this.#cursor.nextTime() === null;
		if (!done || clockTarget(this.#clock, now) < this.plan.toMs || !this.#clock.playing) {
			return false;
		}
		this.#ended = true;
		this.#playing = false;
		this.#clock = pauseClock(this.#clock, now);
		this.#flusher.now();
		return true;
	}

	/** Returns the page's answer to the post: nothing else goes out until it came (backpressure). */
	#flush(): unknown {
		if (this.#stopped) return;
		try {
			return postBatch(this.#context, this.#listener, (s) => this.aggregator(s), {
				status: this.status()
			});
		} catch (error) {
			this.#context.fault('building a replay batch', error);
		}
	}
}
