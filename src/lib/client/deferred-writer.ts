/**
 * Holds writes until the target can take them, then passes them straight through; while held,
 * only the latest value is kept. SvelteKit's `replaceState` throws until its router has started,
 * and that happens after the page's `onMount`, where the app first writes its URL.
 */
export class DeferredWriter<T> {
	readonly #write: (value: T) => void;
	#open = false;
	#pending: { value: T } | null = null;

	constructor(write: (value: T) => void) {
		this.#write = write;
	}

	write(value: T): void {
		if (this.#open) this.#write(value);
		else this.#pending = { value };
	}

	/** From now on writes go through; a held one goes first. */
	open(): void {
		this.#open = true;
		const pending = this.#pending;
		this.#pending = null;
		if (pending !== null) this.#write(pending.value);
	}
}
