import { describe, expect, it } from 'vitest';
import { relayNetworkEvents, type NetworkChannel } from './network-relay';

class FakeChannel implements NetworkChannel {
	closed = false;
	readonly #listeners: ((event: MessageEvent) => void)[] = [];
	addEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
		this.#listeners.push(listener);
	}
	close(): void {
		this.closed = true;
	}
	deliver(data: unknown): void {
		for (const listener of this.#listeners) listener(new MessageEvent('message', { data }));
	}
}

/** A worker scope that records the type of every event fired on it. */
function recordingScope() {
	const fired: string[] = [];
	const scope = new EventTarget();
	const dispatch = scope.dispatchEvent.bind(scope);
	scope.dispatchEvent = (event: Event) => {
		fired.push(event.type);
		return dispatch(event);
	};
	return { scope, fired };
}

describe('relayNetworkEvents', () => {
	it('fires relayed online and offline events on the scope, and nothing else', () => {
		const { scope, fired } = recordingScope();
		const channel = new FakeChannel();
		let offline = 0;
		scope.addEventListener('offline', () => (offline += 1));
		relayNetworkEvents(scope, channel);
		channel.deliver('offline');
		channel.deliver({ type: 'offline' });
		channel.deliver('message');
		channel.deliver(null);
		channel.deliver('online');
		expect(fired).toEqual(['offline', 'online']);
		expect(offline).toBe(1);
	});

	it('closes its channel when stopped', () => {
		const channel = new FakeChannel();
		relayNetworkEvents(new EventTarget(), channel)();
		expect(channel.closed).toBe(true);
	});
});
