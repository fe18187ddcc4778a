import type { ChannelLike, TabMessage } from '../live/tabs/tab-messages';

/**
 * BroadcastChannels for tests, shared by several workers the way one origin's tabs share them: a
 * message goes, as a structured clone and a task later, to every other open channel of its name
 * (never back to its sender). `crash` closes a channel without a word, as a closed tab does.
 */
export class FakeChannels {
	readonly #open = new Set<FakeChannel>();
	/** Every message posted, in order, with its channel's name. */
	readonly posted: { readonly name: string; readonly message: TabMessage }[] = [];

	open = (name: string): FakeChannel => {
		const channel = new FakeChannel(name, this);
		this.#open.add(channel);
		return channel;
	};

	/** @internal */
	deliver(from: FakeChannel, message: TabMessage): void {
		this.posted.push({ name: from.name, message });
		const copy = structuredClone(message);
		for (const to of this.#open) {
			if (to !== from && to.name === from.name) void Promise.resolve().then(() => to.receive(copy));
		}
	}

	/** @internal */
	closed(channel: FakeChannel): void {
		this.#open.delete(channel);
	}
}

export class FakeChannel implements ChannelLike {
	readonly #listeners: ((event: { readonly data: unknown }) => void)[] = [];
	readonly #hub: FakeChannels;
	#closed = false;
	/** Messages held while frozen; null when not. */
	#inbox: unknown[] | null = null;

	constructor(
		readonly name: string,
		hub: FakeChannels
	) {
		this.#hub = hub;
	}

	postMessage(message: TabMessage): void {
		if (this.#closed) throw new DOMException('Channel is closed', 'InvalidStateError');
		// A frozen tab's worker runs nothing: what it would say is never said.
		if (this.#inbox !== null) return;
		this.#hub.deliver(this, message);
	}

	addEventListener(_type: 'message', listener: (event: { readonly data: unknown }) => void): void {
		this.#listeners.push(listener);
	}

	close(): void {
		this.#closed = true;
		this.#hub.closed(this);
	}

	/** @internal */
	receive(data: unknown): void {
		if (this.#closed) return;
		if (this.#inbox !== null) this.#inbox.push(data);
		else for (const listener of this.#listeners) listener({ data });
	}

	/** The tab is frozen (a background tab the browser stopped): it says nothing, hears later. */
	freeze(): void {
		this.#inbox ??= [];
	}

	/** The tab runs again: what came meanwhile is heard, in order. */
	thaw(): void {
		const inbox = this.#inbox ?? [];
		this.#inbox = null;
		for (const data of inbox) this.receive(data);
	}
}
