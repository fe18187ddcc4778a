import { ReplayClock } from './clock.ts';
import { isHistoryMs, type ControlCommand, type Fault, type LastingFault } from './control.ts';
import type { Market } from './market.ts';
import { lapFor, ReplayScheduler, type SyntheticOptions } from './scheduler.ts';
import { WeightMeter } from './weight.ts';
import { StreamHub, type ControlRecord } from './ws-hub.ts';
import type { SentMiniTicker } from './mini-ticker.ts';

export interface BinanceServerOptions {
	/** Default `127.0.0.1`. */
	readonly host?: string;
	/** Default 0: any free port. */
	readonly port?: number;
	/** Recording files (names in `ws-recordings/` or absolute paths); default BTCUSDT + ETHUSDT 2024-08-08/09. */
	readonly recordings?: readonly string[];
	/** Replay speed, times real time; default 1. */
	readonly speed?: number;
	/**
	 * The replay clock starts this many ms after the recordings' start (also after a reset without
	 * its own `historyMs`): REST answers show the trades before it as history, streams begin at it.
	 * Default 0. Past the recordings' end only when looping.
	 */
	readonly historyMs?: number;
	/** Loop the recordings at their end with increasing ids and times; default false. */
	readonly loop?: boolean;
	/** A lasting fault to start with (`drop` is an action and ignored here); default `none`. */
	readonly fault?: Fault;
	/** Stream this symbol's recorded trades looped at `rate` aggTrades/s with fresh ids (implies loop). */
	readonly synthetic?: SyntheticOptions | readonly SyntheticOptions[] | null;
	/** Real ms between scheduler ticks; default 5. */
	readonly tickMs?: number;
	/** REST weight budget per minute; default 6000 (Binance's). */
	readonly weightLimit?: number;
	/** `Retry-After` seconds answered by the `http429` fault; default 2. */
	readonly retryAfterSeconds?: number;
	/** Messages per second a stream socket may send before it is closed with 1008; default 5, 0 = off. */
	readonly maxIncomingPerSecond?: number;
	/** Send `Access-Control-Expose-Headers` for the weight and Retry-After headers; default false. */
	readonly corsExposeHeaders?: boolean;
}

export interface ServerState {
	readonly connections: number;
	readonly connectionsOpened: number;
	readonly connectionsRejected: number;
	readonly clock: {
		readonly running: boolean;
		/** Replay time now, exchange ms. */
		readonly replayMs: number;
		/** Where the clock started: the recordings' start plus `historyMs`. */
		readonly startMs: number;
		/** The recordings' end (the clock stops there unless looping). */
		readonly endMs: number;
		/** How far after the recordings' start the clock started, ms. */
		readonly historyMs: number;
		/** Held still by the `paused` control. */
		readonly paused: boolean;
		readonly speed: number;
		readonly ended: boolean;
		/** Replay time up to which every due frame has been sent, ms. */
		readonly emittedMs: number;
	};
	readonly loop: boolean;
	readonly fault: LastingFault;
	readonly synthetic: SyntheticOptions | readonly SyntheticOptions[] | null;
	readonly symbols: string[];
	/** Frames sent per stream name, counted per socket. */
	readonly framesSent: Record<string, number>;
	/** Frames withheld by the `stall` fault. */
	readonly framesSuppressed: number;
	readonly garbageSent: number;
	/** Last aggTrade id `a` and trade id `t` sent to any socket, per upper-case symbol. */
	readonly lastSent: Record<string, { aggTradeId: number | null; tradeId: number | null }>;
	/** Streams of each open socket. */
	readonly subscriptions: string[][];
	/** Ids of the open sockets (1 for the first the server accepted since the last reset, then 2, ...). */
	readonly openConnections: number[];
	/** Control messages (SUBSCRIBE, UNSUBSCRIBE, ...) clients sent on open sockets since the last reset, oldest first. */
	readonly controlMessages: readonly ControlRecord[];
	/** The last `<s>@miniTicker` sent, per upper-case symbol; null before the first. */
	readonly miniTickers: Record<string, SentMiniTicker | null>;
	readonly restRequests: number;
	readonly usedWeight: number;
}

/** The server's moving parts and the switches that act on them. */
export class Runtime {
	fault: LastingFault;
	loop: boolean;
	opened = 0;
	rejected = 0;
	restRequests = 0;
	historyMs: number;
	readonly clock: ReplayClock;
	readonly hub: StreamHub;
	readonly scheduler: ReplayScheduler;
	readonly meter: WeightMeter;

