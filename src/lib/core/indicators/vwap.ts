import type { VwapSession } from './indicator-spec';
import { put, type BarInput, type Indicator, type LineColumns } from './indicator';
import { ExactSum, toUnits, UNIT } from './unit-window';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** 1970-01-01 was a Thursday: Mondays are 4 days after the epoch, modulo a week. */
const MONDAY_OFFSET_MS = 4 * DAY_MS;

/** Open time of the session `time` (ms) belongs to. */
export function sessionStart(time: number, session: VwapSession): number {
	if (session === 'day') return time - (time % DAY_MS);
	if (session === 'week')
		return time - ((((time - MONDAY_OFFSET_MS) % WEEK_MS) + WEEK_MS) % WEEK_MS);
	return -Infinity;
}

/**
 * Volume-weighted average of the typical price (high + low + close) / 3 since the session began
 * (or since the manual reset, whichever is later). Σ(h + l + c)·v and Σv are exact in units
 * (bigint for the products), so the only rounding is the final division.
 */
export class Vwap implements Indicator {
	readonly #session: VwapSession;
	readonly #resetAt: number;
	#anchor = NaN;
	#weighted = 0n;
	#volume = new ExactSum();

	constructor(session: VwapSession, resetAt: number | null) {
		this.#session = session;
		this.#resetAt = resetAt ?? Infinity;
	}

	commit(bar: BarInput, out: LineColumns, at: number): void {
		const anchor = this.#anchorOf(bar.time);
		if (anchor !== this.#anchor) {
			this.#anchor = anchor;
			this.#weighted = 0n;
			this.#volume = new ExactSum();
		}
		const { weighted, volume } = this.#terms(bar);
		this.#weighted += weighted;
		this.#volume.add(volume);
		put(out, 0, at, ratio(this.#weighted, this.#volume.bigWith(0n)));
	}

	preview(bar: BarInput, out: LineColumns, at: number): void {
		const { weighted, volume } = this.#terms(bar);
		const fresh = this.#anchorOf(bar.time) !== this.#anchor;
		const total = fresh ? weighted : this.#weighted + weighted;
		const volumes = fresh ? BigInt(volume) : this.#volume.bigWith(BigInt(volume));
		put(out, 0, at, ratio(total, volumes));
	}

	#anchorOf(time: number): number {
		const start = sessionStart(time, this.#session);
		return time >= this.#resetAt ? Math.max(start, this.#resetAt) : start;
	}

	#terms(bar: BarInput): { weighted: bigint; volume: number } {
		const volume = toUnits(bar.volume);
		const typical = toUnits(bar.high) + toUnits(bar.low) + toUnits(bar.close);
		return { weighted: BigInt(typical) * BigInt(volume), volume };
	}
}

/** Σ(h + l + c)·v / (3·Σv), in price units; NaN before any volume. */
function ratio(weighted: bigint, volume: bigint): number {
	if (volume === 0n) return NaN;
	return Number(weighted) / (3 * Number(volume) * UNIT);
}
