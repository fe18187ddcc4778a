import type { LockManagerLike } from '../cache/cache-lock';

const abortError = (): DOMException => new DOMException('The request was aborted', 'AbortError');

/**
 * Web Locks for tests, shared by several workers the way one origin's tabs share them: exclusive
 * locks, granted in request order, held until the callback's promise settles; `ifAvailable`
 * answers null at once when held; a `signal` takes a request out of the queue; `steal` takes the
 * lock at once, its holder's request rejecting.
 */
export class FakeLocks implements LockManagerLike {
	/** Per held name, how to take it from its holder (its request rejects). */
	readonly #held = new Map<string, () => void>();
	readonly #queues = new Map<string, (() => void)[]>();

	isHeld(name: string): boolean {
		return this.#held.has(name);
	}

	request(
		name: string,
		options: {
			readonly ifAvailable?: boolean;
			readonly signal?: AbortSignal;
			readonly steal?: boolean;
		},
		callback: (lock: unknown) => Promise<unknown>
	): Promise<unknown> {
		const { signal } = options;
		if (signal?.aborted === true) return Promise.reject(abortError());
		if (options.steal === true) {
			this.#held.get(name)?.();
			return this.#grant(name, callback);
		}
		if (!this.#held.has(name)) return this.#grant(name, callback);
		if (options.ifAvailable === true) return Promise.resolve().then(() => callback(null));
		return new Promise((resolve, reject) => {
			const queue = this.#queues.get(name) ?? [];
			const turn = () => {
				signal?.removeEventListener('abort', abort);
				this.#grant(name, callback).then(resolve, reject);
			};
			const abort = () => {
				queue.splice(queue.indexOf(turn), 1);
				reject(abortError());
			};
			signal?.addEventListener('abort', abort);
			queue.push(turn);
			this.#queues.set(name, queue);
		});
	}

	/** Holds `name` until the callback's promise settles, or until stolen (then rejects). */
	#grant(name: string, callback: (lock: unknown) => Promise<unknown>): Promise<unknown> {
		let stolen = false;
		return new Promise((resolve, reject) => {
			this.#held.set(name, () => {
				stolen = true;
				reject(abortError());
			});
			Promise.resolve()
				.then(() => callback({ name, mode: 'exclusive' }))
				.then(resolve, reject)
				.finally(() => {
					// A stolen lock belongs to its thief: settling the old callback frees nothing.
					if (stolen) return;
					this.#held.delete(name);
					this.#queues.get(name)?.shift()?.();
				});
		});
	}
}
