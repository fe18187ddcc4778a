import type { FeedState, FeedStatus } from '../protocol/feed-api';

export const STATE_LABEL: Readonly<Record<FeedState, string>> = {
	connecting: 'Connecting',
	live: 'Live',
	reconnecting: 'Reconnecting',
	offline: 'Offline',
	error: 'Error'
};

/** The status shown before the worker's first batch. */
export const STARTING_STATUS: FeedStatus = {
	state: 'connecting',
	detail: 'Starting the feed',
	messagesPerSecond: 0,
	latencyMs: null,
	received: 0,
	rejected: {},
	duplicates: 0,
	reconnects: 0
};

export function rejectedTotal(rejected: Readonly<Record<string, number>>): number {
	return Object.values(rejected).reduce((sum, n) => sum + n, 0);
}

/** `"bad-value 2, malformed-json 1"`, largest first, for a tooltip. */
export function rejectedBreakdown(rejected: Readonly<Record<string, number>>): string {
	const entries = Object.entries(rejected).filter(([, n]) => n > 0);
	if (entries.length === 0) return 'nothing rejected';
	return entries
		.sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
		.map(([reason, n]) => `${reason} ${n}`)
		.join(', ');
}

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** Counts stay exact up to a million, then compact: `"987,654"`, `"1.2M"`. */
export function formatCount(n: number): string {
	return n < 1_000_000 ? grouped.format(n) : compact.format(n);
}

export function formatLatency(ms: number | null): string {
	if (ms === null || !Number.isFinite(ms)) return '–';
	return ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : `${Math.round(ms)} ms`;
}

export function formatRate(perSecond: number): string {
	return perSecond >= 100 ? grouped.format(perSecond) : perSecond.toFixed(perSecond < 10 ? 1 : 0);
}
