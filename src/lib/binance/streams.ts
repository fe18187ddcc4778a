import { isValidSymbol, SYMBOL_SHAPE } from '../core/symbol';

/**
 * Stream names, the combined-stream URL and live SUBSCRIBE/UNSUBSCRIBE messages. Binance stream
 * names are lower-case; every followed symbol gets its trades (`@aggTrade`) and a top-20 book that
 * ticks every 100 ms (`@depth20@100ms`), which doubles as the liveness signal for the watchdog,
 * and its 24 h rolling ticker (`@miniTicker`, every second).
 */

/** Binance accepts at most 1024 streams per connection. */
export const MAX_STREAMS_PER_CONNECTION = 1024;

/** The streams one symbol needs, in a fixed order: trades, the book, the 24 h ticker. */
export function symbolStreams(symbol: string): string[] {
	assertSymbol(symbol);
	return [`${symbol}@aggTrade`, `${symbol}@depth20@100ms`, `${symbol}@miniTicker`];
}

/** Every stream for `symbols`, in the order given, each symbol once. */
export function streamNames(symbols: readonly string[]): string[] {
	const unique = [...new Set(symbols)];
	const names = unique.flatMap(symbolStreams);
	if (names.length === 0) throw new RangeError('at least one symbol is needed');
	if (names.length > MAX_STREAMS_PER_CONNECTION) {
		throw new RangeError(
			`${names.length} streams exceed Binance's ${MAX_STREAMS_PER_CONNECTION} per connection`
		);
	}
	return names;
}

/**
 * `<wsBase>/stream?streams=btcusdt@aggTrade/btcusdt@depth20@100ms/...`: one combined stream, so
 * every frame names its stream (a depth snapshot carries no symbol of its own).
 */
export function combinedStreamUrl(
	wsBase: string,
	symbols: readonly string[],
	/** A followed symbol whose best bid and ask are wanted as they change (`@bookTicker`). */
	quoted: string | null = null
): string {
	const base = wsBase.replace(/\/+$/, '');
	if (!/^wss?:\/\/[^/\s]+/.test(base)) {
		throw new RangeError(`not a WebSocket base URL: "${wsBase}" (expected wss://host[:port])`);
	}
	const names = streamNames(symbols);
	if (quoted !== null && symbols.includes(quoted)) names.push(`${quoted}@bookTicker`);
	return `${base}/stream?streams=${names.join('/')}`;
}

export type ControlMethod = 'SUBSCRIBE' | 'UNSUBSCRIBE';

/**
 * One control message for many streams. Binance counts every incoming message against 5 per second
 * per connection, so changes go out as one message, never one per stream. The answer is
 * `{"result":null,"id":<id>}`.
 */
export function controlMessage(
	method: ControlMethod,
	streams: readonly string[],
	id: number
): string {
	if (streams.length === 0) throw new RangeError(`${method} needs at least one stream`);
	return JSON.stringify({ method, params: streams, id });
}

/** The streams to add and drop when the followed symbols change from `before` to `after`. */
export function subscriptionChange(
	before: readonly string[],
	after: readonly string[]
): { subscribe: string[]; unsubscribe: string[] } {
	const old = new Set(before.flatMap(symbolStreams));
	const next = new Set(after.flatMap(symbolStreams));
	return {
		subscribe: [...next].filter((name) => !old.has(name)),
		unsubscribe: [...old].filter((name) => !next.has(name))
	};
}

function assertSymbol(symbol: string): void {
	if (!isValidSymbol(symbol)) {
		throw new RangeError(`not a Binance symbol: "${symbol}" (expected ${SYMBOL_SHAPE})`);
	}
}
