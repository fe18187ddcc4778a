import { describe, expect, it } from 'vitest';
import {
	firstInteraction,
	persistResult,
	requestPersistence,
	watchUpdates,
	type PendingUpdate,
	type PersistentStorage,
	type UpdateSource
} from './pwa';

/** workbox-window's lifecycle as the update flow sees it: events fired by hand, skip-waiting counted. */
class FakeWorkbox implements UpdateSource {
	skipWaitingSent = 0;
	readonly #listeners: Record<string, (() => void)[]> = {};

	addEventListener(type: 'waiting' | 'controlling', listener: () => void): void {
		(this.#listeners[type] ??= []).push(listener);
	}
	messageSkipWaiting(): void {
		this.skipWaitingSent += 1;
	}
	fire(type: 'waiting' | 'controlling'): void {
		for (const listener of this.#listeners[type] ?? []) listener();
	}
}

function flow() {
	const workbox = new FakeWorkbox();
	const updates: PendingUpdate[] = [];
	let reloads = 0;
	watchUpdates(
		workbox,
		() => (reloads += 1),
		(update) => updates.push(update)
	);
	return { workbox, updates, reloads: () => reloads };
}

describe('watchUpdates', () => {
	it('does not reload when the first install takes control of the page', () => {
		const { workbox, updates, reloads } = flow();
		workbox.fire('controlling');
		expect(updates).toEqual([]);
		expect(reloads()).toBe(0);
	});

	it('offers a waiting version and reloads only after it was accepted and took control', () => {
		const { workbox, updates, reloads } = flow();
		workbox.fire('waiting');
		expect(updates).toHaveLength(1);
		expect(workbox.skipWaitingSent).toBe(0);
		updates[0]?.apply();
		expect(workbox.skipWaitingSent).toBe(1);
		expect(reloads()).toBe(0);
		workbox.fire('controlling');
		expect(reloads()).toBe(1);
	});

	it('reloads at once when the new version took control without us (accepted in another tab)', () => {
		const { workbox, updates, reloads } = flow();
		workbox.fire('waiting');
		workbox.fire('controlling');
		expect(reloads()).toBe(0);
		updates[0]?.apply();
		expect(reloads()).toBe(1);
		expect(workbox.skipWaitingSent).toBe(0);
	});

	it('asks a version that arrives after a takeover to skip waiting again', () => {
		const { workbox, updates, reloads } = flow();
		workbox.fire('waiting');
		workbox.fire('controlling');
		workbox.fire('waiting');
		updates[1]?.apply();
		expect(workbox.skipWaitingSent).toBe(1);
		expect(reloads()).toBe(0);
	});
});

class FakeStorage implements PersistentStorage {
	asked = 0;
	#persistent: boolean;
	readonly #grants: boolean | Error;

	constructor(persistent: boolean, grants: boolean | Error) {
		this.#persistent = persistent;
		this.#grants = grants;
	}
	persisted(): Promise<boolean> {
		return Promise.resolve(this.#persistent);
	}
	persist(): Promise<boolean> {
		this.asked += 1;
		if (this.#grants instanceof Error) return Promise.reject(this.#grants);
		this.#persistent = this.#grants;
		return Promise.resolve(this.#grants);
	}
}

/** A gate the test opens by hand, standing in for the first user interaction. */
function gate() {
	let open = () => {};
	const opened = new Promise<void>((resolve) => (open = resolve));
	return { asked: () => opened, open };
}

describe('requestPersistence', () => {
	it('waits for the interaction, asks once and records the grant', async () => {
		const storage = new FakeStorage(false, true);
		const interaction = gate();
		const result = requestPersistence(storage, interaction.asked);
		await Promise.resolve();
		expect(storage.asked).toBe(0);
		expect(persistResult()).toBe(false);
		interaction.open();
		await expect(result).resolves.toBe(true);
		expect(storage.asked).toBe(1);
		expect(persistResult()).toBe(true);
	});

	it('records a refusal', async () => {
		const storage = new FakeStorage(false, false);
		await expect(requestPersistence(storage, () => Promise.resolve())).resolves.toBe(false);
		expect(persistResult()).toBe(false);
	});

	it('does not ask when storage is already persistent', async () => {
		const storage = new FakeStorage(true, false);
		const never = () => new Promise<void>(() => {});
		await expect(requestPersistence(storage, never)).resolves.toBe(true);
		expect(storage.asked).toBe(0);
		expect(persistResult()).toBe(true);
	});

	it('records unknown where there is no StorageManager or it fails', async () => {
		await expect(requestPersistence(undefined, () => Promise.resolve())).resolves.toBeNull();
		expect(persistResult()).toBeNull();
		const failing = new FakeStorage(false, new Error('SecurityError'));
		await expect(requestPersistence(failing, () => Promise.resolve())).resolves.toBeNull();
		expect(persistResult()).toBeNull();
	});
});

describe('firstInteraction', () => {
	it('resolves on the first pointer or key press and stops listening', async () => {
		const target = new EventTarget();
		let resolved = 0;
		const done = firstInteraction(target, new AbortController().signal).then(() => (resolved += 1));
		target.dispatchEvent(new Event('keydown'));
		target.dispatchEvent(new Event('pointerdown'));
		await done;
		expect(resolved).toBe(1);
	});

	it('never resolves once aborted', async () => {
		const target = new EventTarget();
		const stop = new AbortController();
		let resolved = false;
		void firstInteraction(target, stop.signal).then(() => (resolved = true));
		stop.abort();
		target.dispatchEvent(new Event('pointerdown'));
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(resolved).toBe(false);
	});
});
