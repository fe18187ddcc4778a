/**
 * Run-time switches of the test server, set by options, by `POST /__control` (JSON body) or by
 * `BinanceServer.control()`.
 * - `drop`: close every stream socket now (abruptly, like a lost network); new ones are accepted.
 *   It is an action, not a lasting state.
 * - `refuse`: answer new stream connections with HTTP 503 until cleared.
 * - `stall`: keep sockets open and send nothing (the replay goes on, so data is missed).
 * - `garbage`: after every few good frames send a malformed one (invalid JSON, wrong types,
 *   unknown stream, negative quantity, not an object).
 * - `http429`: REST answers 429 with `Retry-After`. `http451`: REST and stream upgrades answer 451.
 * - `none`: clear.
 */
export const FAULTS = ['none', 'drop', 'refuse', 'stall', 'garbage', 'http429', 'http451'] as const;
export type Fault = (typeof FAULTS)[number];
/** The faults that last until cleared. */
export type LastingFault = Exclude<Fault, 'drop'>;

export interface ControlCommand {
	/** Replay speed, times real time (> 0). */
	readonly speed?: number;
	/**
	 * Replay clock back to its start (waiting for the next client, not paused), all stream sockets
	 * closed.
	 */
	readonly reset?: boolean;
	/**
	 * With `reset` only: the clock starts this many ms after the recordings' start (default: the
	 * server's `historyMs` option). REST shows the trades before it as history; streams begin at it.
	 */
	readonly historyMs?: number;
	/**
	 * true: hold the replay clock still, at the first moment from now on when every trade REST shows
	 * has been streamed too (so the app's candles can equal REST's exactly). false: run on.
	 */
	readonly paused?: boolean;
	readonly fault?: Fault;
	/** Loop the recording at its end (ids and times keep increasing). */
	readonly loop?: boolean;
}

export function isFault(value: unknown): value is Fault {
	return typeof value === 'string' && (FAULTS as readonly string[]).includes(value);
}

const KEYS = new Set(['speed', 'reset', 'historyMs', 'paused', 'fault', 'loop']);

const isPositive = (value: unknown): value is number =>
	typeof value === 'number' && value > 0 && Number.isFinite(value);

/** A whole number of ms, 0 or more. */
export const isHistoryMs = (value: unknown): value is number =>
	typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** What is wrong with each key's value, or null when it is absent or fine. */
const CHECKS: Readonly<Record<string, (value: unknown) => string | null>> = {
	speed: (value) => (isPositive(value) ? null : 'speed must be a positive number'),
	reset: (value) => (typeof value === 'boolean' ? null : 'reset must be a boolean'),
	historyMs: (value) =>
		isHistoryMs(value) ? null : 'historyMs must be a whole number of ms, 0 or more',
	paused: (value) => (typeof value === 'boolean' ? null : 'paused must be a boolean'),
	loop: (value) => (typeof value === 'boolean' ? null : 'loop must be a boolean'),
	fault: (value) => (isFault(value) ? null : `fault must be one of ${FAULTS.join(', ')}`)
};

/** Checks a parsed JSON body; returns the command or a message saying what is wrong. */
export function parseControlCommand(body: unknown): ControlCommand | string {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return 'expected a JSON object';
	}
	const record = body as Record<string, unknown>;
	return problemOf(record) ?? commandOf(record);
}

/** The first thing wrong with a body's keys or values, or null. */
function problemOf(record: Record<string, unknown>): string | null {
	const unknown = Object.keys(record).filter((key) => !KEYS.has(key));
	if (unknown.length > 0) {
		return `unknown keys: ${unknown.join(', ')} (known: ${[...KEYS].join(', ')})`;
	}
	for (const [key, value] of Object.entries(record)) {
		const problem = value === undefined ? null : (CHECKS[key]?.(value) ?? null);
		if (problem !== null) return problem;
	}
	if (record.historyMs !== undefined && record.reset !== true) {
		return 'historyMs goes with reset: true (the clock starts there)';
	}
	return null;
}

/** The command of a body that passed problemOf: the keys present, with their values. */
function commandOf(record: Record<string, unknown>): ControlCommand {
	const { speed, reset, historyMs, paused, fault, loop } = record;
	return {
		...(isPositive(speed) ? { speed } : {}),
		...(typeof reset === 'boolean' ? { reset } : {}),
		...(isHistoryMs(historyMs) ? { historyMs } : {}),
		...(typeof paused === 'boolean' ? { paused } : {}),
		...(isFault(fault) ? { fault } : {}),
		...(typeof loop === 'boolean' ? { loop } : {})
	};
}
