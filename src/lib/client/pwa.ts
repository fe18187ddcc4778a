import { Workbox } from 'workbox-window';

/**
 * The installable app around the page: the service worker (registered with workbox-window in
 * production builds only, so `vite dev` never serves from a cache), the "Reload to update" flow,
 * and the request for persistent storage, whose answer the cache panel shows.
 */

/** A new version is installed and waiting. `apply` activates it and reloads once it controls the page. */
export interface PendingUpdate {
	apply(): void;
}

/** The parts of workbox-window's `Workbox` the update flow uses. */
export interface UpdateSource {
	addEventListener(type: 'waiting' | 'controlling', listener: () => void): void;
	messageSkipWaiting(): void;
}

/**
 * Offers every waiting version through `onUpdate`. Only a version the user accepted reloads the
 * page: the first install also takes control (clientsClaim) and must not reload under the user.
 * If the new version took control without us (accepted in another tab), `apply` just reloads.
 */
export function watchUpdates(
	source: UpdateSource,
	reload: () => void,
	onUpdate: (update: PendingUpdate) => void
): void {
	let waiting = false;
	let accepted = false;
	let takenOver = false;
	source.addEventListener('controlling', () => {
		if (accepted) reload();
		else if (waiting) takenOver = true;
	});
	source.addEventListener('waiting', () => {
		waiting = true;
		takenOver = false;
		onUpdate({
			apply() {
				if (takenOver) {
					reload();
					return;
				}
				accepted = true;
				source.messageSkipWaiting();
			}
		});
	});
}

/** Granted, refused, or unknown (no StorageManager here, or it failed). */
export type PersistResult = boolean | null;

/** `navigator.storage` as far as persistence goes. */
export interface PersistentStorage {
	persisted(): Promise<boolean>;
	persist(): Promise<boolean>;
}

let persistAnswer: PersistResult = null;

/** Whether the origin's storage is persistent, as last learned; null before the first answer. */
export function persistResult(): PersistResult {
	return persistAnswer;
}

/**
 * Asks once for persistent storage, after `asked` resolves (the first user interaction: Chromium
 * grants by engagement, Firefox shows a prompt that needs a gesture). Storage already persistent
 * is recorded without asking. The answer is kept for `persistResult()`.
 */
export async function requestPersistence(
	storage: PersistentStorage | undefined,
	asked: () => Promise<void>
): Promise<PersistResult> {
	persistAnswer = null;
	if (storage === undefined) return null;
	try {
		persistAnswer = await storage.persisted();
		if (persistAnswer) return true;
		await asked();
		persistAnswer = await storage.persist();
	} catch {
		persistAnswer = null;
	}
	return persistAnswer;
}

/** Resolves on the first pointer press or key press on `target`; never resolves once `signal` aborts. */
export function firstInteraction(target: EventTarget, signal: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		const done = new AbortController();
		const options = { once: true, signal: AbortSignal.any([signal, done.signal]) };
		const interacted = () => {
			done.abort();
			resolve();
		};
		target.addEventListener('pointerdown', interacted, options);
		target.addEventListener('keydown', interacted, options);
	});
}

/** A tab can stay open for days: look for a new version now and then, not only at load. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

export interface PwaOptions {
	/** A new version waits; show "Reload to update" and call `apply` when the user agrees. */
	readonly onUpdate: (update: PendingUpdate) => void;
}

/** Starts the PWA parts for this page; the returned function stops listening and checking. */
export function startPwa(options: PwaOptions): () => void {
	const stop = new AbortController();
	void requestPersistence(navigator.storage, () => firstInteraction(window, stop.signal));
	if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return () => stop.abort();
	const workbox = new Workbox(`${import.meta.env.BASE_URL}sw.js`);
	watchUpdates(workbox, () => location.reload(), options.onUpdate);
	void workbox.register().catch((error: unknown) => {
		console.warn(
			'The service worker could not be registered; the app will not work offline.',
			error
		);
	});
	const timer = setInterval(() => void workbox.update(), UPDATE_CHECK_MS);
	return () => {
		stop.abort();
		clearInterval(timer);
	};
}
