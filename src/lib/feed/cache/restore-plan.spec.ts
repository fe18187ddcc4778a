import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { restorePlan } from './restore-plan';

const MINUTE = 60_000;
const T0 = 1_723_161_600_000;

describe('restorePlan', () => {
	it('reads the newest minutes first, then ever longer older parts down to the window start', () => {
		const newest = T0 + 15 * MINUTE + 20_500;
		expect(restorePlan(newest - 15 * MINUTE, newest)).toEqual([
			{ fromMs: T0 + 14 * MINUTE, toMs: Infinity },
			{ fromMs: T0 + 12 * MINUTE, toMs: T0 + 14 * MINUTE - 1 },
			{ fromMs: T0 + 8 * MINUTE, toMs: T0 + 12 * MINUTE - 1 },
			{ fromMs: newest - 15 * MINUTE, toMs: T0 + 8 * MINUTE - 1 }
		]);
	});

	it('is one read when the window is no longer than the newest part', () => {
		expect(restorePlan(T0 + 30_000, T0 + 90_000)).toEqual([
			{ fromMs: T0 + 30_000, toMs: Infinity }
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
							expect(block.fromMs % MINUTE).toBe(0);
						}
					});
					// The newest part holds at least the whole minute before the newest tick's.
					expect(newest - (blocks[0]?.fromMs ?? 0)).toBeGreaterThanOrEqual(Math.min(span, MINUTE));
				}
			)
		);
	});
});
