/**
 * Figures and rules of the connection lifecycle: how long to wait, when a socket counts as dead,
 * and how many attempts Binance tolerates (300 per 5 minutes per IP).
 */

export interface ConnectionTuning {
	/** First retry after a failed attempt waits up to this; each further failure doubles it. */
	readonly backoffBaseMs: number;
	readonly backoffMaxMs: number;
	/**
	 * A socket that delivered market data and then dropped is retried within this (jitter only):
	 * the server worked a moment ago, so the likeliest cause is a passing cut, and every second of
	 * waiting is a second of trades to repair.
	 */
	readonly quickRetryMs: number;
	/** No market data this long after creating a socket: give up on it. */
	readonly connectTimeoutMs: number;
	/** No market data this long on a live socket: it is dead (depth20@100ms ticks every 100 ms). */
	readonly watchdogMs: number;
	/** Open the next socket this long after the current one was created (Binance cuts at 24 h). */
	readonly rolloverMs: number;
	/** Wait before trying a failed handover again; the old socket keeps streaming meanwhile. */
	readonly handoverRetryMs: number;
	/** Consecutive attempts without data before the state turns to `error`. */
	readonly errorAfterFailures: number;
	/** Most socket attempts in any 5 minutes. */
	readonly attemptBudget: number;
	/** Gap between control messages (Binance allows 5 incoming messages per second). */
	readonly controlGapMs: number;
}

export const DEFAULT_TUNING: ConnectionTuning = {
	backoffBaseMs: 500,
	backoffMaxMs: 30_000,
	quickRetryMs: 250,
	connectTimeoutMs: 15_000,
	watchdogMs: 10_000,
	rolloverMs: 23.5 * 3_600_000,
	handoverRetryMs: 60_000,
	errorAfterFailures: 5,
	attemptBudget: 60,
	controlGapMs: 250
};

const BUDGET_WINDOW_MS = 5 * 60_000;

/**
 * Delay before retry number `step` (1-based): the ceiling doubles from `baseMs` up to `maxMs`, and
 * "equal jitter" picks uniformly in [ceiling / 2, ceiling) so many clients do not retry in step.
 */
export function backoffDelay(step: number, random: number, baseMs: number, maxMs: number): number {
	const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, step - 1));
	return ceiling / 2 + (random * ceiling) / 2;
}

/**
 * The wait before retrying, by what the last socket did. A socket that delivered data resets the
 * backoff and is retried at once, jittered in [0, quickRetryMs); a failed attempt (refused, timed
 * out, silent) takes the next step of the backoff. The attempt budget bounds both.
 */
export class RetryPolicy {
	#step = 0;
	#silentFailures = 0;
	readonly #tuning: ConnectionTuning;

	constructor(tuning: ConnectionTuning) {
		this.#tuning = tuning;
	}

	/** Failed attempts in a row (no data at all); reset by data or by `reset`. */
	get silentFailures(): number {
		return this.#silentFailures;
	}

	/** The consecutive silent failures have reached `errorAfterFailures`. */
	get refused(): boolean {
		return this.#silentFailures >= this.#tuning.errorAfterFailures;
	}

	/** The network came back or data arrived: the next failure starts the backoff afresh. */
	reset(): void {
		this.#step = 0;
		this.#silentFailures = 0;
	}

	/** Delay before the next attempt after a socket ended; `delivered` when it had market data. */
	next(delivered: boolean, random: number): number {
		const { backoffBaseMs, backoffMaxMs, quickRetryMs } = this.#tuning;
		if (delivered) {
			this.reset();
			return random * quickRetryMs;
		}
		this.#step += 1;
		this.#silentFailures += 1;
		const step = this.refused ? Number.POSITIVE_INFINITY : this.#step;
		return backoffDelay(step, random, backoffBaseMs, backoffMaxMs);
	}
}

/** Attempt times over the last 5 minutes; bounds every path to a socket, handovers included. */
export class AttemptBudget {
	#times: number[] = [];
	readonly #limit: number;

	constructor(limit: number) {
		this.#limit = limit;
	}

	record(now: number): void {
		this.#times.push(now);
	}

	/** Milliseconds until another attempt fits in the budget; 0 when it fits now. */
	waitMs(now: number): number {
		const cutoff = now - BUDGET_WINDOW_MS;
		while ((this.#times[0] ?? now) <= cutoff) this.#times.shift();
		const oldest = this.#times[0];
		if (oldest === undefined || this.#times.length < this.#limit) return 0;
		return oldest + BUDGET_WINDOW_MS - now;
	}
}

export function closeWords(event: { readonly code: number; readonly reason: string }): string {
	return `Connection closed (code ${event.code}${event.reason ? `: ${event.reason}` : ''})`;
}

export function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

export function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}

export function refusalWords(host: string, failures: number): string {
	return (
		`No market data from ${host} after ${failures} attempts. Binance refuses some locations ` +
		'(HTTP 451, which a browser cannot show) and firewalls or ad-blockers may block the host: ' +
		'choose another WebSocket host in Settings, e.g. the Binance.US one. Still retrying slowly.'
	);
}
