import { parseRecordingLine } from '../../src/lib/binance/recording.ts';
import { readFixtureText, restSamplePath } from '../support/fixtures.ts';
import { asObject, str, type JsonObject } from './json-fields.ts';
import { RestError } from './rest-errors.ts';

export const EXCHANGE_INFO_SAMPLE = 'exchangeinfo-20211012.txt';

export interface ExchangeInfo {
	readonly body: JsonObject;
	readonly symbols: ReadonlyMap<string, JsonObject>;
}

let loaded: ExchangeInfo | null = null;

/** The real exchangeInfo body recorded on 2021-10-12 (all symbols and filters), parsed once. */
export function exchangeInfo(): ExchangeInfo {
	if (loaded) return loaded;
	const line = readFixtureText(restSamplePath(EXCHANGE_INFO_SAMPLE)).split('\n')[0] ?? '';
	const parsed = parseRecordingLine(line);
	if (parsed.kind !== 'rest')
		throw new Error(`${EXCHANGE_INFO_SAMPLE}: expected "<url> -> <time>: <json>"`);
	const body = asObject(JSON.parse(parsed.json), 'exchangeInfo');
	const list = body.symbols;
	if (!Array.isArray(list)) throw new Error('exchangeInfo: no symbols array');
	const symbols = new Map<string, JsonObject>();
	for (const item of list) {
		const entry = asObject(item, 'exchangeInfo symbol');
		symbols.set(str(entry, 'symbol'), entry);
	}
	loaded = { body, symbols };
	return loaded;
}

function requested(params: URLSearchParams): string[] | null {
	const one = params.get('symbol');
	if (one !== null && one !== '') return [one];
	const many = params.get('symbols');
	if (many === null || many === '') return null;
	let list: unknown;
	try {
		list = JSON.parse(many);
	} catch {
		list = null;
	}
	if (!Array.isArray(list) || !list.every((s): s is string => typeof s === 'string')) {
		throw new RestError(
			400,
			-1100,
			'Illegal characters found in parameter \'symbols\'; legal range is \'^\\[("[A-Z0-9-_.]{1,20}"(,"[A-Z0-9-_.]{1,20}"){0,}){0,1}\\]$\'.'
		);
	}
	return list;
}

/** The body for `GET /api/v3/exchangeInfo[?symbol=|?symbols=]`, at the replay clock. */
export function exchangeInfoAnswer(
	params: URLSearchParams,
	serverTime: number,
	weightLimit: number
): string {
	const info = exchangeInfo();
	const names = requested(params);
	const symbols =
		names === null
			? [...info.symbols.values()]
			: names.map((name) => {
					const entry = info.symbols.get(name);
					if (!entry) throw new RestError(400, -1121, 'Invalid symbol.');
					return entry;
				});
	const rateLimits = [
		{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: weightLimit },
		{ rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
		{ rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200000 },
		{ rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 }
	];
	return JSON.stringify({ ...info.body, serverTime, rateLimits, symbols });
}
