import { TimerSlot, type Timers } from '../core/timers';
import { controlMessage, type ControlMethod } from './streams';

/**
 * Keeps the open socket's streams equal to the wanted ones with SUBSCRIBE and UNSUBSCRIBE control
 * messages, not reconnects. Binance disconnects a client sending more than 5 messages a second
 * (control messages count), so changes are coalesced: whatever is wanted when a message can go
 * out is sent as one UNSUBSCRIBE and one SUBSCRIBE, messages spaced by `gapMs` (250 ms: at most 4
 * a second). A new socket carries the wanted streams in its URL: `opened` says so.
 */
export class SubscriptionQueue {
	/** Null until the first `want`: until then the socket's own streams stand. */
	#wanted: string[] | null = null;
	/** What the current socket streams (its URL's streams, then every change sent). */
	#held = new Set<string>();
	#nextId = 1;
	#sent = 0;
	readonly #gap: TimerSlot;
	readonly #gapMs: number;
	readonly #send: (text: string) => boolean;

	/** `send` writes to the open socket; false when none is open (the change waits for `opened`). */
	constructor(timers: Timers, send: (text: string) => boolean, gapMs = 250) {
		this.#gap = new TimerSlot(timers);
		this.#gapMs = gapMs;
		this.#send = send;
	}

	/** Control messages sent so far. */
	get sent(): number {
		return this.#sent;
	}

	/** The streams the current socket should carry, in order. */
	get wanted(): readonly string[] {
		return this.#wanted ?? [...this.#held];
	}

	/** A socket opened (or took over) with `streams` in its URL. */
	opened(streams: readonly string[]): void {
		this.#held = new Set(streams);
		this.flush();
	}

	/** Sockets are gone: nothing is held until the next `opened`. */
	closed(): void {
		this.#held = new Set();
		this.#gap.clear();
	}

	/** From now on the socket should carry `streams`; the difference goes out as soon as the pace allows. */
	want(streams: readonly string[]): void {
		this.#wanted = [...new Set(streams)];
		this.flush();
	}

	/** The next message now, unless the last one went out less than `gapMs` ago. */
	flush(): void {
		const list = this.#wanted;
		if (this.#gap.armed || list === null) return;
		const wanted = new Set(list);
		const drop = [...this.#held].filter((name) => !wanted.has(name));
		const add = list.filter((name) => !this.#held.has(name));
		if (drop.length > 0) this.#emit('UNSUBSCRIBE', drop);
		else if (add.length > 0) this.#emit('SUBSCRIBE', add);
	}

	#emit(method: ControlMethod, streams: string[]): void {
		if (!this.#send(controlMessage(method, streams, this.#nextId))) return;
		this.#nextId += 1;
		this.#sent += 1;
		for (const name of streams) {
			if (method === 'SUBSCRIBE') this.#held.add(name);
			else this.#held.delete(name);
		}
		this.#gap.arm(this.#gapMs, () => this.flush());
	}
}

/** The streams of a combined-stream URL (`.../stream?streams=a/b`), in order. */
export function streamsOfUrl(url: string): string[] {
	const query = url.indexOf('?streams=');
	if (query < 0) return [];
	return url
		.slice(query + '?streams='.length)
		.split('/')
		.filter((name) => name !== '');
}

/** The combined-stream `url` with `streams` in place of its own. */
export function withStreams(url: string, streams: readonly string[]): string {
	const query = url.indexOf('?streams=');
	const base = query < 0 ? url : url.slice(0, query);
	return `${base}?streams=${streams.join('/')}`;
}
