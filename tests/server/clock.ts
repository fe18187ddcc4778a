/**
 * The one replay position all clients share, in exchange milliseconds. It stands at `startMs` until
 * `start()` (the first stream client), then runs at `speed` times real time; without looping it
 * stops at `endMs`. A client that reconnects has missed what passed, as on the real exchange.
 */
export class ReplayClock {
	private anchorReal = 0;
	private anchorReplay: number;
	private isRunning = false;
	private rate: number;

	constructor(
		readonly startMs: number,
		private endMs: number | null,
		speed: number,
		private readonly realNow: () => number = () => performance.now()
	) {
		this.anchorReplay = startMs;
		this.rate = checkSpeed(speed);
	}

	get running(): boolean {
		return this.isRunning;
	}

	get speed(): number {
		return this.rate;
	}

	/** The end the clock stops at, or null when it runs on (looping). */
	get end(): number | null {
		return this.endMs;
	}

	/** Replay time now, whole ms. */
	now(): number {
		const raw = this.isRunning
			? this.anchorReplay + (this.realNow() - this.anchorReal) * this.rate
			: this.anchorReplay;
		const capped = this.endMs === null ? raw : Math.min(raw, this.endMs);
		return Math.floor(capped);
	}

	get ended(): boolean {
		return this.endMs !== null && this.now() >= this.endMs;
	}

	start(): void {
		if (this.isRunning) return;
		this.anchorReal = this.realNow();
		this.isRunning = true;
	}

	setSpeed(speed: number): void {
		this.rebase();
		this.rate = checkSpeed(speed);
	}

	setEnd(endMs: number | null): void {
		this.rebase();
		this.endMs = endMs;
	}

	/** Back to the start, stopped until the next `start()`. */
	reset(): void {
		this.isRunning = false;
		this.anchorReplay = this.startMs;
	}

	private rebase(): void {
		this.anchorReplay = this.now();
		this.anchorReal = this.realNow();
	}
}

function checkSpeed(speed: number): number {
	if (!(speed > 0) || !Number.isFinite(speed))
		throw new Error(`speed must be a positive number, got ${speed}`);
	return speed;
}
