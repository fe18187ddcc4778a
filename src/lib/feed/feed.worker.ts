import { expose } from 'comlink';
import { systemTimers } from '../binance/connection-runtime';
import { postWithTransfer } from './comlink-post';
import { FeedService } from './feed-service';
import { scopeOnlineSignal } from './online-signal';

expose(
	new FeedService({
		Socket: WebSocket,
		fetch: (url, init) => fetch(url, init),
		now: () => performance.timeOrigin + performance.now(),
		timers: systemTimers,
		online: scopeOnlineSignal(self),
		post: postWithTransfer,
		log: (message, error) => console.warn(message, error)
	})
);
