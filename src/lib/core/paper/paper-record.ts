import { parseQuote, quoteToNumber } from './paper-units';

/** One point of the equity curve: trade time (ms) and equity in quote currency (a double, for drawing). */
export type EquityPoint = readonly [timeMs: number, equity: number];

/** Points kept at most; beyond, every other point is dropped (the first and last always stay). */
export const EQUITY_POINTS_MAX = 2000;

/**
 * The session's record: closing fills won and lost, the largest of each, and the equity curve
 * with its peak and deepest drawdown. Equity is sampled on every mark while a position is open
 * (drawdown is exact to the trade); the curve keeps one point per second.
 */
export class PaperRecord {
	wins = 0;
	losses = 0;
	largestWin = 0n;
	largestLoss = 0n;
	peak: bigint;
	maxDrawdown = 0n;
	/** maxDrawdown as a share of the peak it fell from, 0..1. */
	maxDrawdownShare = 0;
	readonly curve: EquityPoint[] = [];

	constructor(startEquity: bigint, timeMs: number) {
		this.peak = startEquity;
		this.curve.push([timeMs, quoteToNumber(startEquity)]);
	}

	/** Takes back what a saved session's fills cannot rebuild: the peak, the drawdown, the curve. */
	restore(saved: {
		readonly peak: string;
		readonly maxDrawdown: string;
		readonly maxDrawdownShare: number;
		readonly curve: readonly EquityPoint[];
	}): void {
		this.peak = parseQuote(saved.peak);
		this.maxDrawdown = parseQuote(saved.maxDrawdown);
		this.maxDrawdownShare = saved.maxDrawdownShare;
		this.curve.length = 0;
		this.curve.push(...saved.curve);
	}

	/** Counts a closing fill's realised P&L (a zero result counts as neither win nor loss). */
	closed(realised: bigint): void {
		if (realised > 0n) {
			this.wins++;
			if (realised > this.largestWin) this.largestWin = realised;
		} else if (realised < 0n) {
			this.losses++;
			if (realised < this.largestLoss) this.largestLoss = realised;
		}
	}

	/** Share of decided closing fills that won, 0..1; null before the first. */
	get winRate(): number | null {
		const decided = this.wins + this.losses;
		return decided === 0 ? null : this.wins / decided;
	}

	/** Equity at `timeMs`: moves the peak and the drawdown, and the curve's last point. */
	mark(equity: bigint, timeMs: number): void {
		if (equity > this.peak) this.peak = equity;
		const drawdown = this.peak - equity;
		if (drawdown > this.maxDrawdown) {
			this.maxDrawdown = drawdown;
			this.maxDrawdownShare =
				this.peak > 0n ? quoteToNumber(drawdown) / quoteToNumber(this.peak) : 0;
		}
		this.#plot(timeMs, quoteToNumber(equity));
	}

	#plot(timeMs: number, equity: number): void {
		const last = this.curve[this.curve.length - 1];
		if (
			last !== undefined &&
			Math.floor(last[0] / 1000) === Math.floor(timeMs / 1000) &&
			this.curve.length > 1
		) {
			this.curve[this.curve.length - 1] = [timeMs, equity];
			return;
		}
		this.curve.push([timeMs, equity]);
		if (this.curve.length > EQUITY_POINTS_MAX) thin(this.curve);
	}
}

/** Drops every other point, keeping the first and the last. */
function thin(points: EquityPoint[]): void {
	const last = points[points.length - 1];
	let kept = 0;
	for (let i = 0; i < points.length - 1; i += 2) points[kept++] = points[i] as EquityPoint;
	points.length = kept;
	if (last !== undefined) points.push(last);
}
