import { describe, expect, it } from 'vitest';
import { BatchCoalescer, type Frame } from './batch-coalescer';
import { FrameScheduler, type FrameClock } from './frame-scheduler';
import { batch, view } from './test-builders';

/** A clock whose frames run only when the test says so. */
function manualClock() {
	const callbacks = new Map<number, () => void>();
	let next = 1;
	const clock: FrameClock = {
		request(callback) {
			callbacks.set(next, callback);
			return next++;
		},
		cancel(handle) {
			callbacks.delete(handle);
		}
	};
	const frame = () => {
		const due = [...callbacks.values()];
		callbacks.clear();
		for (const callback of due) callback();
	};
	return { clock, frame, pending: () => callbacks.size };
}

function setup() {
	const manual = manualClock();
	const frames: Frame[] = [];
	const scheduler = new FrameScheduler(manual.clock, new BatchCoalescer(), (f: Frame) =>
		frames.push(f)
	);
	return { ...manual, frames, scheduler };
}

const T = 1_723_075_200_000;

describe('FrameScheduler', () => {
	it('asks for one frame however many batches arrive before it', () => {
		const { scheduler, frame, frames, pending } = setup();
		scheduler.push(batch(1, [view('main', [T])]));
		scheduler.push(batch(2, [view('main', [T + 1000])]));
		scheduler.push(batch(3));
		expect(pending()).toBe(1);
		expect(frames).toEqual([]);
		frame();
		expect(frames).toHaveLength(1);
		expect(frames[0]?.seq).toBe(3);
		expect(frames[0]?.batches).toBe(3);
		expect([...(frames[0]?.views[0]?.bars.time ?? [])]).toEqual([T, T + 1000]);
	});

	it('asks again only after a frame ran, and does nothing on an idle frame', () => {
		const { scheduler, frame, frames, pending } = setup();
		frame();
		expect(frames).toHaveLength(0);
		scheduler.push(batch(1));
		frame();
		expect(pending()).toBe(0);
		scheduler.push(batch(2));
		expect(pending()).toBe(1);
		frame();
		expect(frames.map((f) => f.seq)).toEqual([1, 2]);
	});

	it('measures the apply time', () => {
		const { scheduler, frame } = setup();
		scheduler.push(batch(1));
		frame();
		expect(scheduler.lastApplyMs).toBeGreaterThanOrEqual(0);
	});

	it('cancels the pending frame and ignores pushes once disposed', () => {
		const { scheduler, frame, frames, pending } = setup();
		scheduler.push(batch(1));
		scheduler.dispose();
		expect(pending()).toBe(0);
		scheduler.push(batch(2));
		frame();
		expect(frames).toEqual([]);
		expect(pending()).toBe(0);
	});
});
