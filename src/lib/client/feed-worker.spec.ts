import { expose, wrap } from 'comlink';
import { describe, expect, it } from 'vitest';
import { isFeedPort } from '../protocol/feed-port';
import { WORKER_STARTED } from '../protocol/worker-started';
import { FeedWorkerEndpoint, feedWorkerStarted, whenRunning } from './feed-worker';

/** A dedicated worker as the page sees it: messages it was sent, its own events. */
class FakeWorker extends EventTarget {
	readonly sent: unknown[] = [];
	terminated = false;
	postMessage(message: unknown): void {
		this.sent.push(message);
	}
	terminate(): void {
		this.terminated = true;
	}
}

/** Whether `promise` has settled after the pending microtasks ran. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
	let done = false;
	void promise.then(() => (done = true));
	await new Promise((resolve) => setTimeout(resolve, 0));
	return done;
}

describe('feed worker start', () => {
	it('is running at its "started" message or its load error, not at other messages', async () => {
		const worker = new EventTarget();
		const running = whenRunning(worker);
		worker.dispatchEvent(new MessageEvent('message', { data: { id: 'comlink-answer' } }));
		expect(await settled(running)).toBe(false);
		worker.dispatchEvent(new MessageEvent('message', { data: { type: WORKER_STARTED } }));
		expect(await settled(running)).toBe(true);

		const failing = new EventTarget();
		const failed = whenRunning(failing);
		failing.dispatchEvent(new Event('error'));
		expect(await settled(failed)).toBe(true);
	});

	it('does not keep the page waiting where no worker was started (no Worker in node)', async () => {
		expect(await settled(feedWorkerStarted(60_000))).toBe(true);
	});

	it('sends the worker a port first, and calls go over that port, not the worker', async () => {
		const worker = new FakeWorker();
		const endpoint = new FeedWorkerEndpoint(worker as unknown as Worker);
		const [first, ...rest] = worker.sent;
		expect(rest).toEqual([]);
		if (!isFeedPort(first)) throw new Error('the first message is not the feed port');
		expose({ twice: (n: number) => 2 * n }, first.port);
		const remote = wrap<{ twice(n: number): number }>(endpoint);
		expect(await remote.twice(21)).toBe(42);
		// The comlink call went over the port: the worker itself got nothing more.
		expect(worker.sent).toHaveLength(1);
		endpoint.terminate();
		expect(worker.terminated).toBe(true);
		first.port.close();
	});

	it('hears the worker’s own errors (a script that fails to load)', () => {
		const worker = new FakeWorker();
		const endpoint = new FeedWorkerEndpoint(worker as unknown as Worker);
		const heard: string[] = [];
		endpoint.addEventListener('error', (event) => heard.push(event.type));
		worker.dispatchEvent(new Event('error'));
		expect(heard).toEqual(['error']);
		endpoint.terminate();
	});
});
