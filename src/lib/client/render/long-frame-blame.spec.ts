import { describe, expect, it } from 'vitest';
import { blameLongFrame, type BlameCandidate, type RenderedFrame } from './long-frame-blame';

interface View extends BlameCandidate {
	readonly id: string;
}

const chart = (costMs: number): View => ({ id: 'chart', costMs, deferredPaint: true });
const status = (costMs: number): View => ({ id: 'status', costMs, deferredPaint: false });

function frame(start: number, ...rendered: View[]): RenderedFrame<View> {
	const cost = rendered.reduce((sum, view) => sum + view.costMs, 0);
	return { start, end: start + cost, rendered, blamed: false };
}

const blamed = (
	frames: RenderedFrame<View>[],
	startMs: number,
	durationMs: number,
	animationMs: number | null = null
) => blameLongFrame(frames, { startMs, durationMs, animationMs })?.view.id ?? null;

describe('blameLongFrame', () => {
	it('blames the costliest render that took a fair share of the long frame', () => {
		const frames = [frame(1000, chart(30), status(20))];
		expect(blamed(frames, 990, 80)).toBe('chart');
		expect(blamed([frame(1000, chart(10), status(25))], 990, 80)).toBe('status');
	});

	it('blames nobody for a long frame its renders were a small part of, or that came later', () => {
		expect(blamed([frame(1000, chart(2), status(1))], 990, 80)).toBeNull();
		expect(blamed([frame(1000, status(40))], 1100, 80)).toBeNull();
	});

	it('blames a chart for the animation callbacks that were not the scheduler’s own', () => {
		// 40 ms of animation callbacks in a 70 ms frame, 2 ms of them the scheduler's: the chart painting.
		expect(blamed([frame(1000, chart(1), status(1))], 1010, 70, 40)).toBe('chart');
		// All of the animation time was the scheduler's own (cheap) renders: not a paint.
		expect(blamed([frame(1020, chart(1), status(1))], 1010, 70, 2)).toBeNull();
		// No chart rendered close before it.
		expect(blamed([frame(900, chart(1))], 1010, 70, 40)).toBeNull();
		expect(blamed([frame(1000, status(1))], 1010, 70, 40)).toBeNull();
	});

	it('blames nobody for a long frame the browser saw little work in: the thread was not running', () => {
		const frames = [frame(1000, chart(30), status(20))];
		const long = (workMs: number | null) =>
			blameLongFrame(frames, { startMs: 990, durationMs: 80, animationMs: 30, workMs })?.view.id;
		// 80 ms long, 30 ms of it scripts and rendering: preempted, not slow.
		expect(long(30)).toBeUndefined();
		expect(long(60)).toBe('chart');
		expect(long(null)).toBe('chart');
	});

	it('blames a frame once', () => {
		const frames = [frame(1000, status(30))];
		const first = blameLongFrame(frames, { startMs: 990, durationMs: 60, animationMs: null });
		expect(first?.view.id).toBe('status');
		if (first) first.frame.blamed = true;
		expect(blamed(frames, 990, 60)).toBeNull();
	});
});
