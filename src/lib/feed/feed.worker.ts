// First: tells the page the worker runs before the rest of it is evaluated (worker-started.ts).
import './worker-started';
import { expose } from 'comlink';
import { systemTimers } from '../runtime/system-timers';
import { postWithTransfer } from './live/comlink-post';
import { FeedService } from './feed-service';
import { relayNetworkEvents } from './live/network-relay';
import { scopeOnlineSignal } from './live/online-signal';
import { isFeedPort } from '../protocol/feed-port';
import { feedHintOf } from '../protocol/feed-hint';

// Read once: the getter costs about a microsecond, and the clock is read for every frame.
const timeOrigin = performance.timeOrigin;

relayNetworkEvents(self);
const service = new FeedService({
	Socket: WebSocket,
	fetch: (url, init) => fetch(url, init),
	now: () => timeOrigin + performance.now(),
	timers: systemTimers,
	online: scopeOnlineSignal(self),
	post: postWithTransfer,
	log: (message, error) => console.warn(message, error),
	// Private windows of some browsers have no IndexedDB, older ones no Web Locks.
	indexedDB: typeof indexedDB === 'undefined' ? null : indexedDB,
	locks: typeof navigator.locks === 'undefined' ? null : navigator.locks,
	channel: typeof BroadcastChannel === 'undefined' ? null : (name) => new BroadcastChannel(name),
	storage: typeof navigator.storage === 'undefined' ? null : navigator.storage
});
// The tick cache opens while the page still loads: the first start restores from it at once.
service.warmUp(feedHintOf(self.name));
// The page's calls come over the port it sends first (protocol/feed-port.ts): one client per
// worker, so the first port is the only one.
self.addEventListener('message', function onPort(event: MessageEvent) {
	if (!isFeedPort(event.data)) return;
	self.removeEventListener('message', onPort);
	expose(service, event.data.port);
});
