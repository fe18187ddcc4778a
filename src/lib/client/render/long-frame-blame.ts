/** A long frame or task as the browser reported it, in the render scheduler's clock (ms). */
export interface LongFrame {
	readonly startMs: number;
	readonly durationMs: number;
	/**
	 * Time spent in animation frame callbacks (`requestAnimationFrame`) inside it, when the browser
	 * says (long animation frames list their scripts over 5 ms); null for a bare long task.
	 */
	readonly animationMs: number | null;
	/**
	 * Time the browser saw work in it (scripts over 5 ms, style, layout, paint), when it says (long
	 * animation frames); null for a bare long task. Little work in a long frame means the thread
	 * was not running (another process had the core) or ran many small tasks: no view's fault.
	 */
	readonly workMs?: number | null;
}

/** A view's render as the blame needs it. */
export interface BlameCandidate {
	readonly costMs: number;
	/** It paints on a canvas in its own later animation frame (lightweight-charts). */
	readonly deferredPaint: boolean;
}

/** One frame of the render scheduler: when it ran and what rendered in it. */
export interface RenderedFrame<C extends BlameCandidate> {
	readonly start: number;
	readonly end: number;
	readonly rendered: readonly C[];
	blamed: boolean;
}

/** A view that took this share of a long frame is to blame for it. */
export const LONG_FRAME_SHARE = 0.25;
/** A long frame with less work than this share of it was mostly the thread not running. */
export const LONG_FRAME_WORK_SHARE = 0.5;
/** A canvas chart paints within this long after its update (the next frame, or the one after). */
const PAINT_WITHIN_MS = 50;

function overlaps(frame: RenderedFrame<BlameCandidate>, from: number, to: number): boolean {
	return !frame.blamed && frame.end >= from && frame.start <= to;
}

/** The costliest render of `frames` inside the long frame that took a fair share of it. */
function measured<C extends BlameCandidate>(
	frames: readonly RenderedFrame<C>[],
	long: LongFrame
): { frame: RenderedFrame<C>; view: C } | null {
	let found: { frame: RenderedFrame<C>; view: C } | null = null;
	const end = long.startMs + long.durationMs;
	for (const frame of frames) {
		if (!overlaps(frame, long.startMs, end)) continue;
		for (const view of frame.rendered) {
			if (view.costMs < long.durationMs * LONG_FRAME_SHARE) continue;
			if (found === null || view.costMs > found.view.costMs) found = { frame, view };
		}
	}
	return found;
}

/**
 * A canvas chart updated just before the long frame, when animation callbacks other than the
 * scheduler's own took a fair share of it: that is the chart painting.
 */
function painted<C extends BlameCandidate>(
	frames: readonly RenderedFrame<C>[],
	long: LongFrame
): { frame: RenderedFrame<C>; view: C } | null {
	if (long.animationMs === null) return null;
	const end = long.startMs + long.durationMs;
	let ours = 0;
	for (const frame of frames) {
		if (frame.start >= long.startMs && frame.end <= end) ours += frame.end - frame.start;
	}
	if (long.animationMs - ours < long.durationMs * LONG_FRAME_SHARE) return null;
	for (let i = frames.length - 1; i >= 0; i--) {
		const frame = frames[i];
		if (frame === undefined || !overlaps(frame, long.startMs - PAINT_WITHIN_MS, end)) continue;
		const view = frame.rendered.find((candidate) => candidate.deferredPaint);
		if (view !== undefined) return { frame, view };
	}
	return null;
}

/**
 * Who made a long frame: the view whose own render took a fair share of it, else a canvas chart
 * whose paint did. Null when the browser saw little work in it (the thread was preempted), or
 * when no view took a share of it (garbage collection, a big message, a busy machine):
 * stepping a view down would not help then. A frame is blamed once, so the same jank reported
 * twice steps nobody down twice; the caller marks it.
 */
export function blameLongFrame<C extends BlameCandidate>(
	frames: readonly RenderedFrame<C>[],
	long: LongFrame
): { frame: RenderedFrame<C>; view: C } | null {
	const work = long.workMs ?? null;
	if (work !== null && work < long.durationMs * LONG_FRAME_WORK_SHARE) return null;
	return measured(frames, long) ?? painted(frames, long);
}
