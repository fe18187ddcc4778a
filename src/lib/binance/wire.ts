import type { EpochMs } from '../core/time';
import { makeTrade } from '../core/trade';
import type { DepthLevel, RejectReason, WireEvent } from './wire-event';
import { parseTradeFast } from './wire-fast';
import { classifyStream, type StreamInfo } from './wire-streams';
import { decimalKind, isCount, isPositiveDecimal, isPositiveInt, showValue } from './wire-values';

export type { DepthBook, DepthLevel, RejectReason, WireEvent } from './wire-event';

type Payload = Record<string, unknown>;

/** Longest slice of a bad frame quoted back in a rejection detail. */
const QUOTE_LIMIT = 80;

/**
 * Stream names repeat on every frame: classify each once. Bounded, because a hostile or broken
 * peer could send endless distinct names.
 */
const streamCache = new Map<string, StreamInfo | null>();
const STREAM_CACHE_LIMIT = 256;
// Busy streams send runs of frames: comparing with the last name is cheaper than hashing it
// for the map (a few % of the whole parse in the core bench).
let lastName = '';
let lastInfo: StreamInfo | null = null;

function lookupStream(name: string): StreamInfo | null {
	if (name === lastName) return lastInfo;
	let info = streamCache.get(name);
	if (info === undefined) {
		info = classifyStream(name);
		if (streamCache.size >= STREAM_CACHE_LIMIT) streamCache.clear();
		streamCache.set(name, info);
	}
	lastName = name;
	lastInfo = info;
	return info;
}

function rejected(reason: RejectReason, detail: string): WireEvent {
	return { kind: 'rejected', reason, detail };
}

function badValue(stream: string, field: string, value: unknown): WireEvent {
	return rejected('bad-value', `${stream} ${field} ${showValue(value)}`);
}

function isPayload(value: unknown): value is Payload {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Turns one WebSocket text frame into an event. Never throws: anything unexpected becomes a
 * `rejected` event with the reason and the offending field, for counting and logging.
 * Trade frames in Binance's exact layout take a scanner (wire-fast.ts) that skips JSON.parse;
 * it gives the same event as `parseFrameSlow` or leaves the frame to it.
 */
export function parseFrame(text: string): WireEvent {
	return parseTradeFast(text, lookupStream) ?? parseFrameSlow(text);
}

/** The reference path: JSON.parse, then every check on the parsed value. Same contract as `parseFrame`. */
export function parseFrameSlow(text: string): WireEvent {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		return rejected('malformed-json', `${message.slice(0, QUOTE_LIMIT)}: ${quote(text)}`);
	}
	if (!isPayload(value)) return rejected('not-a-frame', `not an object: ${quote(text)}`);
	const stream = value.stream;
	if (typeof stream === 'string') return parseCombined(stream, value.data);
	return parseControl(value, text);
}