	constructor(
		readonly market: Market,
		readonly options: BinanceServerOptions
	) {
		this.fault = options.fault === undefined || options.fault === 'drop' ? 'none' : options.fault;
		const synthetic = options.synthetic ?? null;
		this.loop = (options.loop ?? false) || synthetic !== null;
		this.historyMs = options.historyMs ?? 0;
		this.clock = new ReplayClock(
			this.startFor(this.historyMs, this.loop),
			this.loop ? null : market.endMs,
			options.speed ?? 1
		);
		this.hub = new StreamHub(() => this.fault);
		this.scheduler = new ReplayScheduler(market, this.clock, this.hub, {
			synthetic,
			tickMs: options.tickMs ?? 5
		});
		this.meter = new WeightMeter(options.weightLimit ?? 6000);
	}

	/** The end of the lap the clock is in: where it stops when looping is switched off. */
	private endOfLap(): number {
		const lap = lapFor(this.market);
		const index = Math.max(0, Math.floor((this.clock.now() - lap.originMs) / lap.periodMs));
		return this.market.endMs + index * lap.periodMs;
	}

	/** Where the clock starts with `historyMs` of history; a RangeError past the end without a loop. */
	private startFor(historyMs: number, loop: boolean): number {
		const span = this.market.endMs - this.market.startMs;
		if (!isHistoryMs(historyMs) || (!loop && historyMs > span)) {
			throw new RangeError(
				`historyMs ${historyMs} must be a whole number of ms from 0 to the recordings' ` +
					`${span} ms (more only when looping)`
			);
		}
		return this.market.startMs + historyMs;
	}

	/** Applies a command; a RangeError (nothing changed) when its history does not fit. */
	control(command: ControlCommand): void {
		if (command.historyMs !== undefined && !command.reset) {
			throw new RangeError('historyMs goes with reset: true (the clock starts there)');
		}
		if (command.reset) this.rewind(command);
		if (command.speed !== undefined) this.clock.setSpeed(command.speed);
		if (command.loop !== undefined && command.loop !== this.loop) {
			this.loop = command.loop || this.options.synthetic != null;
			this.clock.setEnd(this.loop ? null : this.endOfLap());
		}
		if (command.paused === true) this.pause();
		if (command.paused === false) this.clock.release();
		if (command.fault === 'drop') this.hub.dropAll();
		else if (command.fault !== undefined) this.fault = command.fault;
		this.scheduler.wake();
	}

	/** Holds the clock where REST and streams agree, having sent what is due by then. */
	private pause(): void {
		// Held first where it is: a running clock moves on while the settled time is sought (20 ms
		// of replay per real ms at speed 20), and `hold` never goes back, so a hold at a time found
		// from an earlier `now` could land past it, where REST shows trades no stream has sent.
		this.clock.hold(this.clock.now());
		this.clock.hold(this.scheduler.settledAt(this.clock.now()));
		// So the state this command answers counts every frame sent before the hold.
		if (this.clock.running) this.scheduler.tick();
	}

	/** Back to the start, `command.historyMs` (or the option's) after the recordings' start. */
	private rewind(command: ControlCommand): void {
		const historyMs = command.historyMs ?? this.options.historyMs ?? 0;
		const loop = (command.loop ?? this.loop) || this.options.synthetic != null;
		const start = this.startFor(historyMs, loop);
		this.historyMs = historyMs;
		this.hub.dropAll();
		this.hub.controlLog = [];
		// The end first: a clock re-anchored under the old end would stay capped at it.
		this.loop = loop;
		this.clock.setEnd(loop ? null : this.market.endMs);
		this.clock.reset(start);
		this.scheduler.reset();
	}

	onConnection(): void {
		this.opened += 1;
		this.clock.start();
		this.scheduler.wake();
	}

	state(): ServerState {
		const lastSent: ServerState['lastSent'] = {};
		const miniTickers: ServerState['miniTickers'] = {};
		for (const [symbol, replay] of this.scheduler.replays) {
			lastSent[symbol] = { aggTradeId: replay.lastAggTradeId, tradeId: replay.lastTradeId };
			miniTickers[symbol] = replay.lastMiniTicker;
		}
		return {
			connections: this.hub.connectionCount,
			connectionsOpened: this.opened,
			connectionsRejected: this.rejected,
			clock: {
				running: this.clock.running,
				replayMs: this.clock.now(),
				startMs: this.clock.startMs,
				endMs: this.market.endMs,
				historyMs: this.historyMs,
				paused: this.clock.held,
				speed: this.clock.speed,
				ended: this.clock.ended,
				emittedMs: this.scheduler.emittedMs
			},
			loop: this.loop,
			fault: this.fault,
			synthetic: this.options.synthetic ?? null,
			symbols: [...this.scheduler.replays.keys()],
			framesSent: Object.fromEntries(this.hub.framesSent),
			framesSuppressed: this.hub.framesSuppressed,
			garbageSent: this.hub.garbageSent,
			lastSent,
			subscriptions: this.hub.subscriptions(),
			openConnections: this.hub.openConnections(),
			controlMessages: [...this.hub.controlLog],
			miniTickers,
			restRequests: this.restRequests,
			usedWeight: this.meter.used()
		};
	}
}
