/**
 * Shapes of Binance REST answers, checked field by field: a body that does not match becomes null
 * (the client turns it into a `bad-response` error), never a half-filled object.
 */
import type { KlineRow } from '../core/kline';
import type { SymbolInfo } from '../core/symbol-info';
import type { EpochMs } from '../core/time';
import { makeTrade, type Trade } from '../core/trade';
import { decimalKind, isCount, isPositiveDecimal, isPositiveInt } from './wire-values';

export type { SymbolInfo };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Zero or positive plain decimal: kline volumes of a quiet second are `"0.00000000"`. */
function isDecimal(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	const kind = decimalKind(value);
	return kind === 'positive' || kind === 'zero';
}

const KLINE_DECIMALS = [1, 2, 3, 4, 5, 7, 9, 10] as const;

/** `[openTime, o, h, l, c, v, closeTime, q, n, V, Q, ignore]` -> `KlineRow`, or null. */
export function readKlineRow(row: unknown): KlineRow | null {
	if (!Array.isArray(row) || row.length < 11) return null;
	const [openTime, , , , , , closeTime, , count] = row as unknown[];
	if (!isCount(openTime) || !isCount(closeTime) || !isCount(count)) return null;
	if (!KLINE_DECIMALS.every((index) => isDecimal(row[index]))) return null;
	const text = (index: number): string => row[index] as string;
	return [
		openTime as EpochMs,
		text(1),
		text(2),
		text(3),
		text(4),
		text(5),
		closeTime as EpochMs,
		text(7),
		count,
		text(9),
		text(10),
		'0'
	];
}

/** `{a, p, q, f, l, T, m}` of `/api/v3/aggTrades` -> `Trade` of `symbol`, or null. */
export function readAggTrade(row: unknown, symbol: string): Trade | null {
	if (!isObject(row)) return null;
	const { a, p, q, f, l, T, m } = row;
	if (!isCount(a) || !isCount(f) || !isCount(l) || l < f || !isPositiveInt(T)) return null;
	if (!isPositiveDecimal(p) || !isPositiveDecimal(q) || typeof m !== 'boolean') return null;
	return makeTrade(symbol, a, p, q, T as EpochMs, m, f, l);
}

function filterValue(filters: unknown[], type: string, field: string): string | null {
	const filter = filters.find((item) => isObject(item) && item.filterType === type);
	const value = isObject(filter) ? filter[field] : undefined;
	return typeof value === 'string' ? value : null;
}

export function readSymbolInfo(item: unknown): SymbolInfo | null {
	if (!isObject(item)) return null;
	const { symbol, status, baseAsset, quoteAsset, filters } = item;
	const texts = [symbol, status, baseAsset, quoteAsset];
	if (!texts.every((value) => typeof value === 'string')) return null;
	const list = Array.isArray(filters) ? (filters as unknown[]) : [];
	return {
		symbol: symbol as string,
		status: status as string,
		baseAsset: baseAsset as string,
		quoteAsset: quoteAsset as string,
		tickSize: filterValue(list, 'PRICE_FILTER', 'tickSize'),
		stepSize: filterValue(list, 'LOT_SIZE', 'stepSize')
	};
}

/** Every element read by `read`, or null when any one fails. */
export function readAll<T>(body: unknown, read: (item: unknown) => T | null): T[] | null {
	if (!Array.isArray(body)) return null;
	const out: T[] = [];
	for (const item of body as unknown[]) {
		const value = read(item);
		if (value === null) return null;
		out.push(value);
	}
	return out;
}

/** `{serverTime}` of `/api/v3/time`. */
export function readServerTime(body: unknown): number | null {
	return isObject(body) && isPositiveInt(body.serverTime) ? body.serverTime : null;
}

/** `{symbols: [...]}` of `/api/v3/exchangeInfo`. */
export function readExchangeInfo(body: unknown): SymbolInfo[] | null {
	return isObject(body) ? readAll(body.symbols, readSymbolInfo) : null;
}

/** Binance's error body `{code, msg}`; its `msg` or null. */
export function errorMessage(body: unknown): string | null {
	return isObject(body) && typeof body.msg === 'string' ? body.msg : null;
}
