/**
 * A local REST request-weight budget. Binance allows 6,000 weight per minute per IP and answers
 * 429 past it (418, a ban, when a client keeps going). Each request is charged before it is sent;
 * when the server's own figure (`X-MBX-USED-WEIGHT-1M`, if the browser may read it) is higher, it
 * wins, since other tabs and apps on the same IP spend the same budget.
 */

export const BINANCE_WEIGHT_PER_MINUTE = 6000;
const MINUTE_MS = 60_000;

export class WeightBudget {
	readonly #limit: number;
	/** Charges of the last minute, oldest first: [time, weight]. */
	#charges: [number, number][] = [];
	/** The server's figure and when it was read; it holds until its minute rolls over. */
	#reported: { used: number; at: number } | null = null;
	#bannedUntil = 0;

	/** `limit` below Binance's, to leave room for history loads and other tabs. */
	constructor(limit = BINANCE_WEIGHT_PER_MINUTE * 0.8) {
		if (!(limit > 0)) throw new RangeError(`a weight budget must be positive, got ${limit}`);
		this.#limit = limit;
	}

	/** Weight spent in the minute before `now`, as far as this client knows. */
	used(now: number): number {
		const cutoff = now - MINUTE_MS;
		while ((this.#charges[0]?.[0] ?? now) <= cutoff) this.#charges.shift();
		const local = this.#charges.reduce((sum, [, weight]) => sum + weight, 0);
		const reported = this.#reported;
		const sameMinute =
			reported !== null && Math.floor(reported.at / MINUTE_MS) === Math.floor(now / MINUTE_MS);
		return Math.max(local, sameMinute ? reported.used : 0);
	}

	/** Milliseconds until a request of `weight` fits; 0 when it fits now. */
	waitMs(now: number, weight: number): number {
		if (now < this.#bannedUntil) return this.#bannedUntil - now;
		if (this.used(now) + weight <= this.#limit) return 0;
		const local = this.#charges[0];
		// The oldest charge leaving the window frees room; a server figure clears at its minute's end.
		const localWait = local ? local[0] + MINUTE_MS - now : MINUTE_MS - (now % MINUTE_MS);
		return Math.max(1, Math.min(localWait, MINUTE_MS - (now % MINUTE_MS)));
	}

	charge(now: number, weight: number): void {
		this.#charges.push([now, weight]);
	}

	/** The `X-MBX-USED-WEIGHT-1M` of an answer; null when the header was absent or hidden. */
	observe(now: number, used: number | null): void {
		if (used !== null && Number.isFinite(used)) this.#reported = { used, at: now };
	}

	/** A 429 or 418 said to wait `ms`: no request before then. */
	pause(now: number, ms: number): void {
		this.#bannedUntil = Math.max(this.#bannedUntil, now + ms);
	}
}
