/**
 * Test doubles for the connection's host: a socket driven by hand and a switchable network signal.
 * Plain TypeScript (no test runner, no node), so specs of the binance and feed layers share them.
 */
import { Connection, type ConnectionState } from '../connection';
import type { ConnectionTuning } from '../connection-policy';
import type { OnlineSignal, SocketLike } from '../connection-runtime';
import { systemTimers } from '../../runtime/system-timers';

/** A socket the test drives by hand: `open`, `receive`, `drop`. */
export class FakeSocket implements SocketLike {
	readyState = 0;
	onopen: SocketLike['onopen'] = null;
	onmessage: SocketLike['onmessage'] = null;
	onclose: SocketLike['onclose'] = null;
	onerror: SocketLike['onerror'] = null;
	readonly sent: string[] = [];
	closed = false;
	constructor(readonly url: string) {}
	send(data: string): void {
		this.sent.push(data);
	}
	close(): void {
		this.closed = true;
		this.readyState = 3;
	}
	open(): void {
		this.readyState = 1;
		this.onopen?.({});
	}
	receive(data: unknown): void {
		this.onmessage?.({ data });
	}
	drop(code = 1006): void {
		this.readyState = 3;
		this.onclose?.({ code, reason: '' });
	}
}

export class FakeOnline implements OnlineSignal {
	#listeners = new Set<(online: boolean) => void>();
	constructor(public online = true) {}
	isOnline(): boolean {
		return this.online;
	}
	subscribe(listener: (online: boolean) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}
	set(online: boolean): void {
		this.online = online;
		for (const listener of this.#listeners) listener(online);
	}
}

/** A socket class whose instances land in `sockets`, in creation order. */
export function fakeSocketClass(): {
	Socket: typeof FakeSocket;
	sockets: FakeSocket[];
	last: () => FakeSocket;
} {
	const sockets: FakeSocket[] = [];
	class Socket extends FakeSocket {
		constructor(url: string) {
			super(url);
			sockets.push(this);
		}
	}
	const last = (): FakeSocket => {
		const socket = sockets.at(-1);
		if (!socket) throw new Error('no socket yet');
		return socket;
	};
	return { Socket, sockets, last };
}

export const TEST_URL = 'wss://stream.test/stream?streams=btcusdt@aggTrade/btcusdt@depth20@100ms';

/** A connection on fake sockets and the host's timers (fake them in the test); random fixed at 0.5. */
export function connectionUnderTest(
	options: { tuning?: Partial<ConnectionTuning>; online?: FakeOnline } = {}
) {
	const { Socket, sockets, last } = fakeSocketClass();
	const states: [ConnectionState, string][] = [];
	const frames: string[] = [];
	let binary = 0;
	const connection = new Connection(
		{
			url: TEST_URL,
			Socket,
			now: () => Date.now(),
			timers: systemTimers,
			online: options.online,
			random: () => 0.5,
			tuning: options.tuning
		},
		{
			// Frames starting with "data" carry market data; anything else (a reply) does not.
			frame: (text) => (frames.push(text), text.startsWith('data')),
			binary: () => void (binary += 1),
			state: (state, detail) => void states.push([state, detail])
		}
	);
	return { connection, sockets, states, frames, last, binary: () => binary };
}
