/**
 * Binance spot market-data REST, for history, gap repair and the server clock. Plain GETs with no
 * custom headers, so a browser sends no CORS preflight. Every failure is a `RestError` whose
 * message a user can act on; 429/418 carry the wait Binance asked for.
 */
import type { KlineRow } from '../core/kline';
import type { EpochMs } from '../core/time';
import type { Trade } from '../core/trade';
import {
	errorMessage,
	readAggTrade,
	readAll,
	readExchangeInfo,
	readKlineRow,
	readServerTime,
	type SymbolInfo
} from './rest-rows';
import { isValidSymbol } from '../core/symbol';

export type { SymbolInfo };

export type FetchLike = (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;

export type RestErrorKind =
	| 'rate-limited'
	| 'banned'
	| 'restricted-location'
	| 'forbidden'
	| 'http'
	| 'network'
	| 'bad-response';

export class RestError extends Error {
	override readonly name = 'RestError';
	constructor(
		readonly kind: RestErrorKind,
		message: string,
		/** HTTP status; null when no answer arrived. */
		readonly status: number | null = null,
		/** For 429 and 418: how long Binance asked us to wait, ms. */
		readonly retryAfterMs: number | null = null
	) {
		super(message);
	}
}

/** Binance's kline intervals (`5s` and `15s` are ours only: build them from `1s`). */
export type KlineInterval =
	| '1s'
	| '1m'
	| '3m'
	| '5m'
	| '15m'
	| '30m'
	| '1h'
	| '2h'
	| '4h'
	| '6h'
	| '8h'
	| '12h'
	| '1d'
	| '3d'
	| '1w'
	| '1M';

export interface TimeRange {
	readonly startTime?: number;
	readonly endTime?: number;
	/** Rows per answer, at most 1000. */
	readonly limit?: number;
}

export interface ServerTime {
	readonly serverTime: EpochMs;
	/** Server clock minus local clock, ms: `serverTime - (sent + received) / 2`. */
	readonly offsetMs: number;
	readonly roundTripMs: number;
}

export interface RestOptions {
	/** Scheme and host, no path: `https://data-api.binance.vision`. */
	readonly base: string;
	readonly fetch: FetchLike;
	/** Epoch milliseconds. */
	readonly now: () => number;
}

const MAX_ROWS = 1000;
/** When Binance omits Retry-After: a minute for 429; 418 bans last 2 minutes to 3 days. */
const DEFAULT_WAIT_MS: Readonly<Record<number, number>> = { 429: 60_000, 418: 120_000 };

export class BinanceRest {
	#usedWeight: number | null = null;
	readonly #base: string;
	readonly #options: RestOptions;

	constructor(options: RestOptions) {
		this.#options = options;
		this.#base = options.base.replace(/\/+$/, '');
	}

	/** `X-MBX-USED-WEIGHT-1M` of the last answer (of 6000 per minute); null until seen or when the host does not expose it. */
	get usedWeight1m(): number | null {
		return this.#usedWeight;
	}

	/** Weight 1. One round trip; the offset is good to about half the round trip. */
	async time(signal?: AbortSignal): Promise<ServerTime> {
		const sent = this.#options.now();
		const serverTime = await this.#get('/api/v3/time', {}, readServerTime, signal);
		const received = this.#options.now();
		return {
			serverTime: serverTime as EpochMs,
			offsetMs: serverTime - (sent + received) / 2,
			roundTripMs: received - sent
		};
	}

	/** Weight 2. Rows oldest first, exact decimal strings. */
	klines(
		symbol: string,
		interval: KlineInterval,
		range: TimeRange = {},
		signal?: AbortSignal
	): Promise<KlineRow[]> {
		const query = { symbol: restSymbol(symbol), interval, ...rangeQuery(range) };
		return this.#get('/api/v3/klines', query, (body) => readAll(body, readKlineRow), signal);
	}

	/** Weight 4. With `fromId`, trades from that aggTrade id on; else by time range or the latest. */
	aggTrades(
		symbol: string,
		query: TimeRange & { readonly fromId?: number } = {},
		signal?: AbortSignal
	): Promise<Trade[]> {
		const upper = restSymbol(symbol);
		const params = { symbol: upper, ...rangeQuery(query), fromId: query.fromId };
		const read = (body: unknown) => readAll(body, (row) => readAggTrade(row, upper));
		return this.#get('/api/v3/aggTrades', params, read, signal);
	}

	/**
	 * Pages forward from `fromId` (`fromId = last.a + 1`) until `toId` (inclusive) or the newest
	 * trade; each page is yielded as it arrives, so a caller can stop early.
	 */
	async *aggTradesFrom(
		symbol: string,
		fromId: number,
		options: { readonly toId?: number; readonly limit?: number; readonly signal?: AbortSignal } = {}
	): AsyncGenerator<Trade[], void, undefined> {
		const limit = Math.min(options.limit ?? MAX_ROWS, MAX_ROWS);
		const toId = options.toId ?? Number.POSITIVE_INFINITY;
		let next = fromId;
		while (next <= toId) {
			const page = await this.aggTrades(symbol, { fromId: next, limit }, options.signal);
			const wanted = page.filter((trade) => trade.id >= next && trade.id <= toId);
			const last = wanted.at(-1);
			if (last) yield wanted;
			if (!last || page.length < limit) return;
			next = last.id + 1;
		}
	}

	/** Weight 20 (all symbols) or less for a list. */
	exchangeInfo(symbols: readonly string[] = [], signal?: AbortSignal): Promise<SymbolInfo[]> {
		const query = symbols.length > 0 ? { symbols: JSON.stringify(symbols.map(restSymbol)) } : {};
		return this.#get('/api/v3/exchangeInfo', query, readExchangeInfo, signal);
	}

	async #get<T>(
		path: string,
		query: Record<string, string | number | undefined>,
		read: (body: unknown) => T | null,
		signal: AbortSignal | undefined
	): Promise<T> {
		const url = `${this.#base}${path}${queryString(query)}`;
		let response: Response;
		try {
			response = await this.#options.fetch(url, signal ? { signal } : undefined);
		} catch (error) {
			if (signal?.aborted) throw error;
			throw new RestError('network', unreachableWords(this.#base));
		}
		this.#noteWeight(response);
		const body = await readJson(response);
		if (!response.ok) throw statusError(response, body, path, this.#base, this.#options.now());
		const value = body === undefined ? null : read(body);
		if (value === null) {
			throw new RestError(
				'bad-response',
				`Unexpected answer from ${path} (HTTP ${response.status})`
			);
		}
		return value;
	}

	#noteWeight(response: Response): void {
		const weight = Number.parseInt(response.headers.get('x-mbx-used-weight-1m') ?? '', 10);
		if (Number.isFinite(weight)) this.#usedWeight = weight;
	}
}

function restSymbol(symbol: string): string {
	const lower = symbol.toLowerCase();
	if (!isValidSymbol(lower)) throw new RangeError(`not a Binance symbol: "${symbol}"`);
	return lower.toUpperCase();
}

function rangeQuery(range: TimeRange): Record<string, number | undefined> {
	const limit = range.limit === undefined ? undefined : Math.min(range.limit, MAX_ROWS);
	return { startTime: range.startTime, endTime: range.endTime, limit };
}

function queryString(query: Record<string, string | number | undefined>): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(query)) {
		if (value !== undefined) params.set(key, String(value));
	}
	const text = params.toString();
	return text === '' ? '' : `?${text}`;
}

