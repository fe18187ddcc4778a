/** The part of the Web Locks API (`navigator.locks`) the tick cache and the shared socket use. */
export interface LockManagerLike {
	request(
		name: string,
		options: { readonly ifAvailable?: boolean; readonly signal?: AbortSignal },
		callback: (lock: unknown) => Promise<unknown>
	): Promise<unknown>;
}

/** One tab of the origin writes the tick cache: the one whose feed worker holds this lock. */
export const WRITER_LOCK = 'tickscope-tick-writer';

/**
 * An origin-wide exclusive lock: by default the tick cache's writer lock; the shared socket
 * (live/tabs/shared-socket.ts) holds one under its own name. Held until `release` or until the
 * worker ends (the browser frees a lock when its holder goes away, so a closed tab never keeps
 * it). Without a lock API this worker assumes it is alone.
 */
export class WriterLock {
	readonly #locks: LockManagerLike | null;
	readonly #name: string;
	readonly #abort = new AbortController();
	#release: (() => void) | null = null;

	constructor(locks: LockManagerLike | null, name = WRITER_LOCK) {
		this.#locks = locks;
		this.#name = name;
	}

	/** Takes the lock if it is free now; true when this worker holds it. */
	tryAcquire(): Promise<boolean> {
		const locks = this.#locks;
		if (locks === null) return Promise.resolve(true);
		return new Promise((resolve) => {
			locks
				.request(this.#name, { ifAvailable: true }, (lock) => {
					if (lock === null) {
						resolve(false);
						return Promise.resolve();
					}
					resolve(true);
					return this.#hold();
				})
				// A lock API that refuses (an opaque origin) leaves this worker as the only writer.
				.catch(() => resolve(true));
		});
	}

	/** Queues for the lock in the background; `granted` runs once it is ours (not after `release`). */
	wait(granted: () => void): void {
		const locks = this.#locks;
		if (locks === null) return;
		const signal = this.#abort.signal;
		locks
			.request(this.#name, { signal }, () => {
				if (signal.aborted) return Promise.resolve();
				granted();
				return this.#hold();
			})
			// Aborted by `release`: nothing was granted.
			.catch(() => undefined);
	}

	/** Lets go of the lock, or of the place in the queue. */
	release(): void {
		this.#abort.abort();
		this.#release?.();
		this.#release = null;
	}

	#hold(): Promise<void> {
		return new Promise((resolve) => {
			this.#release = resolve;
		});
	}
}
