import { TimerSlot, type Timers } from '../../../core/timers';
import type { Connection, ConnectionHandlers, ConnectionState } from '../../../binance/connection';
import { streamsOfUrl, withStreams } from '../../../binance/connection-subscriptions';
import type { ConnectionRole } from '../../../protocol/data-quality';
import { WriterLock, type LockManagerLike } from '../../cache/cache-lock';
import { TabPeers } from './tab-peers';
import {
	frameStream,
	HEARTBEAT_MS,
	LEADER_SILENT_MS,
	sharedSocketName,
	tabMessage,
	type ChannelFactory,
	type ChannelLike,
	type TabMessage
} from './tab-messages';

/** Frames for other tabs go out at most this often, in one message: a message per frame costs too much. */
const FRAME_BATCH_MS = 10;

export interface SharedSocketOptions {
	/** The combined-stream URL of this tab's streams. */
	readonly url: string;
	/** The stream host: tabs streaming from one host share one socket. */
	readonly wsBase: string;
	readonly locks: LockManagerLike | null;
	readonly channel: ChannelFactory | null;
	/** This tab's own socket, made when it leads (or cannot share). */
	readonly connect: (url: string, handlers: ConnectionHandlers) => Connection;
	readonly timers: Timers;
	/** Epoch ms. */
	readonly now: () => number;
	/** Names this tab on the channel. */
	readonly tabId: string;
}

/**
 * One Binance socket for all tabs of the app. The tab whose feed worker holds the Web Lock of
 * the stream host (the leader) opens the socket for the streams every tab watches (SUBSCRIBE and
 * UNSUBSCRIBE on the open socket, never a reconnect) and sends its frames over a BroadcastChannel;
 * the others (followers) feed their own ingest from there. When the leader's tab closes, the
 * browser frees its lock: the next tab takes it, opens a socket, and gap repair fetches the trades
 * of the handover by id. Without Web Locks or BroadcastChannel each tab keeps its own socket.
 */
export class SharedSocket {
	readonly #options: SharedSocketOptions;
	readonly #handlers: ConnectionHandlers;
	readonly #lock: WriterLock;
	readonly #heartbeat: TimerSlot;
	readonly #batch: TimerSlot;
	readonly #peers = new TabPeers();
	#channel: ChannelLike | null = null;
	#socket: Connection | null = null;
	#mine: Set<string>;
	#url: string;
	#role: ConnectionRole = 'follows';
	#state: ConnectionState = 'connecting';
	#detail = 'Waiting for the tab that holds the connection';
	#texts: string[] = [];
	#at: number[] = [];
	#running = false;
	/** When a follower last heard the leader (epoch ms). */
	#leaderHeardAt = 0;

	constructor(options: SharedSocketOptions, handlers: ConnectionHandlers) {
		this.#options = options;
		this.#handlers = handlers;
		this.#url = options.url;
		this.#mine = new Set(streamsOfUrl(options.url));
		const name = sharedSocketName(options.wsBase);
		this.#lock = new WriterLock(options.locks, name, () => this.#demote());
		this.#heartbeat = new TimerSlot(options.timers);
		this.#batch = new TimerSlot(options.timers);
	}

	/** Whether this tab holds the socket, follows another tab's, or has its own (no sharing here). */
	get role(): ConnectionRole {
		return this.#role;
	}
	get state(): ConnectionState {
		return this.#socket?.state ?? this.#state;
	}
	get detail(): string {
		return this.#socket?.detail ?? this.#detail;
	}
	/** Sockets this tab opened (0 while it follows). */
	get attempts(): number {
		return this.#socket?.attempts ?? 0;
	}
	/** SUBSCRIBE and UNSUBSCRIBE messages this tab's socket sent. */
	get controlMessages(): number {
		return this.#socket?.controlMessages ?? 0;
	}