async function readJson(response: Response): Promise<unknown> {
	try {
		return (await response.json()) as unknown;
	} catch {
		return undefined;
	}
}

/** Retry-After is seconds or an HTTP date. */
export function retryAfterMs(header: string | null, now: number): number | null {
	if (header === null || header.trim() === '') return null;
	const secs = Number(header);
	if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
	const date = Date.parse(header);
	return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function statusError(
	response: Response,
	body: unknown,
	path: string,
	base: string,
	now: number
): RestError {
	const { status } = response;
	if (status === 429 || status === 418) {
		const wait =
			retryAfterMs(response.headers.get('retry-after'), now) ?? DEFAULT_WAIT_MS[status] ?? 60_000;
		const words =
			status === 429
				? `Binance asks to slow down (HTTP 429, over the request weight limit): waiting ${waitWords(wait)}`
				: `Binance has banned this IP for ignoring rate limits (HTTP 418) for ${waitWords(wait)}`;
		return new RestError(status === 429 ? 'rate-limited' : 'banned', words, status, wait);
	}
	if (status === 451) {
		return new RestError(
			'restricted-location',
			'Binance refuses this location (HTTP 451): choose another REST host in Settings, ' +
				'e.g. the Binance.US one (https://api.binance.us)',
			status
		);
	}
	if (status === 403) {
		return new RestError(
			'forbidden',
			`${base} refused the request (HTTP 403, a firewall block): a VPN, proxy or ` +
				'unusual traffic can cause it; choose another REST host in Settings or try again later',
			status
		);
	}
	const message = errorMessage(body);
	return new RestError(
		'http',
		`HTTP ${status} from ${path}${message ? `: ${message}` : ''}`,
		status
	);
}

function waitWords(ms: number): string {
	return ms < 120_000 ? `${Math.ceil(ms / 1000)} s` : `${Math.ceil(ms / 60_000)} min`;
}

function unreachableWords(base: string): string {
	return (
		`Could not reach ${base}: the device may be offline, an ad-blocker or DNS filter may block ` +
		'the host, or it refuses requests from this page. Choose another REST host in Settings.'
	);
}
