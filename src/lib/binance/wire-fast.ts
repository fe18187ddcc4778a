import type { EpochMs } from '../core/time';
import { makeTrade, type Trade } from '../core/trade';
import { FrameScan } from './wire-fast-scan';
import type { WireEvent } from './wire-event';
import type { StreamInfo } from './wire-streams';

/**
 * The strict fast path for the frames that dominate the hot path: combined-stream `@trade` and
 * `@aggTrade` frames exactly as Binance prints them, read with charCodeAt and slice, no JSON.parse.
 *
 * Accepted grammar (fixed key order, no whitespace, nothing else):
 *   {"stream":"<name>","data":{"e":"trade","E":<int>,"s":"<SYM>","t":<int>,"p":"<dec>",
 *     "q":"<dec>"[,"b":<int>,"a":<int>],"T":<int>,"m":<bool>,"M":<bool>}}
 *   {"stream":"<name>","data":{"e":"aggTrade","E":<int>,"s":"<SYM>","a":<int>,"p":"<dec>",
 *     "q":"<dec>","f":<int>,"l":<int>,"T":<int>,"m":<bool>,"M":<bool>}}
 * (`b`, `a` are the order ids older raw trade frames carried.) Everything accepted is valid JSON
 * whose values are exactly the ones read, and passes every check of the JSON.parse path (stream
 * kind, positive times, safe-integer ids, positive decimals, symbol equal to the stream's, l >= f),
 * so the event is the one that path builds. Anything else, valid or not, answers null and the
 * JSON.parse path, which stays the reference, decides.
 */

export type StreamLookup = (name: string) => StreamInfo | null;

/** What the scanner expects around a trade or aggTrade stream's name, built once per name. */
interface FastStream {
	readonly info: StreamInfo;
	/** `{"stream":"<name>","data":{"e":"<kind>","E":` */
	readonly head: string;
	/** The head after the name's closing quote. */
	readonly data: string;
	/** `,"s":"<SYMBOL>","<t or a>":`: the symbol must be exactly the stream's, in upper case. */
	readonly symbolKey: string;
}

const STREAM_OPEN = '{"stream":"';
const DATA_TRADE = ',"data":{"e":"trade","E":';
const DATA_AGG_TRADE = ',"data":{"e":"aggTrade","E":';
// Char codes of the one-letter keys.
const KEY_T = 84;
const KEY_M = 77;
const KEY_a = 97;
const KEY_b = 98;
const KEY_f = 102;
const KEY_l = 108;
const KEY_m = 109;
const KEY_p = 112;
const KEY_q = 113;

const scan = new FrameScan();
/** By stream name; null for names that are not trade or aggTrade streams. Bounded like wire.ts's. */
const streams = new Map<string, FastStream | null>();
const STREAMS_LIMIT = 256;
// Busy streams send runs of frames: one comparison against the last stream's head saves reading
// and hashing the name.
let lastStream: FastStream | null = null;

/** The trade event of a frame in the strict grammar above, or null to take the JSON.parse path. */
export function parseTradeFast(text: string, lookup: StreamLookup): WireEvent | null {
	scan.reset(text);
	const stream = readHead(lookup);
	if (stream === null) return null;
	const eventTime = scan.int();
	if (eventTime <= 0 || !scan.literal(stream.symbolKey)) return null;
	const symbol = stream.info.symbol;
	const trade = stream.info.kind === 'trade' ? readRawTrade(symbol) : readAggTrade(symbol);
	return trade === null ? null : { kind: 'trade', trade, eventTime: eventTime as EpochMs };
}

function readHead(lookup: StreamLookup): FastStream | null {
	if (lastStream !== null && scan.literal(lastStream.head)) return lastStream;
	if (!scan.literal(STREAM_OPEN)) return null;
	const name = scan.rawString();
	if (name === null) return null;
	let stream = streams.get(name);
	if (stream === undefined) {
		stream = fastStream(lookup(name));
		if (streams.size >= STREAMS_LIMIT) streams.clear();
		streams.set(name, stream);
	}
	if (stream === null || !scan.literal(stream.data)) return null;
	lastStream = stream;
	return stream;
}

/**
 * Trade and aggTrade stream names are `<letters and digits>@trade` or `@aggTrade` (see
 * classifyStream), so they need no escaping and the raw text between the quotes is the name.
 */
function fastStream(info: StreamInfo | null): FastStream | null {
	if (info === null || (info.kind !== 'trade' && info.kind !== 'aggTrade')) return null;
	const raw = info.kind === 'trade';
	const data = raw ? DATA_TRADE : DATA_AGG_TRADE;
	return {
		info,
		head: `${STREAM_OPEN}${info.name}"${data}`,
		data,
		symbolKey: `,"s":"${info.symbol}","${raw ? 't' : 'a'}":`
	};
}

/** Price and quantity of the last `readPriceQty`, valid only when it returned true. */
let price = '';
let qty = '';

function readPriceQty(): boolean {
	if (!scan.stringKey(KEY_p)) return false;
	const p = scan.decimal();
	if (p === null || !scan.stringKey(KEY_q)) return false;
	const q = scan.decimal();
	if (q === null) return false;
	price = p;
	qty = q;
	return true;
}

/** Trade time and side of the last `readTail`, valid only when it returned true. */
let time = 0;
let buyerMaker = false;

/** `,"T":<int>,"m":<bool>,"M":<bool>}}` to the very end. */
function readTail(): boolean {
	if (!scan.key(KEY_T)) return false;
	const t = scan.int();
	if (t <= 0 || !scan.key(KEY_m)) return false;
	const m = scan.bool();
	if (m < 0 || !scan.key(KEY_M) || scan.bool() < 0 || !scan.end()) return false;
	time = t;
	buyerMaker = m === 1;
	return true;
}

/** The order ids older raw trade frames carry; their values are not used. */
function skipOrderIds(): boolean {
	if (!scan.key(KEY_b)) return true;
	return scan.int() >= 0 && scan.key(KEY_a) && scan.int() >= 0;
}

// makeTrade, as in wire.ts, so both paths make trades of one shape for the aggregator.
function readRawTrade(symbol: string): Trade | null {
	const id = scan.int();
	if (id < 0 || !readPriceQty() || !skipOrderIds() || !readTail()) return null;
	return makeTrade(symbol, id, price, qty, time as EpochMs, buyerMaker);
}

function readAggTrade(symbol: string): Trade | null {
	const id = scan.int();
	if (id < 0 || !readPriceQty() || !scan.key(KEY_f)) return null;
	const first = scan.int();
	if (first < 0 || !scan.key(KEY_l)) return null;
	const last = scan.int();
	if (last < first || !readTail()) return null;
	return makeTrade(symbol, id, price, qty, time as EpochMs, buyerMaker, first, last);
}
