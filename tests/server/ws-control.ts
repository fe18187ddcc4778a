import { isValidStreamName, MAX_STREAMS_PER_CONNECTION } from './stream-names.ts';
import type { StreamClient, StreamHub } from './ws-hub.ts';

type RequestId = number | string | null;

const METHODS = ['SUBSCRIBE', 'UNSUBSCRIBE', 'LIST_SUBSCRIPTIONS', 'SET_PROPERTY', 'GET_PROPERTY'];

function error(code: number, msg: string, id: RequestId): string {
	return JSON.stringify({ error: { code, msg }, id });
}

function result(value: unknown, id: RequestId): string {
	return JSON.stringify({ result: value, id });
}

/** Binance accepts an unsigned integer, a string of up to 36 characters, or null as the id. */
function readId(value: unknown): RequestId | undefined {
	if (value === null) return null;
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
	if (typeof value === 'string' && value.length <= 36) return value;
	return undefined;
}

function streamsParam(params: unknown): string[] | null {
	if (!Array.isArray(params) || !params.every((p): p is string => typeof p === 'string'))
		return null;
	return params;
}

function changeSubscriptions(
	method: string,
	params: unknown,
	id: RequestId,
	client: StreamClient,
	hub: StreamHub
): string {
	const streams = streamsParam(params);
	if (!streams || !streams.every(isValidStreamName))
		return error(2, 'Invalid request: invalid stream', id);
	if (method === 'UNSUBSCRIBE') {
		hub.unsubscribe(client, streams);
		return result(null, id);
	}
	const total = new Set([...client.streams, ...streams]).size;
	if (total > MAX_STREAMS_PER_CONNECTION) return error(2, 'Invalid request: too many streams', id);
	hub.subscribe(client, streams);
	return result(null, id);
}

function property(method: string, params: unknown, id: RequestId, client: StreamClient): string {
	if (!Array.isArray(params) || params[0] !== 'combined') return error(0, 'Unknown property', id);
	if (method === 'GET_PROPERTY') return result(client.combined, id);
	if (typeof params[1] !== 'boolean') return error(1, 'Invalid value type: expected Boolean', id);
	client.combined = params[1];
	return result(null, id);
}

/**
 * Answers one message a client sent on a stream socket, the way Binance does: `{"result":..,"id":..}`
 * or `{"error":{"code":..,"msg":..},"id":..}` (code 3 bad JSON, 2 bad request, 1 bad value type,
 * 0 unknown property).
 */
export function answerControlMessage(text: string, client: StreamClient, hub: StreamHub): string {
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch (cause) {
		return error(3, `Invalid JSON: ${(cause as Error).message}`, null);
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return error(2, 'Invalid request: expected an object', null);
	}
	const { method, params, id: rawId } = body as Record<string, unknown>;
	const id = readId(rawId);
	if (id === undefined)
		return error(2, 'Invalid request: request ID must be an unsigned integer', null);
	if (typeof method !== 'string') return error(2, 'Invalid request: missing field `method`', id);
	if (!METHODS.includes(method)) {
		return error(
			2,
			`Invalid request: unknown variant \`${method}\`, expected one of ${METHODS.map((m) => `\`${m}\``).join(', ')}`,
			id
		);
	}
	hub.noteControl(client, method, params, id);
	if (method === 'LIST_SUBSCRIPTIONS') return result([...client.streams], id);
	if (method === 'SUBSCRIBE' || method === 'UNSUBSCRIBE') {
		return changeSubscriptions(method, params, id, client, hub);
	}
	return property(method, params, id, client);
}
