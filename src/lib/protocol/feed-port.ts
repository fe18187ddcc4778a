/**
 * The page's first message to the feed worker: the port every comlink call goes through from then
 * on. Chromium holds messages posted to a dedicated worker until the page's main thread has handled
 * the worker's start, so a call made during the page's first mount waited for the whole mount
 * (about 70 ms of a reload); a MessagePort, once it is in the worker, carries calls straight to the
 * worker's thread. The port is sent as the worker is created, while the page still loads.
 */
export const FEED_PORT = 'tickscope:feed-port';

export interface FeedPortMessage {
	readonly type: typeof FEED_PORT;
	readonly port: MessagePort;
}

export function isFeedPort(data: unknown): data is FeedPortMessage {
	return (
		typeof data === 'object' &&
		data !== null &&
		(data as { type?: unknown }).type === FEED_PORT &&
		(data as { port?: unknown }).port instanceof MessagePort
	);
}
