import { describe, expect, it } from 'vitest';
import { WORKER_STARTED } from '../protocol/worker-started';
import { feedWorkerStarted, whenRunning } from './feed-worker';

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
});
