import { describe, expect, it } from 'vitest';
import { FRAME_MS, FrameCounter } from './frame-scheduler';

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
