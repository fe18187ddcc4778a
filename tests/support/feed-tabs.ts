import { afterEach } from 'vitest';
import { fakeSocketClass } from '../../src/lib/binance/testing/connection-fakes';
import { systemTimers } from '../../src/lib/runtime/system-timers';
import { FeedService, type FeedDeps } from '../../src/lib/feed/feed-service';
import type { FeedBatch } from '../../src/lib/protocol/feed-api';

/** One tab's feed worker in a spec, and what it posted. */
export interface OfflineTab {
	readonly service: FeedService;
	readonly batches: FeedBatch[];
	readonly sockets: ReturnType<typeof fakeSocketClass>['sockets'];
	/** The socket it opened last. */
	readonly last: ReturnType<typeof fakeSocketClass>['last'];
	/** The status of its newest batch. */
	readonly status: () => FeedBatch['status'] | undefined;
}

/**
 * Feed workers of browser tabs for specs: fake sockets, REST unreachable (as when offline), the
 * clock stopped at `now`, every batch kept, the tick cache writing every 5 ms. Call it once at the
 * top of a spec file: every tab it makes is stopped after each test.
 */
export function useOfflineTabs(now: number): (extra?: Partial<FeedDeps>) => OfflineTab {
	const services: FeedService[] = [];
	afterEach(async () => {
		for (const service of services.splice(0)) await service.stop();
	});
	return (extra = {}) => {
		const batches: FeedBatch[] = [];
		const { Socket, sockets, last } = fakeSocketClass();
		const service = new FeedService({
			Socket,
			fetch: () => Promise.reject(new TypeError('offline')),
			now: () => now,
			timers: systemTimers,
			online: { isOnline: () => true, subscribe: () => () => {} },
			post: (_, batch) => void batches.push(batch),
			cache: { flushMs: 5 },
			...extra
		});
		services.push(service);
		return { service, batches, sockets, last, status: () => batches.at(-1)?.status };
	};
}