function quote(text: string): string {
	return text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}...` : text;
}

function parseCombined(stream: string, data: unknown): WireEvent {
	if (!isPayload(data)) return rejected('not-a-frame', `${stream} data ${showValue(data)}`);
	const info = lookupStream(stream);
	if (info === null) {
		if (data.e === 'serverShutdown') return parseShutdown(data, stream);
		return rejected('unknown-stream', `stream ${showValue(stream)}`);
	}
	switch (info.kind) {
		case 'trade':
			return parseRawTrade(info, data);
		case 'aggTrade':
			return parseAggTrade(info, data);
		case 'depth':
			return parseDepth(info, data);
		case 'miniTicker':
			return parseMiniTicker(info, data);
		case 'bookTicker':
			return parseBookTicker(info, data);
		case 'ignored':
			return { kind: 'ignored', stream };
	}
}

/** Frames without a stream wrapper: answers to SUBSCRIBE and friends, and control events. */
function parseControl(value: Payload, text: string): WireEvent {
	const id = value.id;
	if ('result' in value && (typeof id === 'number' || typeof id === 'string')) {
		return { kind: 'reply', id, result: value.result };
	}
	if (value.e === 'serverShutdown') return parseShutdown(value, 'serverShutdown');
	if ('code' in value && 'msg' in value) {
		return rejected('not-a-frame', `error reply ${showValue(id)}: ${quote(JSON.stringify(value))}`);
	}
	return rejected('not-a-frame', `neither a stream frame nor a reply: ${quote(text)}`);
}

function parseShutdown(data: Payload, where: string): WireEvent {
	const time = data.E;
	if (!isPositiveInt(time)) return badValue(where, 'E', time);
	return { kind: 'shutdown', eventTime: time as EpochMs };
}

/** The fields raw trades and aggTrades share; returns the first bad one, or null. */
function sharedFault(info: StreamInfo, data: Payload): string | null {
	if (!isPositiveInt(data.E)) return 'E';
	if (!isPositiveInt(data.T)) return 'T';
	if (!isPositiveDecimal(data.p)) return 'p';
	if (!isPositiveDecimal(data.q)) return 'q';
	if (typeof data.m !== 'boolean') return 'm';
	const symbol = data.s;
	if (symbol === info.symbol) return null;
	return typeof symbol === 'string' && symbol.toUpperCase() === info.symbol ? null : 's';
}

function rawTradeFault(info: StreamInfo, data: Payload): string | null {
	if (data.e !== 'trade') return 'e';
	if (!isCount(data.t)) return 't';
	return sharedFault(info, data);
}

function aggTradeFault(info: StreamInfo, data: Payload): string | null {
	if (data.e !== 'aggTrade') return 'e';
	if (!isCount(data.a)) return 'a';
	if (!isCount(data.f)) return 'f';
	if (!isCount(data.l) || data.l < data.f) return 'l';
	return sharedFault(info, data);
}

// The casts below restate what the fault checks just proved about each field.
function parseRawTrade(info: StreamInfo, data: Payload): WireEvent {
	const fault = rawTradeFault(info, data);
	if (fault !== null) return badValue(info.name, fault, data[fault]);
	const trade = makeTrade(
		info.symbol,
		data.t as number,
		data.p as string,
		data.q as string,
		data.T as EpochMs,
		data.m as boolean
	);
	return { kind: 'trade', trade, eventTime: data.E as EpochMs };
}

function parseAggTrade(info: StreamInfo, data: Payload): WireEvent {
	const fault = aggTradeFault(info, data);
	if (fault !== null) return badValue(info.name, fault, data[fault]);
	const trade = makeTrade(
		info.symbol,
		data.a as number,
		data.p as string,
		data.q as string,
		data.T as EpochMs,
		data.m as boolean,
		data.f as number,
		data.l as number
	);
	return { kind: 'trade', trade, eventTime: data.E as EpochMs };
}

function parseDepth(info: StreamInfo, data: Payload): WireEvent {
	const lastUpdateId = data.lastUpdateId;
	if (!isCount(lastUpdateId)) return badValue(info.name, 'lastUpdateId', lastUpdateId);
	const bids = readLevels(data.bids);
	if (!Array.isArray(bids)) return badValue(info.name, `bids${bids.path}`, bids.value);
	const asks = readLevels(data.asks);
	if (!Array.isArray(asks)) return badValue(info.name, `asks${asks.path}`, asks.value);
	return { kind: 'depth', book: { symbol: info.symbol, lastUpdateId, bids, asks } };
}

interface LevelFault {
	readonly path: string;
	readonly value: unknown;
}

/** Copies `[[price, qty], ...]` into fresh tuples, so a longer legacy level cannot leak extra items. */
function readLevels(value: unknown): DepthLevel[] | LevelFault {
	if (!Array.isArray(value)) return { path: '', value };
	const levels: DepthLevel[] = [];
	for (let i = 0; i < value.length; i++) {
		const level: unknown = value[i];
		if (!Array.isArray(level) || level.length < 2) return { path: `[${i}]`, value: level };
		const price: unknown = level[0];
		const qty: unknown = level[1];
		if (!isPositiveDecimal(price) || !isPositiveDecimal(qty)) {
			return { path: `[${i}]`, value: level };
		}
		levels.push([price, qty]);
	}
	return levels;
}

/** A decimal that may be zero (a quiet symbol's 24 h volume). */
function isDecimal(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	const kind = decimalKind(value);
	return kind === 'positive' || kind === 'zero';
}

const TICKER_PRICES = ['c', 'o', 'h', 'l'] as const;
const TICKER_VOLUMES = ['v', 'q'] as const;

function miniTickerFault(info: StreamInfo, data: Payload): string | null {
	if (data.e !== '24hrMiniTicker') return 'e';
	if (!isPositiveInt(data.E)) return 'E';
	if (data.s !== info.symbol) return 's';
	return (
		TICKER_PRICES.find((key) => !isPositiveDecimal(data[key])) ??
		TICKER_VOLUMES.find((key) => !isDecimal(data[key])) ??
		null
	);
}

/** `<s>@bookTicker`: `{u,s,b,B,a,A}`; the symbol must be the stream's, prices and sizes decimals. */
function parseBookTicker(info: StreamInfo, data: Payload): WireEvent {
	if (typeof data.u !== 'number' || !Number.isSafeInteger(data.u)) {
		return badValue(info.name, 'u', data.u);
	}
	if (data.s !== info.symbol) return badValue(info.name, 's', data.s);
	const fault = ['b', 'B', 'a', 'A'].find((key) => !isDecimal(data[key]));
	if (fault !== undefined) return badValue(info.name, fault, data[fault]);
	const text = (key: string) => data[key] as string;
	return {
		kind: 'quote',
		quote: {
			symbol: info.symbol,
			updateId: data.u,
			bid: text('b'),
			bidQty: text('B'),
			ask: text('a'),
			askQty: text('A')
		}
	};
}

/** `<s>@miniTicker`: `{e:"24hrMiniTicker",E,s,c,o,h,l,v,q}`. */
function parseMiniTicker(info: StreamInfo, data: Payload): WireEvent {
	const fault = miniTickerFault(info, data);
	if (fault !== null) return badValue(info.name, fault, data[fault]);
	const text = (key: string) => data[key] as string;
	return {
		kind: 'ticker',
		ticker: {
			symbol: info.symbol,
			eventTime: data.E as number,
			close: text('c'),
			open: text('o'),
			high: text('h'),
			low: text('l'),
			volume: text('v'),
			quoteVolume: text('q')
		}
	};
}
