/** A REST failure answered as Binance does: an HTTP status and `{"code":..,"msg":..}`. */
export class RestError extends Error {
	constructor(
		readonly status: number,
		readonly code: number,
		msg: string
	) {
		super(msg);
	}

	get body(): string {
		return JSON.stringify({ code: this.code, msg: this.message });
	}
}

export const RESTRICTED_LOCATION = JSON.stringify({
	code: 0,
	msg: "Service unavailable from a restricted location according to 'b. Eligibility' in https://www.binance.com/en/terms. Please contact customer service if you believe you received this message in error."
});

export function tooManyRequests(limit: number): RestError {
	return new RestError(
		429,
		-1003,
		`Too many requests; current limit of IP(127.0.0.1) is ${limit} requests per minute. Please use WebSocket Streams for live updates to avoid polling the API.`
	);
}

const INTEGER = /^[0-9]{1,20}$/;
const SYMBOL = /^[A-Z0-9-_.]{1,20}$/;

export function mandatory(params: URLSearchParams, name: string): string {
	const value = params.get(name);
	if (value === null || value === '') {
		throw new RestError(
			400,
			-1102,
			`Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`
		);
	}
	return value;
}

/** An optional unsigned integer parameter. */
export function integer(params: URLSearchParams, name: string): number | undefined {
	const value = params.get(name);
	if (value === null || value === '') return undefined;
	if (!INTEGER.test(value)) {
		throw new RestError(
			400,
			-1100,
			`Illegal characters found in parameter '${name}'; legal range is '^[0-9]{1,20}$'.`
		);
	}
	return Number(value);
}

/** `limit`: default when absent, capped at `max`; zero is not valid. */
export function limit(params: URLSearchParams, fallback: number, max: number): number {
	const value = integer(params, 'limit');
	if (value === undefined) return fallback;
	if (value < 1) throw new RestError(400, -1130, "Data sent for parameter 'limit' is not valid.");
	return Math.min(value, max);
}

/** The `symbol` parameter, checked for shape and against the symbols the server knows. */
export function symbol(params: URLSearchParams, known: (name: string) => boolean): string {
	const value = mandatory(params, 'symbol');
	if (!SYMBOL.test(value)) {
		throw new RestError(
			400,
			-1100,
			`Illegal characters found in parameter 'symbol'; legal range is '${SYMBOL.source}'.`
		);
	}
	if (!known(value)) throw new RestError(400, -1121, 'Invalid symbol.');
	return value;
}
