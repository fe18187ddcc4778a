import type { Interval } from '../core/interval';
import type { FeedApi, FeedConfig, FeedListener, KlineRow } from '../protocol/feed-api';
import type { FrameClock } from './frame-scheduler';

/** Test helpers: a feed worker stand-in and animation frames run by hand. */

/** A worker stand-in: records calls, lets the test push batches through the listener it was given. */
export class FakeFeed implements FeedApi {
	calls: string[] = [];
	listener: FeedListener | null = null;
	failWatch = false;
	async start(c: FeedConfig, listener: FeedListener) {
		await new Promise((resolve) => setTimeout(resolve, 20));
		this.calls.push(`start ${c.symbols.join(',')}`);
		this.listener = listener;
	}
	watch(viewId: string, symbol: string, interval: Interval) {
		this.calls.push(`watch ${viewId} ${symbol} ${interval}`);
		return this.failWatch ? Promise.reject(new Error('no such symbol')) : Promise.resolve();
	}
	unwatch(viewId: string) {
		this.calls.push(`unwatch ${viewId}`);
		return Promise.resolve();
	}
	klines(symbol: string, interval: Interval): Promise<KlineRow[]> {
		this.calls.push(`klines ${symbol} ${interval}`);
		return Promise.resolve([]);
	}
	stop() {
		this.calls.push('stop');
		return Promise.resolve();
	}
}

export function manualFrames() {
	let due: (() => void)[] = [];
	const clock: FrameClock = {
		request: (callback) => due.push(callback),
		cancel: () => (due = [])
	};
	const frame = () => {
		const now = due;
		due = [];
		for (const callback of now) callback();
	};
	return { clock, frame, pending: () => due.length };
}

/** Waits (up to 2 s) for a condition that a message crossing a MessageChannel will make true. */
export async function until(done: () => boolean): Promise<void> {
	for (let i = 0; i < 400 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
	if (!done()) throw new Error('condition not met within 2 s');
}
