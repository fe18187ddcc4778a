import type { EpochMs } from '../core/time';
import type { Trade } from '../core/trade';
import { FrameScan } from './wire-fast-scan';
import type { StreamInfo } from './wire-streams';
import type { WireEvent } from './wire';

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

const STREAM_OPEN = '{"stream":"';
const DATA_TRADE = ',"data":{"e":"trade","E":';
const DATA_AGG_TRADE = ',"data":{"e":"aggTrade","E":';

const scan = new FrameScan();
// Busy streams send runs of frames: matching the last name in place saves slicing and hashing it.
let lastName = '';
let lastInfo: StreamInfo | null = null;

/** The trade event of a frame in the strict grammar above, or null to take the JSON.parse path. */
export function parseTradeFast(text: string, lookup: StreamLookup): WireEvent | null {
	scan.reset(text);
	const info = readStream(lookup);
	if (info === null) return null;
	const eventTime = scan.int();
	if (eventTime <= 0 || !scan.literal(',"s":"') || !scan.exactString(info.symbol)) return null;
	const trade = info.kind === 'trade' ? readRawTrade(info.symbol) : readAggTrade(info.symbol);
	return trade === null ? null : { kind: 'trade', trade, eventTime: eventTime as EpochMs };
}

/**
 * The stream name and the `data` opening up to `"E":`, when the name is a trade or aggTrade
 * stream and the event type matches it. Such names are `<letters and digits>@trade` or
 * `@aggTrade` (see classifyStream), so the raw text between the quotes is the name itself.
 */
function readStream(lookup: StreamLookup): StreamInfo | null {
	if (!scan.literal(STREAM_OPEN)) return null;
	let info: StreamInfo | null;
	if (scan.exactString(lastName)) {
		info = lastInfo;
	} else {
		const name = scan.rawString();
		if (name === null) return null;
		info = lookup(name);
		lastName = name;
		lastInfo = info;
	}
	if (info === null) return null;
	if (info.kind === 'trade') return scan.literal(DATA_TRADE) ? info : null;
	if (info.kind === 'aggTrade') return scan.literal(DATA_AGG_TRADE) ? info : null;
	return null;
}

/** Price and quantity of the last `readPriceQty`, valid only when it returned true. */
let price = '';
let qty = '';

function readPriceQty(): boolean {
	if (!scan.literal(',"p":"')) return false;
	const p = scan.decimal();
	if (p === null || !scan.literal(',"q":"')) return false;
	const q = scan.decimal();
	if (q === null) return false;
	price = p;
	qty = q;
	return true;
}

/** `"T":<int>,"m":<bool>,"M":<bool>}}` to the end; fills `time` and `buyerMaker`. */
let time = 0;
let buyerMaker = false;

function readTail(): boolean {
	if (!scan.literal(',"T":')) return false;
	const t = scan.int();
	if (t <= 0 || !scan.literal(',"m":')) return false;
	const m = scan.bool();
	if (m < 0 || !scan.literal(',"M":') || scan.bool() < 0) return false;
	if (!scan.literal('}}') || !scan.atEnd()) return false;
	time = t;
	buyerMaker = m === 1;
	return true;
}

/** The order ids older raw trade frames carry; their values are not used. */
function skipOrderIds(): boolean {
	if (!scan.literal(',"b":')) return true;
	return scan.int() >= 0 && scan.literal(',"a":') && scan.int() >= 0;
}

// Property order as in wire.ts, so both paths make trades of one shape for the aggregator.
function readRawTrade(symbol: string): Trade | null {
	if (!scan.literal(',"t":')) return null;
	const id = scan.int();
	if (id < 0 || !readPriceQty() || !skipOrderIds() || !readTail()) return null;
	return {
		symbol,
		id,
		price,
		qty,
		time: time as EpochMs,
		buyerMaker,
		count: 1,
		firstTradeId: id,
		lastTradeId: id
	};
}

function readAggTrade(symbol: string): Trade | null {
	if (!scan.literal(',"a":')) return null;
	const id = scan.int();
	if (id < 0 || !readPriceQty() || !scan.literal(',"f":')) return null;
	const first = scan.int();
	if (first < 0 || !scan.literal(',"l":')) return null;
	const last = scan.int();
	if (last < first || !readTail()) return null;
	return {
		symbol,
		id,
		price,
		qty,
		time: time as EpochMs,
		buyerMaker,
		count: last - first + 1,
		firstTradeId: first,
		lastTradeId: last
	};
}
