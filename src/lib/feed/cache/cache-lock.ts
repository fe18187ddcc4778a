/** The part of the Web Locks API (`navigator.locks`) the tick cache and the shared socket use. */
export interface LockManagerLike {
	request(
		name: string,
		options: {
			readonly ifAvailable?: boolean;
			readonly signal?: AbortSignal;
			/** Takes the lock from its holder, whose request then rejects (AbortError). */
			readonly steal?: boolean;
		},
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
	/** Heard when a lock this worker held was stolen by another (see `steal`). */
	readonly #lost: () => void;
	#abort = new AbortController();
	#release: (() => void) | null = null;

	constructor(locks: LockManagerLike | null, name = WRITER_LOCK, lost: () => void = () => {}) {
		this.#locks = locks;
		this.#name = name;
		this.#lost = lost;
	}

	/** Takes the lock if it is free now; true when this worker holds it. */
	tryAcquire(): Promise<boolean> {
		const locks = this.#locks;
		if (locks === null) return Promise.resolve(true);
		return new Promise((resolve) => {
			let held = false;
			locks
				.request(this.#name, { ifAvailable: true }, (lock) => {
					if (lock === null) {
						resolve(false);
						return Promise.resolve();
					}
					held = true;
					resolve(true);
					return this.#hold();
				})
				// A lock API that refuses (an opaque origin) leaves this worker as the only writer;
				// a lock held and then stolen is lost.
				.catch(() => (held ? this.#stolen() : resolve(true)));
		});
	}

	/** Queues for the lock in the background; `granted` runs once it is ours (not after `release`). */
	wait(granted: () => void): void {
		this.#request(granted, false);
	}

	/**
	 * Takes the lock from its holder now (a holder that stopped answering: a frozen tab), leaving
	 * the queue; `granted` runs once it is ours. The holder hears of it through its `lost`.
	 */
	steal(granted: () => void): void {
		this.#abort.abort();
		this.#abort = new AbortController();
		this.#request(granted, true);
	}

	/** Lets go of the lock, or of the place in the queue. */
	release(): void {
		this.#abort.abort();
		this.#release?.();
		this.#release = null;
	}

	#request(granted: () => void, steal: boolean): void {
		const locks = this.#locks;
		if (locks === null) return;
		const signal = this.#abort.signal;
		let held = false;
		const options = steal ? { steal } : { signal };
		locks
			.request(this.#name, options, () => {
				if (signal.aborted) return Promise.resolve();
				held = true;
				granted();
				return this.#hold();
			})
			// Aborted by `release`: nothing was granted. Stolen once held: lost.
			.catch(() => {
				if (held && !signal.aborted) this.#stolen();
			});
	}

	#stolen(): void {
		this.#release = null;
		this.#lost();
	}

	#hold(): Promise<void> {
		return new Promise((resolve) => {
			this.#release = resolve;
		});
	}
}
