/**
 * The one replay position all clients share, in exchange milliseconds. It stands at `startMs` until
 * `start()` (the first stream client), then runs at `speed` times real time; without looping it
 * stops at `endMs`. A client that reconnects has missed what passed, as on the real exchange.
 * `hold(ms)` stops it at a position until `release()`.
 */
export class ReplayClock {
	private anchorReal = 0;
	private anchorReplay: number;
	private isRunning = false;
	private isHeld = false;
	private rate: number;
	private startAt: number;

	constructor(
		startMs: number,
		private endMs: number | null,
		speed: number,
		private readonly realNow: () => number = () => performance.now()
	) {
		this.startAt = startMs;
		this.anchorReplay = startMs;
		this.rate = checkSpeed(speed);
	}

	/** Where the clock stands before `start()` and goes back to on `reset()`, ms. */
	get startMs(): number {
		return this.startAt;
	}

	get running(): boolean {
		return this.isRunning;
	}

	/** Whether `hold` stopped the clock (it may be running, yet not moving). */
	get held(): boolean {
		return this.isHeld;
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
		const raw =
			this.isRunning && !this.isHeld
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

	/** Stops the clock at `atMs` (not before now) until `release()`; `start()` does not move it. */
	hold(atMs: number): void {
		this.anchorReplay = Math.max(atMs, this.now());
		this.anchorReal = this.realNow();
		this.isHeld = true;
	}

	/** Runs on from where `hold` stopped it (once started). */
	release(): void {
		if (!this.isHeld) return;
		this.anchorReal = this.realNow();
		this.isHeld = false;
	}

	/** Back to the start (a new one when given), not held, stopped until the next `start()`. */
	reset(startMs = this.startAt): void {
		this.isRunning = false;
		this.isHeld = false;
		this.startAt = startMs;
		this.anchorReplay = startMs;
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
