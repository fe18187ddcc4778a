import { describe, expect, it } from 'vitest';
import { DisplayPeriod, FRAME_MS, FrameCounter } from './frame-scheduler';

describe('FrameCounter', () => {
	it('counts one per frame at 60 Hz and the skipped frames of an idle gap', () => {
		const counter = new FrameCounter();
		expect(counter.next(1000)).toBe(1);
		expect(counter.next(1000 + FRAME_MS)).toBe(2);
		expect(counter.next(1000 + 2 * FRAME_MS)).toBe(3);
		// 100 ms without a frame request: six frames went by.
		expect(counter.next(1000 + 2 * FRAME_MS + 100)).toBe(9);
	});

	it('still advances on a faster display or a frame that came early', () => {
		const counter = new FrameCounter();
		counter.next(0);
		expect(counter.next(FRAME_MS / 2)).toBe(2);
		expect(counter.next(FRAME_MS / 2 + 1)).toBe(3);
	});
});

describe('DisplayPeriod', () => {
	const feed = (period: DisplayPeriod, intervals: readonly number[]) => {
		for (const interval of intervals) period.add(interval);
	};

	it('assumes 60 Hz until it has seen enough frames', () => {
		const period = new DisplayPeriod();
		feed(
			period,
			Array.from({ length: 10 }, () => 1000 / 120)
		);
		expect(period.ms).toBe(FRAME_MS);
	});

	it('finds a 120 Hz display in its short intervals, among idle gaps and slow frames', () => {
		const period = new DisplayPeriod();
		const beat = 1000 / 120;
		feed(
			period,
			Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? beat : i % 3 === 1 ? 3 * beat : 250))
		);
		expect(period.ms).toBeCloseTo(beat, 6);
	});

	it('never takes slow frames for a slow display: the period stays at most a 60 Hz frame', () => {
		const period = new DisplayPeriod();
		feed(
			period,
			Array.from({ length: 60 }, () => 2 * FRAME_MS)
		);
		expect(period.ms).toBe(FRAME_MS);
		feed(period, [Number.NaN, -5, 0]);
		expect(period.ms).toBe(FRAME_MS);
	});
});
