/**
 * Where a replay should be, in trade time, as a pure function of wall time.
 *
 * A clock is an immutable value: an anchor (trade time `anchorMs` at wall time `anchorWallMs`),
 * a speed and a playing flag. While playing at a numeric speed, trade time runs `speed` times as
 * fast as wall time from the anchor; paused, it stays at the anchor. At `'max'` the target is the
 * end of the range at once: the replay feeds as fast as it can, and how far it got is the caller's
 * `reachedMs`. Every change (pause, play, speed, seek) re-anchors at the current position, so the
 * target never jumps except on a seek. All times are ms; targets stay within [fromMs, toMs].
 */

/** Trade-time ms per wall-time ms, or as fast as possible. */
export type ClockSpeed = number | 'max';

export interface ReplayClock {
	/** First and last trade time of the replayed range, ms, inclusive. */
	readonly fromMs: number;
	readonly toMs: number;
	readonly speed: ClockSpeed;
	readonly playing: boolean;
	/** Trade time at the anchor, ms. */
	readonly anchorMs: number;
	/** Wall time of the anchor, ms (any monotonic-ish epoch; only differences matter). */
	readonly anchorWallMs: number;
}

function checkSpeed(speed: ClockSpeed): void {
	if (speed !== 'max' && !(Number.isFinite(speed) && speed > 0)) {
		throw new RangeError(`replay speed must be a positive number or 'max', got ${speed}`);
	}
}

const clamp = (clock: ReplayClock, ms: number): number =>
	Math.min(clock.toMs, Math.max(clock.fromMs, ms));

/** A clock at the start of `[fromMs, toMs]`, anchored at `wallMs`. */
export function startClock(
	fromMs: number,
	toMs: number,
	speed: ClockSpeed,
	wallMs: number,
	playing = true
): ReplayClock {
	if (!(Number.isFinite(fromMs) && Number.isFinite(toMs) && fromMs <= toMs)) {
		throw new RangeError(`replay range must be finite with from <= to, got ${fromMs}..${toMs}`);
	}
	checkSpeed(speed);
	return { fromMs, toMs, speed, playing, anchorMs: fromMs, anchorWallMs: wallMs };
}

/**
 * Trade time the replay should have reached at `wallMs`. Wall time before the anchor counts as
 * the anchor (a clock stepping back never rewinds a replay).
 */
export function clockTarget(clock: ReplayClock, wallMs: number): number {
	if (!clock.playing) return clock.anchorMs;
	if (clock.speed === 'max') return clock.toMs;
	const elapsed = Math.max(0, wallMs - clock.anchorWallMs);
	return clamp(clock, clock.anchorMs + elapsed * clock.speed);
}

/**
 * Where the replay is: the target, or `reachedMs` when the feeding lags behind it (always at
 * `'max'`, and at a numeric speed faster than the ticks can be fed).
 */
function position(clock: ReplayClock, wallMs: number, reachedMs?: number): number {
	const target = clockTarget(clock, wallMs);
	return reachedMs === undefined ? target : clamp(clock, Math.min(target, reachedMs));
}

/** Stops trade time at the current position. */
export function pauseClock(clock: ReplayClock, wallMs: number, reachedMs?: number): ReplayClock {
	if (!clock.playing) return clock;
	const anchorMs = position(clock, wallMs, reachedMs);
	return { ...clock, playing: false, anchorMs, anchorWallMs: wallMs };
}

/** Lets trade time run again from where it was paused. */
export function playClock(clock: ReplayClock, wallMs: number): ReplayClock {
	if (clock.playing) return clock;
	return { ...clock, playing: true, anchorWallMs: wallMs };
}

/** Changes the speed from the current position on. */
export function setClockSpeed(
	clock: ReplayClock,
	speed: ClockSpeed,
	wallMs: number,
	reachedMs?: number
): ReplayClock {
	checkSpeed(speed);
	const anchorMs = position(clock, wallMs, reachedMs);
	return { ...clock, speed, anchorMs, anchorWallMs: wallMs };
}

/** Jumps to trade time `ms` (clamped into the range); playing or paused as before. */
export function seekClock(clock: ReplayClock, ms: number, wallMs: number): ReplayClock {
	if (!Number.isFinite(ms)) throw new RangeError(`seek position must be a time in ms, got ${ms}`);
	return { ...clock, anchorMs: clamp(clock, ms), anchorWallMs: wallMs };
}
