import type { ConnectionState } from '../../../binance/connection';

/**
 * What the feed workers of one origin's tabs say to each other over a BroadcastChannel, one
 * channel per stream host. The tab holding the socket (the leader) sends frames and its
 * connection state; the others (followers) say which streams they watch.
 */
export type TabMessage =
	/** Leader: frames as received, oldest first, with their local receive times (epoch ms). */
	| { readonly kind: 'frames'; readonly texts: readonly string[]; readonly at: readonly number[] }
	/** Leader: its connection's state changed (or a follower just announced itself). */
	| { readonly kind: 'state'; readonly state: ConnectionState; readonly detail: string }
	/** A tab took the socket over: followers answer with `want` at once. */
	| { readonly kind: 'leader'; readonly tab: string }
	/** Leader: it still runs, every `HEARTBEAT_MS` (a frozen tab's worker says nothing). */
	| { readonly kind: 'alive'; readonly tab: string }
	/** Follower: the streams it watches, repeated every `HEARTBEAT_MS` while it lives. */
	| { readonly kind: 'want'; readonly tab: string; readonly streams: readonly string[] }
	/** Follower: it stopped; its streams may go. */
	| { readonly kind: 'bye'; readonly tab: string };

/** The part of `BroadcastChannel` the shared socket uses. */
export interface ChannelLike {
	postMessage(message: TabMessage): void;
	addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
	/** Stops the channel: no more messages either way. */
	close(): void;
}

/** Opens the channel named `name`; null where the browser has no BroadcastChannel. */
export type ChannelFactory = (name: string) => ChannelLike | null;

/** Followers repeat their `want` this often; the leader forgets a tab silent for three of these. */
export const HEARTBEAT_MS = 2_000;

/**
 * A leader silent this long is taken to be frozen (a background tab the browser stopped): a
 * follower takes the socket from it, and gap repair fetches the trades of the silence.
 */
export const LEADER_SILENT_MS = 3 * HEARTBEAT_MS;

const KINDS = new Set(['frames', 'state', 'leader', 'alive', 'want', 'bye']);

/** A message from another tab of this app, or null for anything else on the channel. */
export function tabMessage(data: unknown): TabMessage | null {
	if (typeof data !== 'object' || data === null) return null;
	const kind = (data as { kind?: unknown }).kind;
	return typeof kind === 'string' && KINDS.has(kind) ? (data as TabMessage) : null;
}

/** The stream a combined-stream frame (`{"stream":"btcusdt@aggTrade","data":...}`) names; null for others (replies, notices). */
export function frameStream(text: string): string | null {
	const head = '{"stream":"';
	if (!text.startsWith(head)) return null;
	const end = text.indexOf('"', head.length);
	return end < 0 ? null : text.slice(head.length, end);
}

/** The lock and channel name of the socket to `wsBase`: tabs that stream from one host share one. */
export function sharedSocketName(wsBase: string): string {
	return `tickscope-socket ${wsBase}`;
}
