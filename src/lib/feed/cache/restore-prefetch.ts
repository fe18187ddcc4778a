import { newestPart, type RestoreBlock } from './restore-plan';
import { readPart, type RestoredPart } from './restore-part';
import type { TickCache } from './tick-cache';

interface ReadAhead extends RestoredPart {
	/** The newest tick when the part was read: the part is the restore's only if it still is. */
	readonly newest: number;
	readonly block: RestoreBlock;
}

/** The upper-case symbol of a store key (cache-keys.ts: `SYMBOL` or `host:port/SYMBOL`). */
const symbolOf = (key: string): string => key.slice(key.lastIndexOf('/') + 1);

/**
 * The newest part of each hinted symbol's cached window (restorePlan's first read), read as the
 * worker starts, before the page's `start` can reach it (protocol/feed-hint.ts says why that is
 * late). The restore takes a part once, and only when nothing newer was cached since it was read;
 * otherwise it reads the part itself. A failed read is simply not there to take.
 */
export class RestorePrefetch {
	readonly #reads = new Map<string, Promise<ReadAhead | null>>();

	constructor(cache: TickCache, keys: readonly string[]) {
		for (const key of keys)
			this.#reads.set(
				key,
				readAhead(cache, key).catch(() => null)
			);
	}

	/** The part of `key` read ahead, if it is `block` of the window ending at `newest`; once. */
	async take(key: string, newest: number, block: RestoreBlock): Promise<RestoredPart | null> {
		const read = this.#reads.get(key);
		if (read === undefined) return null;
		this.#reads.delete(key);
		const ahead = await read;
		const same =
			ahead !== null &&
			ahead.newest === newest &&
			ahead.block.fromMs === block.fromMs &&
			ahead.block.toMs === block.toMs;
		return same ? ahead : null;
	}
}

async function readAhead(cache: TickCache, key: string): Promise<ReadAhead | null> {
	const newest = await cache.newest(key);
	if (newest === null) return null;
	const block = newestPart(newest);
	return { ...(await readPart(cache, symbolOf(key), key, block)), newest, block };
}
