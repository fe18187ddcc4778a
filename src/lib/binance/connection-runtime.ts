/**
 * What the connection needs from its host, injected so the browser worker and node tests both fit:
 * a socket constructor, timers and the network signal.
 */

import { TimerSlot, type Timers } from '../core/timers';

type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack'];

/** The part of a WebSocket used here; the browser `WebSocket` and node's `ws` both fit. */
export interface SocketLike {
	readonly readyState: number;
	onopen: Handler<unknown> | null;
	onmessage: Handler<{ readonly data: unknown }> | null;
	onclose: Handler<{ readonly code: number; readonly reason: string }> | null;
	onerror: Handler<unknown> | null;
	send(data: string): void;
	close(): void;
}
export type SocketConstructor = new (url: string) => SocketLike;

/** The device's network signal (`navigator.onLine` + `online`/`offline` events in a worker). */
export interface OnlineSignal {
	isOnline(): boolean;
	/** Calls `listener` on every change; returns the unsubscribe. */
	subscribe(listener: (online: boolean) => void): () => void;
}

export const alwaysOnline: OnlineSignal = { isOnline: () => true, subscribe: () => () => {} };

/** `WebSocket.OPEN`, the same in browsers and `ws`. */
export const OPEN = 1;

const noop = (): void => {};

/** One socket attempt and what the connection has seen of it (epoch ms). */
export interface Link {
	readonly socket: SocketLike;
	readonly createdAt: number;
	/** First market data; null while none came. */
	liveAt: number | null;
	lastDataAt: number;
	ended: boolean;
}

/** Creates a socket and routes its events; null when the constructor throws (a malformed URL). */
export function openLink(
	Socket: SocketConstructor,
	url: string,
	now: number,
	on: {
		message(link: Link, data: unknown): void;
		close(link: Link, event: { readonly code: number; readonly reason: string }): void;
	}
): Link | null {
	let socket: SocketLike;
	try {
		socket = new Socket(url);
	} catch {
		return null;
	}
	const link: Link = { socket, createdAt: now, liveAt: null, lastDataAt: now, ended: false };
	socket.onmessage = (event) => on.message(link, event.data);
	socket.onclose = (event) => on.close(link, event);
	// Browsers follow an error with a close; the close (or the watchdog) ends the link.
	socket.onerror = noop;
	socket.onopen = noop;
	return link;
}

/** Silences a socket and closes it. Handlers become no-ops, not null: `ws` throws on an unheard 'error'. */
export function retire(link: Link): void {
	link.ended = true;
	link.socket.onmessage = noop;
	link.socket.onclose = noop;
	link.socket.onerror = noop;
	link.socket.onopen = noop;
	link.socket.close();
}

/**
 * Control messages (SUBSCRIBE, UNSUBSCRIBE) spaced by a gap: Binance disconnects a client that
 * sends more than 5 messages per second.
 */
export class ControlQueue {
	#queue: { socket: SocketLike; text: string }[] = [];
	readonly #gap: TimerSlot;
	readonly #gapMs: number;

	constructor(timers: Timers, gapMs: number) {
		this.#gapMs = gapMs;
		this.#gap = new TimerSlot(timers);
	}

	send(socket: SocketLike, text: string): void {
		this.#queue.push({ socket, text });
		this.#pump();
	}

	clear(): void {
		this.#queue = [];
		this.#gap.clear();
	}

	#pump(): void {
		if (this.#gap.armed) return;
		const next = this.#queue.shift();
		if (!next) return;
		if (next.socket.readyState === OPEN) next.socket.send(next.text);
		this.#gap.arm(this.#gapMs, () => this.#pump());
	}
}
