/**
 * The page relays its `online`/`offline` events to the feed worker over a BroadcastChannel of this
 * name; each message is the event type as a string. Chromium updates a dedicated worker's
 * `navigator.onLine` but does not always fire the events in the worker (never under DevTools
 * network emulation, which Playwright's `context.setOffline` uses), so without the relay a live
 * feed would not notice the network going away. Every tab of the origin hears every tab's events:
 * they share the device's network, and a repeated event changes nothing.
 */
export const NETWORK_CHANNEL = 'tickscope-network';

export type NetworkEventType = 'online' | 'offline';

export const isNetworkEventType = (data: unknown): data is NetworkEventType =>
	data === 'online' || data === 'offline';