	start(): void {
		if (this.#running) return;
		this.#running = true;
		const { locks, channel } = this.#options;
		this.#channel =
			locks === null ? null : (channel?.(sharedSocketName(this.#options.wsBase)) ?? null);
		if (this.#channel === null) {
			this.#role = 'alone';
			this.#open();
			return;
		}
		this.#channel.addEventListener('message', (event) => this.#heard(tabMessage(event.data)));
		this.#leaderHeardAt = this.#options.now();
		this.#announce();
		void this.#lock.tryAcquire().then((held) => {
			if (!this.#running) return;
			if (held) this.#lead();
			else this.#lock.wait(() => this.#lead());
		});
	}

	stop(): void {
		if (!this.#running) return;
		this.#running = false;
		this.#heartbeat.clear();
		this.#batch.clear();
		const socket = this.#socket;
		this.#socket = null;
		socket?.stop();
		if (this.#role === 'holds') {
			this.#post({
				kind: 'state',
				state: 'reconnecting',
				detail: 'The tab holding the connection let go of it; another tab takes over'
			});
		} else if (this.#role === 'follows') this.#post({ kind: 'bye', tab: this.#options.tabId });
		this.#lock.release();
		this.#channel?.close();
		this.#channel = null;
	}

	/** This tab's streams are now those of `url`: the socket follows the union of all tabs'. */
	follow(url: string): void {
		this.#url = url;
		this.#mine = new Set(streamsOfUrl(url));
		if (this.#role === 'follows') this.#post(this.#want());
		else this.#refollow();
	}

	/** Binance announced a restart: the socket (if this tab holds it) hands over to a new one. */
	handover(): void {
		this.#socket?.handover();
	}

	#lead(): void {
		if (!this.#running || this.#role === 'holds') return;
		this.#role = 'holds';
		this.#heartbeat.clear();
		this.#open();
		this.#post({ kind: 'leader', tab: this.#options.tabId });
		this.#expireLater();
	}

	/**
	 * Another tab took the socket (this one was frozen, and its lock stolen): this tab closes its
	 * socket and follows, queued for the lock again.
	 */
	#demote(): void {
		if (!this.#running || this.#role !== 'holds') return;
		this.#role = 'follows';
		const socket = this.#socket;
		this.#socket = null;
		socket?.stop();
		this.#state = 'reconnecting';
		this.#detail = 'Another tab took the connection over; following it';
		this.#handlers.state(this.#state, this.#detail);
		this.#heartbeat.clear();
		this.#leaderHeardAt = this.#options.now();
		this.#announce();
		this.#lock.wait(() => this.#lead());
	}

	#open(): void {
		this.#socket = this.#options.connect(this.#unionUrl(), {
			frame: (text, at) => this.#frame(text, at),
			binary: () => this.#handlers.binary(),
			state: (state, detail) => {
				if (this.#peers.size > 0) this.#post({ kind: 'state', state, detail });
				this.#handlers.state(state, detail);
			}
		});
		this.#socket.start();
	}

	/** A frame of the socket this tab holds: to the tabs that watch its stream, this one included. */
	#frame(text: string, at: number): boolean {
		const stream = frameStream(text);
		const forPeers = stream !== null && this.#peers.watch(stream);
		if (forPeers) this.#queue(text, at);
		// Frames without a stream, or of a stream nobody else watches, are this tab's to judge.
		if (stream === null || this.#mine.has(stream) || !forPeers) {
			return this.#handlers.frame(text, at);
		}
		return true;
	}

	#queue(text: string, at: number): void {
		this.#texts.push(text);
		this.#at.push(at);
		if (!this.#batch.armed) this.#batch.arm(FRAME_BATCH_MS, () => this.#sendFrames());
	}

	#sendFrames(): void {
		if (this.#texts.length === 0) return;
		this.#post({ kind: 'frames', texts: this.#texts, at: this.#at });
		this.#texts = [];
		this.#at = [];
	}

	#heard(message: TabMessage | null): void {
		if (message === null || !this.#running) return;
		if (this.#role === 'holds') this.#heardAsLeader(message);
		else if (this.#role === 'follows') this.#heardAsFollower(message);
	}

	#heardAsLeader(message: TabMessage): void {
		if (message.kind === 'leader' && message.tab !== this.#options.tabId) {
			this.#demote();
		} else if (message.kind === 'want') {
			const added = !this.#peers.has(message.tab);
			if (this.#peers.want(message.tab, message.streams, this.#options.now())) this.#refollow();
			// A tab that just came learns the state at once, not with the next change.
			if (added) this.#post({ kind: 'state', state: this.state, detail: this.detail });
		} else if (message.kind === 'bye' && this.#peers.forget(message.tab)) this.#refollow();
	}

	#heardAsFollower(message: TabMessage): void {
		if (message.kind !== 'want' && message.kind !== 'bye') {
			this.#leaderHeardAt = this.#options.now();
		}
		switch (message.kind) {
			case 'frames':
				for (const [i, text] of message.texts.entries()) {
					const stream = frameStream(text);
					if (stream !== null && this.#mine.has(stream)) {
						this.#handlers.frame(text, message.at[i] ?? this.#options.now());
					}
				}
				return;
			case 'state':
				this.#state = message.state;
				this.#detail = message.detail;
				this.#handlers.state(message.state, message.detail);
				return;
			case 'leader':
				this.#post(this.#want());
				return;
		}
	}

	/**
	 * Followers say what they watch now and every heartbeat, so a new leader learns it too; a
	 * leader silent for LEADER_SILENT_MS has its socket taken over.
	 */
	#announce(): void {
		this.#post(this.#want());
		if (this.#options.now() - this.#leaderHeardAt > LEADER_SILENT_MS) this.#takeOver();
		this.#heartbeat.arm(HEARTBEAT_MS, () => this.#announce());
	}

	#takeOver(): void {
		this.#leaderHeardAt = this.#options.now();
		this.#lock.steal(() => this.#lead());
	}

	/** The leader says it runs, and forgets tabs that stopped announcing themselves (closed without a `bye`). */
	#expireLater(): void {
		this.#heartbeat.arm(HEARTBEAT_MS, () => {
			this.#post({ kind: 'alive', tab: this.#options.tabId });
			if (this.#peers.expire(this.#options.now() - 3 * HEARTBEAT_MS)) this.#refollow();
			this.#expireLater();
		});
	}

	#want(): TabMessage {
		return { kind: 'want', tab: this.#options.tabId, streams: [...this.#mine] };
	}

	#refollow(): void {
		this.#socket?.follow(this.#unionUrl());
	}

	/** This tab's streams first (a lone tab's URL stays its own), then the other tabs'. */
	#unionUrl(): string {
		return withStreams(this.#url, [...new Set([...this.#mine, ...this.#peers.streams()])]);
	}

	#post(message: TabMessage): void {
		this.#channel?.postMessage(message);
	}
}
