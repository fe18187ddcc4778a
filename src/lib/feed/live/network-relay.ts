import { NETWORK_CHANNEL, isNetworkEventType } from '../../protocol/network';

/** Where relayed events arrive: a BroadcastChannel, or a fake in tests. */
export interface NetworkChannel {
	addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
	close(): void;
}

/**
 * Fires the page's relayed `online`/`offline` events on this worker's scope, where
 * `scopeOnlineSignal` listens for them (see protocol/network.ts for why the worker needs this).
 * Returns a function that stops relaying.
 */
export function relayNetworkEvents(
	scope: EventTarget,
	channel: NetworkChannel = new BroadcastChannel(NETWORK_CHANNEL)
): () => void {
	channel.addEventListener('message', (event) => {
		if (isNetworkEventType(event.data)) scope.dispatchEvent(new Event(event.data));
	});
	return () => channel.close();
}
