/**
 * What a combined-stream name (`btcusdt@aggTrade`, `ethusdt@depth20@100ms`) carries, as far as
 * the wire parser cares: the symbol and whether the payload is used, ignored or unknown.
 */
export type StreamKind = 'trade' | 'aggTrade' | 'depth' | 'miniTicker' | 'bookTicker' | 'ignored';

export interface StreamInfo {
	/** The stream name exactly as received. */
	readonly name: string;
	/** Upper-case symbol, or '' for all-market streams (`!miniTicker@arr`). */
	readonly symbol: string;
	readonly kind: StreamKind;
}

const KLINE_INTERVALS = new Set([
	'1s',
	'1m',
	'3m',
	'5m',
	'15m',
	'30m',
	'1h',
	'2h',
	'4h',
	'6h',
	'8h',
	'12h',
	'1d',
	'3d',
	'1w',
	'1M'
]);

const PARTIAL_DEPTH = new Set(['depth5', 'depth10', 'depth20']);
const DEPTH_SPEEDS = new Set(['100ms', '1000ms']);

/** Streams Binance sends that the app does not use (yet): recognised, so they are not errors. */
const IGNORED = new Set(['ticker', 'avgPrice', 'ticker_1h', 'ticker_4h', 'ticker_1d']);

const ALL_MARKET = new Set([
	'!miniTicker@arr',
	'!ticker@arr',
	'!bookTicker',
	'!ticker_1h@arr',
	'!ticker_4h@arr',
	'!ticker_1d@arr'
]);

const SYMBOL_CHARS = /^[a-z0-9]{1,30}$/i;

/** Classifies a stream name once (the wire layer caches the answer); null for names it does not know. */
export function classifyStream(name: string): StreamInfo | null {
	if (ALL_MARKET.has(name)) return { name, symbol: '', kind: 'ignored' };
	const at = name.indexOf('@');
	const symbol = name.slice(0, at);
	if (at < 0 || !SYMBOL_CHARS.test(symbol)) return null;
	const kind = classifyTopic(name.slice(at + 1));
	return kind === null ? null : { name, symbol: symbol.toUpperCase(), kind };
}

function classifyTopic(topic: string): StreamKind | null {
	if (topic === 'trade' || topic === 'aggTrade' || topic === 'miniTicker') return topic;
	if (topic === 'bookTicker') return topic;
	const [base = '', option, extra] = topic.split('@');
	if (extra !== undefined) return null;
	if (PARTIAL_DEPTH.has(base) || base === 'depth') return depthTopicKind(base, option);
	if (base.startsWith('kline_')) return klineTopicKind(base.slice(6), option);
	return option === undefined && IGNORED.has(base) ? 'ignored' : null;
}

/** `depth20` (a top-N book, used) or `depth` (diffs, ignored), optionally at a speed: `depth20@100ms`. */
function depthTopicKind(base: string, option: string | undefined): StreamKind | null {
	if (option !== undefined && !DEPTH_SPEEDS.has(option)) return null;
	return PARTIAL_DEPTH.has(base) ? 'depth' : 'ignored';
}

/** `kline_1m`, or with a time zone offset: `kline_1m@+08:00`. */
function klineTopicKind(interval: string, option: string | undefined): StreamKind | null {
	if (!KLINE_INTERVALS.has(interval)) return null;
	return option === undefined || option === '+08:00' ? 'ignored' : null;
}
