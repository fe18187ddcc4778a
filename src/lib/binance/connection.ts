/**
 * The lifecycle of the one market-data WebSocket: connect, notice death, back off, roll over.
 *
 * States: `connecting` (first attempt after start or after the network returns) -> `live` (on the
 * first frame that carries market data, not on open: a socket can open and stay silent) ->
 * `reconnecting` (after a close, an error or a watchdog kill; capped exponential backoff with
 * jitter) -> `live` again. `offline` while the device reports no network (no attempts are made).
 * `error` after `errorAfterFailures` consecutive attempts without any data: a browser cannot see an
 * HTTP 451/403 refusal of the handshake, so repeated silent failure is the only sign; it keeps
 * retrying at the slowest pace and says what a user can change.
 *
 * Binance allows 300 connection attempts per 5 minutes per IP. The backoff grows with failed
 * attempts only (refused, timed out, silent); a socket that delivered data and then dropped is
 * retried at once with jitter (`RetryPolicy`), since every second away is a gap to repair. A sliding
 * attempt budget (a fifth of Binance's limit by default) bounds every path, a flapping server and
 * handovers included.
 */

import { TimerSlot, type Timers } from '../core/timers';
import {
	AttemptBudget,
	closeWords,
	DEFAULT_TUNING,
	hostOf,
	refusalWords,
	RetryPolicy,
	seconds,
	type ConnectionTuning
} from './connection-policy';
import {
	alwaysOnline,
	ControlQueue,
	OPEN,
	openLink,
	retire,
	type Link,
	type OnlineSignal,
	type SocketConstructor,
	type SocketLike
} from './connection-runtime';
import { streamsOfUrl, SubscriptionQueue } from './connection-subscriptions';

export type { ConnectionTuning, OnlineSignal, SocketConstructor, SocketLike, Timers };

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'error';

export interface ConnectionHandlers {
	/** A text frame; return true when it carried market data (it marks the socket live and feeds the watchdog). Must not throw. */
	frame(text: string, receivedAt: number): boolean;
	/** A binary frame, which Binance's JSON streams never send. */
	binary(): void;
	state(state: ConnectionState, detail: string): void;
}

export interface ConnectionOptions {
	readonly url: string;
	readonly Socket: SocketConstructor;
	/** Epoch milliseconds. */
	readonly now: () => number;
	readonly timers: Timers;
	readonly online?: OnlineSignal;
	readonly random?: () => number;
	readonly tuning?: Partial<ConnectionTuning>;
}

const noop = (): void => {};

export class Connection {
	#url: string;
	#state: ConnectionState = 'connecting';
	#detail = '';
	#attempts = 0;
	#current: Link | null = null;
	#standby: Link | null = null;
	readonly #retryPolicy: RetryPolicy;
	#firstAttempt = true;
	#running = false;
	#unsubscribe = noop;
	readonly #tuning: ConnectionTuning;
	readonly #online: OnlineSignal;
	readonly #random: () => number;
	readonly #budget: AttemptBudget;
	readonly #retry: TimerSlot;
	readonly #watchdog: TimerSlot;
	readonly #rollover: TimerSlot;
	readonly #standbyTimeout: TimerSlot;
	readonly #control: ControlQueue;
	/** The streams wanted on the open socket, kept by SUBSCRIBE/UNSUBSCRIBE (connection-subscriptions.ts). */
	readonly #subscriptions: SubscriptionQueue;
	/** The streams each socket was opened with (its URL's). */
	readonly #linkStreams = new WeakMap<Link, readonly string[]>();
	readonly #options: ConnectionOptions;
	readonly #handlers: ConnectionHandlers;

