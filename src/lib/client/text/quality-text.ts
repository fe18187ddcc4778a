import type { FeedStatus } from '../../protocol/feed-api';
import type {
	CandlesOnlySpan,
	ConnectionEvent,
	ConnectionRole,
	SymbolQuality
} from '../../protocol/data-quality';
import { formatSpan, formatUtcTime } from './time-text';

/** `"45 s"`, `"3 min"`, `"2 h"`: how long ago, coarse. */
export function agoWords(ms: number): string {
	const s = Math.max(0, Math.floor(ms / 1000));
	if (s < 120) return `${s} s`;
	if (s < 7200) return `${Math.floor(s / 60)} min`;
	return `${Math.floor(s / 3600)} h`;
}

/**
 * While the feed is not live, prices on screen are old: `"last trade 45 s ago"`. Empty when live,
 * in a replay, or before any trade.
 */
export function staleWords(status: FeedStatus, now: number): string {
	const at = status.quality?.lastTradeAt ?? null;
	if (status.state === 'live' || status.state === 'replay' || at === null) return '';
	return `last trade ${agoWords(now - at)} ago`;
}

/**
 * What is wrong with the trades now, for the status bar: a repair running, or trades that could
 * not be repaired. Empty when every gap was filled.
 */
export function gapWords(symbols: readonly SymbolQuality[]): string {
	const repairing = symbols.filter((s) => s.repairing).map((s) => s.symbol.toUpperCase());
	const missing = symbols.reduce((sum, s) => sum + s.unrecoverable, 0);
	const parts: string[] = [];
	if (repairing.length > 0) parts.push(`repairing a gap in ${repairing.join(', ')}`);
	if (missing > 0) parts.push(`${missing.toLocaleString('en-US')} trades missing`);
	return parts.join('; ');
}

const CONNECTION_WORDS: Readonly<Record<ConnectionRole, { title: string; why: string }>> = {
	holds: {
		title: 'This tab holds the connection',
		why: 'Other Tickscope tabs in this browser stream through it'
	},
	follows: {
		title: 'Follows another tab',
		why: 'Another Tickscope tab holds the one connection and relays its trades here'
	},
	alone: {
		title: 'This tab has its own connection',
		why: 'This browser cannot share one connection between tabs'
	}
};

/** Whose socket feeds this tab, as a title and a line of why. */
export function connectionWords(role: ConnectionRole): { title: string; why: string } {
	return CONNECTION_WORDS[role];
}

/** Milliseconds as a signed offset: `"+1,234 ms"`, `"unknown"`. */
export function offsetWords(ms: number | null): string {
	if (ms === null) return 'unknown';
	const sign = ms > 0 ? '+' : ms < 0 ? '−' : '';
	return `${sign}${Math.abs(ms).toLocaleString('en-US')} ms`;
}

/** `"12:04:05.123"` in local time. */
export function eventTime(event: ConnectionEvent): string {
	const d = new Date(event.at);
	const two = (n: number) => String(n).padStart(2, '0');
	const ms = String(d.getMilliseconds()).padStart(3, '0');
	return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${ms}`;
}

export const EVENT_LABEL: Readonly<Record<ConnectionEvent['kind'], string>> = {
	connect: 'connect',
	live: 'live',
	drop: 'drop',
	offline: 'offline',
	error: 'error',
	rollover: 'rollover',
	'repair-start': 'repair',
	'repair-end': 'repaired',
	'candles-only': 'candles only'
};

/**
 * `"Candles only 13:45:02–14:05:00 UTC (19m 58s, 61,234 trades not kept)"`: a stretch a gap longer
 * than the ticks kept left without trades (see CandlesOnlySpan), in UTC as the chart's axis.
 */
export function candlesOnlyWords(span: CandlesOnlySpan): string {
	const trades = span.trades.toLocaleString('en-US');
	const range = `${formatUtcTime(span.fromMs)}–${formatUtcTime(span.toMs)} UTC`;
	return `Candles only ${range} (${formatSpan(span.toMs - span.fromMs)}, ${trades} trades not kept)`;
}

/** The candles-only stretches of `symbol` (lower case) this run found, oldest first. */
export function candlesOnlySpans(status: FeedStatus | null, symbol: string): CandlesOnlySpan[] {
	const row = status?.quality?.symbols.find((s) => s.symbol === symbol);
	return [...(row?.candlesOnly ?? [])];
}

/** The open gaps of `symbol` (lower case) as chart markers: where each begins, and how many. */
export function openGaps(
	status: FeedStatus,
	symbol: string
): { readonly fromMs: number; readonly text: string }[] {
	const row = status.quality?.symbols.find((s) => s.symbol === symbol);
	return (row?.open ?? []).map((gap) => ({
		fromMs: gap.fromMs,
		text: `gap: ${(gap.toId - gap.fromId + 1).toLocaleString('en-US')} trades missing`
	}));
}
