import type { FeedSource, FeedState, FeedStatus, ReplayStatus } from '../../protocol/feed-api';
import { formatUtcTime } from './time-text';

export const STATE_LABEL: Readonly<Record<FeedState, string>> = {
	connecting: 'Connecting',
	live: 'Live',
	reconnecting: 'Reconnecting',
	offline: 'Offline',
	error: 'Error',
	replay: 'Replay'
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
	reconnects: 0,
	source: 'binance'
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

/** What feeds the candles, in words for the header badge. */
export const SOURCE_LABEL: Readonly<Record<FeedSource | 'replay', string>> = {
	binance: 'Binance',
	demo: 'DEMO · simulated market',
	replay: 'Replay'
};

/** `"1.5 MB"`, `"512 B"`, `"–"` when unknown: storage sizes, in powers of 1024. */
export function formatBytes(bytes: number | null): string {
	if (bytes === null || !Number.isFinite(bytes) || bytes < 0) return '–';
	const units = ['B', 'KB', 'MB', 'GB', 'TB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	const digits = unit === 0 || value >= 100 ? 0 : 1;
	return `${value.toFixed(digits)} ${units[unit] ?? 'B'}`;
}

export const speedText = (speed: ReplayStatus['speed']): string =>
	speed === 'max' ? 'max' : `${speed}x`;

/** The status line of a replay: `"BTCUSDT 23:54:15 → 00:05:05 · at 23:58:12 · 10x · paused"`. */
export function replayDetail(replay: ReplayStatus): string {
	const range = `${formatUtcTime(replay.fromMs)} → ${formatUtcTime(replay.toMs)}`;
	const state = replay.ended ? 'ended' : replay.playing ? 'playing' : 'paused';
	return [
		`${replay.symbol.toUpperCase()} ${range}`,
		`at ${formatUtcTime(replay.positionMs)}`,
		speedText(replay.speed),
		state
	].join(' · ');
}
