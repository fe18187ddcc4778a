import { openTickStore } from './idb-tick-store';
import { MemoryTickStore } from './memory-tick-store';
import type { TickStore, TickStoreOptions } from './tick-store';

export type OpenedTickStore =
	| { readonly store: TickStore; readonly mode: 'indexeddb' }
	| { readonly store: TickStore; readonly mode: 'memory'; readonly reason: string };

/**
 * The IndexedDB tick store, or, when IndexedDB is missing, refused (private windows, some embedded
 * browsers) or blocked by another tab, a memory store with the reason in words for the UI.
 */
export async function openTickStoreOrMemory(options: TickStoreOptions): Promise<OpenedTickStore> {
	try {
		return { store: await openTickStore(options), mode: 'indexeddb' };
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		return {
			store: new MemoryTickStore(options),
			mode: 'memory',
			reason: `Ticks are kept in memory only: ${detail}`
		};
	}
}
