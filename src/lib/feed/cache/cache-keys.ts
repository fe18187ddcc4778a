/**
 * Which cached ticks belong to which feed. Trade ids are per exchange: every Binance spot host
 * numbers a symbol's trades the same way, a test server or another exchange its own way. Ticks of
 * Binance spot are stored under the upper-case symbol (`BTCUSDT`); ticks from any other host under
 * `host:port/SYMBOL`, so the id dedup of one never drops the ticks of another.
 */

const BINANCE_SPOT_HOSTS = new Set(['data-stream.binance.vision', 'stream.binance.com']);

/** The namespace of a WebSocket base (`wss://host[:port]`): '' for Binance spot, else `host:port`. */
export function cacheNamespace(wsBase: string): string {
	const url = new URL(wsBase);
	return BINANCE_SPOT_HOSTS.has(url.hostname) ? '' : url.host;
}

/** Store key of a config symbol (`btcusdt`) in a namespace. */
export function cacheKey(namespace: string, symbol: string): string {
	const upper = symbol.toUpperCase();
	return namespace === '' ? upper : `${namespace}/${upper}`;
}

/** The config symbol (`btcusdt`) of a store key in `namespace`; null for keys of other namespaces. */
export function symbolOfKey(namespace: string, key: string): string | null {
	const slash = key.lastIndexOf('/');
	const owner = slash < 0 ? '' : key.slice(0, slash);
	return owner === namespace ? key.slice(slash + 1).toLowerCase() : null;
}
