import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { restorePlan } from './restore-plan';

const MINUTE = 60_000;
const T0 = 1_723_161_600_000;

describe('restorePlan', () => {
	it('reads the newest 30 s first, then ever longer older parts down to the window start', () => {
		const newest = T0 + 15 * MINUTE + 20_500;
		// 30 s before the newest tick is 14:50.5; the first part starts at the whole second 14:50.
		const first = T0 + 14 * MINUTE + 50_000;
		expect(restorePlan(newest - 15 * MINUTE, newest)).toEqual([
			{ fromMs: first, toMs: Infinity },
			{ fromMs: T0 + 13 * MINUTE, toMs: first - 1 },
			{ fromMs: T0 + 11 * MINUTE, toMs: T0 + 13 * MINUTE - 1 },
			{ fromMs: T0 + 7 * MINUTE, toMs: T0 + 11 * MINUTE - 1 },
			{ fromMs: newest - 15 * MINUTE, toMs: T0 + 7 * MINUTE - 1 }
		]);
	});

	it('is one read when the window is no longer than the newest part', () => {
		expect(restorePlan(T0 + 70_000, T0 + 90_000)).toEqual([
			{ fromMs: T0 + 70_000, toMs: Infinity }
		]);
	});

	it('is two reads when the window starts within the minute before the newest part', () => {
		expect(restorePlan(T0 + 30_000, T0 + 90_000)).toEqual([
			{ fromMs: T0 + 60_000, toMs: Infinity },
			{ fromMs: T0 + 30_000, toMs: T0 + 59_999 }
		]);
	});

	it('covers every ms of the window once: no gap, no overlap, newest first', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 121 * MINUTE, max: 10 ** 12 }),
				fc.integer({ min: 0, max: 121 * MINUTE }),
				(newest, span) => {
					const from = newest - span;
					const blocks = restorePlan(from, newest);
					expect(blocks[0]?.toMs).toBe(Infinity);
					expect(blocks.at(-1)?.fromMs).toBe(from);
					blocks.forEach((block, i) => {
						expect(block.fromMs).toBeLessThanOrEqual(Math.min(block.toMs, newest));
						const older = blocks[i + 1];
						if (older !== undefined) {
							expect(older.toMs).toBe(block.fromMs - 1);
							// The newest part is cut at a whole second, every older one at a whole minute.
							expect(block.fromMs % (i === 0 ? 1000 : MINUTE)).toBe(0);
						}
					});
					// The newest part holds the newest 30 s (all of a shorter window).
					expect(newest - (blocks[0]?.fromMs ?? 0)).toBeGreaterThanOrEqual(Math.min(span, 30_000));
					// The second part completes the minute the newest part begins in.
					const second = blocks[1];
					if (second !== undefined && blocks.length > 2) {
						expect((blocks[0]?.fromMs ?? 0) - second.fromMs).toBeGreaterThanOrEqual(MINUTE);
					}
				}
			)
		);
	});
});