	constructor(options: ConnectionOptions, handlers: ConnectionHandlers) {
		this.#options = options;
		this.#handlers = handlers;
		this.#url = options.url;
		this.#tuning = { ...DEFAULT_TUNING, ...options.tuning };
		this.#online = options.online ?? alwaysOnline;
		this.#random = options.random ?? Math.random;
		this.#budget = new AttemptBudget(this.#tuning.attemptBudget);
		this.#retryPolicy = new RetryPolicy(this.#tuning);
		this.#retry = new TimerSlot(options.timers);
		this.#watchdog = new TimerSlot(options.timers);
		this.#rollover = new TimerSlot(options.timers);
		this.#standbyTimeout = new TimerSlot(options.timers);
		this.#control = new ControlQueue(options.timers, this.#tuning.controlGapMs);
		this.#subscriptions = new SubscriptionQueue(
			options.timers,
			(text) => this.#sendNow(text),
			this.#tuning.controlGapMs
		);
		this.#subscriptions.want(streamsOfUrl(options.url));
	}

	get state(): ConnectionState {
		return this.#state;
	}
	get detail(): string {
		return this.#detail;
	}
	/** Sockets created since construction, handovers included. */
	get attempts(): number {
		return this.#attempts;
	}

	/** The URL for the next socket (a live symbol change also sends SUBSCRIBE/UNSUBSCRIBE). */
	setUrl(url: string): void {
		this.#url = url;
	}

	/**
	 * Follows the streams of the combined-stream `url` from now on without reconnecting: the open
	 * socket gets SUBSCRIBE/UNSUBSCRIBE (coalesced, at most one message per `controlGapMs`), and
	 * later sockets open with `url`.
	 */
	follow(url: string): void {
		this.#url = url;
		this.#subscriptions.want(streamsOfUrl(url));
	}

	/** SUBSCRIBE and UNSUBSCRIBE messages sent since construction. */
	get controlMessages(): number {
		return this.#subscriptions.sent;
	}

	start(): void {
		if (this.#running) return;
		this.#running = true;
		this.#firstAttempt = true;
		this.#unsubscribe = this.#online.subscribe((online) => this.#onlineChanged(online));
		if (this.#online.isOnline()) this.#open();
		else this.#goOffline();
	}

	stop(): void {
		this.#running = false;
		this.#unsubscribe();
		this.#unsubscribe = noop;
		this.#dropSockets();
	}

	/**
	 * Opens a second socket and closes the current one only once the new one delivers data, so no
	 * trade is missed (the overlap yields duplicates, dropped by id downstream). Used for the 24 h
	 * rollover and for Binance's `serverShutdown` notice. Ignored unless live and not already handing over.
	 */
	handover(): void {
		if (!this.#running || this.#current?.liveAt == null || this.#standby) return;
		const wait = this.#budget.waitMs(this.#options.now());
		if (wait > 0) {
			this.#rollover.arm(wait, () => this.handover());
			return;
		}
		const link = this.#createLink();
		if (!link) {
			this.#rollover.arm(this.#tuning.handoverRetryMs, () => this.handover());
			return;
		}
		this.#standby = link;
		this.#standbyTimeout.arm(this.#tuning.connectTimeoutMs, () =>
			this.#end(link, 'No data on the new connection')
		);
	}

	/** Queues a control message for the open socket, spaced by `controlGapMs`; false when none is open. */
	send(text: string): boolean {
		const socket = this.#current?.socket;
		if (socket?.readyState !== OPEN) return false;
		this.#control.send(socket, text);
		return true;
	}

	/** Subscription changes go only to a socket that is live (open, and its URL's streams flowing). */
	#sendNow(text: string): boolean {
		const link = this.#current;
		if (link?.liveAt == null || link.socket.readyState !== OPEN) return false;
		link.socket.send(text);
		return true;
	}

	#open(): void {
		const link = this.#createLink();
		if (this.#state !== 'error') {
			const host = hostOf(this.#url);
			if (this.#firstAttempt) this.#setState('connecting', `Connecting to ${host}`);
			else this.#setState('reconnecting', `Reconnecting to ${host} (attempt ${this.#attempts})`);
		}
		this.#firstAttempt = false;
		if (!link) {
			this.#failed(null, 'The WebSocket could not be created');
			return;
		}
		this.#current = link;
		this.#armWatchdog(this.#tuning.connectTimeoutMs);
	}

	#createLink(): Link | null {
		const now = this.#options.now();
		this.#attempts += 1;
		this.#budget.record(now);
		const link = openLink(this.#options.Socket, this.#url, now, {
			message: (link, data) => this.#message(link, data),
			close: (link, event) => this.#end(link, closeWords(event))
		});
		if (link) this.#linkStreams.set(link, streamsOfUrl(this.#url));
		return link;
	}

	#message(link: Link, data: unknown): void {
		if (link.ended) return;
		if (typeof data !== 'string') {
			this.#handlers.binary();
			return;
		}
		const receivedAt = this.#options.now();
		if (!this.#handlers.frame(data, receivedAt)) return;
		link.lastDataAt = receivedAt;
		if (link.liveAt === null) this.#becameLive(link, receivedAt);
	}

	#becameLive(link: Link, now: number): void {
		link.liveAt = now;
		this.#retryPolicy.reset();
		if (link === this.#standby) {
			this.#standbyTimeout.clear();
			if (this.#current) retire(this.#current);
			this.#current = link;
			this.#standby = null;
		}
		this.#setState('live', '');
		this.#subscriptions.opened(this.#linkStreams.get(link) ?? []);
		this.#armWatchdog(this.#tuning.watchdogMs);
		this.#rollover.arm(link.createdAt + this.#tuning.rolloverMs - now, () => this.handover());
	}

	#armWatchdog(ms: number): void {
		this.#watchdog.arm(ms, () => this.#checkWatchdog());
	}

	/** One timer per silence window, not one per frame: frames only stamp `lastDataAt`. */
	#checkWatchdog(): void {
		const link = this.#current;
		if (!link) return;
		const now = this.#options.now();
		const { connectTimeoutMs, watchdogMs } = this.#tuning;
		const [limit, since, words] =
			link.liveAt === null
				? [connectTimeoutMs, link.createdAt, 'since connecting']
				: [watchdogMs, link.lastDataAt, 'on a live connection'];
		const left = limit - (now - since);
		if (left > 0) this.#armWatchdog(left);
		else this.#end(link, `No market data for ${seconds(limit)} ${words}`);
	}

	#end(link: Link, reason: string): void {
		if (link.ended) return;
		retire(link);
		if (link === this.#standby) {
			this.#standby = null;
			this.#standbyTimeout.clear();
			this.#rollover.arm(this.#tuning.handoverRetryMs, () => this.handover());
			return;
		}
		if (link !== this.#current) return;
		this.#current = null;
		this.#watchdog.clear();
		this.#rollover.clear();
		this.#control.clear();
		this.#subscriptions.closed();
		const standby = this.#standby;
		if (standby) {
			// The handover socket is already on its way: let it take over.
			this.#current = standby;
			this.#standby = null;
			this.#standbyTimeout.clear();
			this.#setState('reconnecting', `${reason}; switching to the new connection`);
			this.#armWatchdog(this.#tuning.connectTimeoutMs - (this.#options.now() - standby.createdAt));
			return;
		}
		this.#failed(link, reason);
	}

	#failed(link: Link | null, reason: string): void {
		const now = this.#options.now();
		const policy = this.#retryPolicy;
		const delay = Math.max(
			policy.next(link?.liveAt != null, this.#random()),
			this.#budget.waitMs(now)
		);
		if (policy.refused) {
			this.#setState('error', refusalWords(hostOf(this.#url), policy.silentFailures));
		} else this.#setState('reconnecting', `${reason}; retrying in ${seconds(delay)}`);
		this.#retry.arm(delay, () => this.#open());
	}

	#onlineChanged(online: boolean): void {
		if (!this.#running) return;
		if (!online) {
			this.#goOffline();
		} else if (this.#state === 'offline') {
			this.#retryPolicy.reset();
			this.#firstAttempt = true;
			this.#open();
		}
	}

	#goOffline(): void {
		this.#dropSockets();
		this.#setState('offline', 'The device is offline; reconnecting when the network returns');
	}

	#dropSockets(): void {
		for (const slot of [this.#retry, this.#watchdog, this.#rollover, this.#standbyTimeout]) {
			slot.clear();
		}
		this.#control.clear();
		this.#subscriptions.closed();
		if (this.#current) retire(this.#current);
		if (this.#standby) retire(this.#standby);
		this.#current = null;
		this.#standby = null;
	}

	#setState(state: ConnectionState, detail: string): void {
		if (state === this.#state && detail === this.#detail) return;
		this.#state = state;
		this.#detail = detail;
		this.#handlers.state(state, detail);
	}
}
