import { NETWORK_CHANNEL, type NetworkEventType } from '../protocol/network';

/** Where the page's events go: a BroadcastChannel, or a fake in tests. */
export interface NetworkOutlet {
	postMessage(message: NetworkEventType): void;
	close(): void;
}

/**
 * Sends this window's `online`/`offline` events to the feed worker (protocol/network.ts says why).
 * Returns a function that stops forwarding.
 */
export function forwardNetworkEvents(
	scope: EventTarget,
	outlet: NetworkOutlet = new BroadcastChannel(NETWORK_CHANNEL)
): () => void {
	const stop = new AbortController();
	for (const type of ['online', 'offline'] as const) {
		scope.addEventListener(type, () => outlet.postMessage(type), { signal: stop.signal });
	}
	return () => {
		stop.abort();
		outlet.close();
	};
}
