import type { FeedSource } from './feed-api';

/**
 * What the page is about to start the feed with, as far as the tick cache cares, given to the feed
 * worker in its name (`new Worker(url, { name })`): the one thing a worker can read before any
 * message reaches it. Messages from the page wait until the page's main thread has handled the
 * worker's start, which a reload's first mount holds back by tens of ms; with the hint the worker
 * reads the newest cached ticks meanwhile (feed/cache/restore-prefetch.ts). Only a hint: the
 * page's `start` decides, and a read it does not use is dropped.
 */
export interface FeedHint {
	readonly wsBase: string;
	readonly symbols: readonly string[];
	readonly source: FeedSource;
}

const NAME = 'tickscope-feed';

/** The worker's name: `tickscope-feed`, then the hint as JSON when there is one. */
export function feedWorkerName(hint: FeedHint | null): string {
	return hint === null ? NAME : `${NAME} ${JSON.stringify(hint)}`;
}

/** The hint in a worker's name; null when it has none or it is not one (never a throw). */
export function feedHintOf(name: string): FeedHint | null {
	if (!name.startsWith(`${NAME} `)) return null;
	let value: unknown;
	try {
		value = JSON.parse(name.slice(NAME.length + 1));
	} catch {
		return null;
	}
	if (typeof value !== 'object' || value === null) return null;
	const { wsBase, symbols, source } = value as Record<string, unknown>;
	const valid =
		typeof wsBase === 'string' &&
		Array.isArray(symbols) &&
		symbols.every((s) => typeof s === 'string') &&
		(source === 'binance' || source === 'demo');
	return valid ? { wsBase, symbols, source } : null;
}
