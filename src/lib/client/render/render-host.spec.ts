import { describe, expect, it } from 'vitest';
import { animationMs, workMs } from './render-host';

/** A long animation frame entry as Chromium reports it, with only the fields read. */
function loaf(fields: {
	startTime: number;
	duration: number;
	styleAndLayoutStart: number;
	scripts: { invoker: string; duration: number }[];
}): PerformanceEntry {
	return { entryType: 'long-animation-frame', name: 'long-animation-frame', ...fields } as never;
}

describe('long animation frame timings', () => {
	it('counts scripts and rendering as work; the rest of a long frame is the thread elsewhere', () => {
		const entry = loaf({
			startTime: 1000,
			duration: 120,
			styleAndLayoutStart: 1110,
			scripts: [
				{ invoker: 'FrameRequestCallback', duration: 12 },
				{ invoker: 'MessagePort.onmessage', duration: 8 }
			]
		});
		// 20 ms of scripts and 10 of style, layout and paint in a 120 ms frame: preempted.
		expect(workMs(entry)).toBe(30);
		expect(animationMs(entry)).toBe(12);
	});

	it('never reports more work than the frame lasted, and none for a bare long task', () => {
		const busy = loaf({
			startTime: 0,
			duration: 60,
			styleAndLayoutStart: 20,
			scripts: [{ invoker: 'FrameRequestCallback', duration: 50 }]
		});
		expect(workMs(busy)).toBe(60);
		const task = { entryType: 'longtask', startTime: 0, duration: 80 } as PerformanceEntry;
		expect(workMs(task)).toBeNull();
		expect(animationMs(task)).toBeNull();
	});
});
