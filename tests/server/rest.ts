import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LastingFault } from './control.ts';
import { exchangeInfoAnswer } from './exchange-info.ts';
import { limit, RESTRICTED_LOCATION, RestError, symbol, tooManyRequests } from './rest-errors.ts';
import { aggTradesAnswer, klinesAnswer } from './rest-market.ts';
import type { SymbolReplay } from './symbol-replay.ts';
import { depthWeight, WEIGHTS, type WeightMeter } from './weight.ts';

export interface RestContext {
	/** The replay clock, ms: what "now" is for every answer. */
	readonly clockMs: () => number;
	readonly fault: () => LastingFault;
	readonly replay: (symbol: string) => SymbolReplay | undefined;
	readonly knownSymbol: (symbol: string) => boolean;
	readonly meter: WeightMeter;
	readonly retryAfterSeconds: number;
	/** Also send `Access-Control-Expose-Headers` so browser code can read the weight headers. */
	readonly exposeHeaders: boolean;
}

interface Endpoint {
	weight(params: URLSearchParams): number;
	answer(ctx: RestContext, params: URLSearchParams): string;
}

function depthLimit(params: URLSearchParams): number {
	return limit(params, 100, 5000);
}

const ENDPOINTS: Readonly<Record<string, Endpoint>> = {
	'/api/v3/ping': { weight: () => 1, answer: () => '{}' },
	'/api/v3/time': {
		weight: () => WEIGHTS.time,
		answer: (ctx) => JSON.stringify({ serverTime: ctx.clockMs() })
	},
	'/api/v3/exchangeInfo': {
		weight: () => WEIGHTS.exchangeInfo,
		answer: (ctx, params) => exchangeInfoAnswer(params, ctx.clockMs(), ctx.meter.limit)
	},
	'/api/v3/aggTrades': {
		weight: () => WEIGHTS.aggTrades,
		answer: (ctx, params) => {
			const tape = ctx.replay(symbol(params, ctx.knownSymbol))?.tape;
			return JSON.stringify(
				tape ? aggTradesAnswer(tape, tape.tradedCount(ctx.clockMs()), params) : []
			);
		}
	},
	'/api/v3/klines': {
		weight: () => WEIGHTS.klines,
		answer: (ctx, params) => {
			const tape = ctx.replay(symbol(params, ctx.knownSymbol))?.tape;
			const clock = ctx.clockMs();
			return JSON.stringify(tape ? klinesAnswer(tape, tape.tradedCount(clock), params, clock) : []);
		}
	},
	'/api/v3/depth': {
		weight: (params) => {
			try {
				return depthWeight(depthLimit(params));
			} catch {
				return depthWeight(100);
			}
		},
		answer: (ctx, params) => {
			const book = ctx.replay(symbol(params, ctx.knownSymbol))?.book;
			const top = book?.top(depthLimit(params)) ?? { bids: [], asks: [] };
			return JSON.stringify({ lastUpdateId: book?.lastUpdateId ?? 0, ...top });
		}
	}
};

/** CORS for every answer: any origin, simple GETs need no preflight, but answer one anyway. */
export function corsHeaders(res: ServerResponse, req: IncomingMessage, expose: boolean): void {
	res.setHeader('Access-Control-Allow-Origin', '*');
	if (expose) res.setHeader('Access-Control-Expose-Headers', 'X-MBX-USED-WEIGHT-1M, Retry-After');
	if (req.method !== 'OPTIONS') return;
	res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
	res.setHeader(
		'Access-Control-Allow-Headers',
		req.headers['access-control-request-headers'] ?? 'Content-Type'
	);
	res.setHeader('Access-Control-Max-Age', '600');
}

function send(res: ServerResponse, status: number, body: string): void {
	res.statusCode = status;
	res.setHeader('Content-Type', 'application/json;charset=UTF-8');
	res.end(body);
}

/** Answers `/api/v3/...` like Binance's REST market-data endpoints, with the fault switches applied. */
export function handleRest(
	ctx: RestContext,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL
): void {
	const fault = ctx.fault();
	if (fault === 'http451') return send(res, 451, RESTRICTED_LOCATION);
	const endpoint = ENDPOINTS[url.pathname];
	if (!endpoint) return send(res, 404, '{"code":-1,"msg":"Unknown endpoint."}');
	if (req.method !== 'GET') return send(res, 405, '{"code":-1,"msg":"Only GET is supported."}');
	const withinBudget = ctx.meter.charge(endpoint.weight(url.searchParams));
	res.setHeader('X-MBX-USED-WEIGHT-1M', String(ctx.meter.used()));
	if (fault === 'http429' || !withinBudget) {
		const seconds = fault === 'http429' ? ctx.retryAfterSeconds : ctx.meter.secondsToReset();
		res.setHeader('Retry-After', String(seconds));
		return send(res, 429, tooManyRequests(ctx.meter.limit).body);
	}
	try {
		send(res, 200, endpoint.answer(ctx, url.searchParams));
	} catch (cause) {
		if (!(cause instanceof RestError)) throw cause;
		send(res, cause.status, cause.body);
	}
}
