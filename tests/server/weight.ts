/** Binance request weights of the endpoints the server answers. */
export const WEIGHTS = {
	time: 1,
	exchangeInfo: 20,
	klines: 2,
	aggTrades: 4
} as const;

/** `/api/v3/depth` weight by limit: 1-100 -> 5, 101-500 -> 25, 501-1000 -> 50, 1001-5000 -> 250. */
export function depthWeight(limit: number): number {
	if (limit <= 100) return 5;
	if (limit <= 500) return 25;
	if (limit <= 1000) return 50;
	return 250;
}

/**
 * Used request weight per wall-clock minute (the `X-MBX-USED-WEIGHT-1M` header). Real time, not
 * replay time: the budget is about the client's request rate.
 */
export class WeightMeter {
	private minute = -1;
	private spent = 0;

	constructor(
		readonly limit: number,
		private readonly wallNow: () => number = () => Date.now()
	) {}

	used(): number {
		this.roll();
		return this.spent;
	}

	/** Adds `weight`; false when that goes over the limit (the request is answered 429). */
	charge(weight: number): boolean {
		this.roll();
		this.spent += weight;
		return this.spent <= this.limit;
	}

	/** Whole seconds until the minute window rolls over (for `Retry-After`). */
	secondsToReset(): number {
		return Math.max(1, Math.ceil((60_000 - (this.wallNow() % 60_000)) / 1000));
	}

	private roll(): void {
		const minute = Math.floor(this.wallNow() / 60_000);
		if (minute === this.minute) return;
		this.minute = minute;
		this.spent = 0;
	}
}
