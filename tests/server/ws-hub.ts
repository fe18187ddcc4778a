import { WebSocket } from 'ws';
import type { LastingFault } from './control.ts';
import { garbageFrame } from './garbage.ts';
import type { Outlet } from './symbol-replay.ts';

/** One stream connection: combined (`/stream`, frames wrapped) or raw (`/ws`). */
export interface StreamClient {
	/** 1 for the first connection the hub accepted, then 2, ...: which socket a control message came on. */
	readonly id: number;
	readonly socket: WebSocket;
	combined: boolean;
	readonly streams: Set<string>;
	/** Good frames sent while the garbage fault is on, to place malformed ones between them. */
	goodSent: number;
	garbageSent: number;
}

/** A control message a client sent on its open socket (SUBSCRIBE, UNSUBSCRIBE, ...). */
export interface ControlRecord {
	/** The StreamClient id of the socket it came on. */
	readonly connection: number;
	readonly method: string;
	readonly params: unknown;
	readonly id: unknown;
}

/** Control messages kept for the state, newest last. */
const CONTROL_LOG_LIMIT = 200;

/** With the garbage fault, one malformed frame follows every this many good ones. */
const GARBAGE_EVERY = 3;

/**
 * Routes replayed frames to the sockets subscribed to each stream. A frame is wrapped once per
 * publish for all combined clients; stall and garbage faults act here.
 */
export class StreamHub implements Outlet {
	readonly framesSent = new Map<string, number>();
	framesSuppressed = 0;
	garbageSent = 0;
	/** Control messages clients sent on their open sockets, oldest first (the newest CONTROL_LOG_LIMIT). */
	controlLog: ControlRecord[] = [];
	private nextClientId = 1;
	private readonly clients = new Set<StreamClient>();
	private readonly byStream = new Map<string, Set<StreamClient>>();

	constructor(private readonly fault: () => LastingFault) {}

	get connectionCount(): number {
		return this.clients.size;
	}

	add(socket: WebSocket, combined: boolean, streams: readonly string[]): StreamClient {
		const client: StreamClient = {
			id: this.nextClientId++,
			socket,
			combined,
			streams: new Set(),
			goodSent: 0,
			garbageSent: 0
		};
		this.clients.add(client);
		this.subscribe(client, streams);
		socket.on('close', () => this.remove(client));
		return client;
	}

	subscribe(client: StreamClient, streams: readonly string[]): void {
		for (const stream of streams) {
			client.streams.add(stream);
			let set = this.byStream.get(stream);
			if (!set) {
				set = new Set();
				this.byStream.set(stream, set);
			}
			set.add(client);
		}
	}

	unsubscribe(client: StreamClient, streams: readonly string[]): void {
		for (const stream of streams) {
			client.streams.delete(stream);
			const set = this.byStream.get(stream);
			set?.delete(client);
			if (set?.size === 0) this.byStream.delete(stream);
		}
	}

	/** Notes a control message `client` sent, for the state. */
	noteControl(client: StreamClient, method: string, params: unknown, id: unknown): void {
		this.controlLog.push({ connection: client.id, method, params, id });
		if (this.controlLog.length > CONTROL_LOG_LIMIT) this.controlLog.shift();
	}

	/** Ids of the open sockets. */
	openConnections(): number[] {
		return [...this.clients].map((client) => client.id);
	}

	/** Whether a control reply or frame may go out now (nothing does during a stall). */
	get silent(): boolean {
		return this.fault() === 'stall';
	}

	wants(stream: string): boolean {
		return this.byStream.has(stream);
	}

	publish(stream: string, data: string): void {
		const clients = this.byStream.get(stream);
		if (!clients) return;
		if (this.silent) {
			this.framesSuppressed += clients.size;
			return;
		}
		const garbage = this.fault() === 'garbage';
		let wrapped: string | null = null;
		let sent = 0;
		for (const client of clients) {
			if (client.socket.readyState !== WebSocket.OPEN) continue;
			const frame = client.combined ? (wrapped ??= `{"stream":"${stream}","data":${data}}`) : data;
			client.socket.send(frame);
			sent += 1;
			if (garbage) this.maybeGarbage(client, stream, data);
		}
		this.framesSent.set(stream, (this.framesSent.get(stream) ?? 0) + sent);
	}

	private maybeGarbage(client: StreamClient, stream: string, data: string): void {
		client.goodSent += 1;
		if (client.goodSent % GARBAGE_EVERY !== 0) return;
		client.socket.send(garbageFrame(client.garbageSent, stream, data, client.combined));
		client.garbageSent += 1;
		this.garbageSent += 1;
	}

	/** Closes every socket abruptly (no close frame), as a lost connection would. */
	dropAll(): void {
		for (const client of this.clients) client.socket.terminate();
	}

	subscriptions(): string[][] {
		return [...this.clients].map((client) => [...client.streams]);
	}

	private remove(client: StreamClient): void {
		this.unsubscribe(client, [...client.streams]);
		this.clients.delete(client);
	}
}
