import { describe, expect, it } from 'vitest';
import {
	DEFAULT_FLOOR_HZ,
	MAX_LEVEL,
	ThrottlePolicy,
	levelOf,
	throttleOptions
} from './throttle-policy';

const FRAME_MS = 1000 / 60;

/**
 * Runs frames `from` .. `from + frames - 1` at 60 Hz; each due render costs `cost(frame)` ms.
 * Returns how many renders ran.
 */
function drive(policy: ThrottlePolicy, from: number, frames: number, cost: (f: number) => number) {
	let renders = 0;
	for (let frame = from; frame < from + frames; frame += 1) {
		const now = frame * FRAME_MS;
		if (!policy.due(frame, now)) continue;
		policy.rendered(frame, now, cost(frame));
		renders += 1;
	}
	return renders;
}

/** A cheap view on a busy machine: `share` of its renders preempted, stretched to 20..80 ms. */
const preempted = (share: number, ownMs: number) => (frame: number) =>
	(frame * 7919) % 100 < share * 100 ? ownMs + 20 + ((frame * 31) % 60) : ownMs;

describe('ThrottlePolicy', () => {
	it('renders every frame while the view takes less than its share of the frame', () => {
		const policy = new ThrottlePolicy();
		expect(policy.budgetMs).toBeCloseTo(12.5, 5);
		// A chart that takes 4 to 10 ms of a 16.7 ms frame on a software-rastered machine: there is
		// time for it, so it draws every frame.
		expect(drive(policy, 0, 600, (frame) => 4 + (frame % 7))).toBe(600);
		expect(policy.level).toBe(0);
	});

	it('does not step down a cheap view whose renders a busy machine stretches', () => {
		const policy = new ThrottlePolicy();
		// Six renders in ten preempted for 20 to 80 ms: a median would say 40 ms, its own cost is 2.
		expect(drive(policy, 0, 1200, preempted(0.6, 2))).toBe(1200);
		expect(policy.ownCostMs).toBe(2);
		// Long frames reported all along: the machine, not the view; nothing changes.
		for (let i = 0; i < 20; i++) expect(policy.longFrame()).toBe(false);
		expect(policy.framesPerRender).toBe(1);
	});

	it('steps as far as the measured cost says, not down a fixed ladder', () => {
		const policy = new ThrottlePolicy();
		drive(policy, 0, 120, () => 30);
		// 30 ms over 3 frames is 10 ms a frame, under the 12.5 ms budget.
		expect(policy.framesPerRender).toBe(3);
		expect(policy.level).toBe(2);
		drive(policy, 120, 120, () => 60);
		expect(policy.framesPerRender).toBe(5);
		expect(policy.level).toBe(3);
	});

	it('never draws a slow view less often than its floor, and recovers once it is cheap', () => {
		const policy = new ThrottlePolicy();
		expect(policy.options.floorHz).toBe(DEFAULT_FLOOR_HZ);
		drive(policy, 0, 60, () => 400);
		// 400 ms renders would want 32 frames apart; the floor, 8 a second, holds at 7 frames.
		expect(policy.framesPerRender).toBe(7);
		const renders = drive(policy, 60, 600, () => 400);
		expect(renders / 10).toBeGreaterThanOrEqual(DEFAULT_FLOOR_HZ);
		// Long frames blamed on it cannot push it below the floor either.
		for (let i = 0; i < 5; i++) expect(policy.longFrame()).toBe(false);
		expect(policy.framesPerRender).toBe(7);
		expect(policy.level).toBe(3);
		// Cheap again: back to every frame after one calm spell, in one step.
		let frame = 660;
		while (policy.framesPerRender > 1 && frame < 660 + 60 * 10) {
			drive(policy, frame, 1, () => 1);
			frame += 1;
		}
		expect(policy.framesPerRender).toBe(1);
		expect((frame - 660) * FRAME_MS).toBeLessThan(4000);
	});

	it('lets a secondary view go slower first, down to once a second', () => {
		const primary = new ThrottlePolicy({ priority: 'primary' });
		const secondary = new ThrottlePolicy({ priority: 'secondary' });
		drive(primary, 0, 300, () => 6);
		drive(secondary, 0, 300, () => 6);
		expect(primary.framesPerRender).toBe(1);
		expect(secondary.framesPerRender).toBe(2);
		drive(secondary, 300, 120, () => 400);
		expect(secondary.framesPerRender).toBe(60);
		expect(secondary.level).toBe(MAX_LEVEL);
		expect(drive(secondary, 420, 600, () => 400)).toBe(10);
	});

	it('takes its budget from the frame period: a 120 Hz display halves it', () => {
		const policy = new ThrottlePolicy();
		policy.setFrameMs(1000 / 120);
		expect(policy.budgetMs).toBeCloseTo(6.25, 5);
		expect(policy.floorFrames).toBe(15);
		drive(policy, 0, 300, () => 7);
		expect(policy.framesPerRender).toBe(2);
		policy.setFrameMs(0);
		expect(policy.budgetMs).toBeCloseTo(6.25, 5);
	});

	it('holds the floor in time even when frames are numbered slower than they come', () => {
		const policy = new ThrottlePolicy();
		drive(policy, 0, 60, () => 400);
		const last = 100 * FRAME_MS;
		policy.rendered(100, last, 400);
		// Frame numbers stuck (a misjudged period): 125 ms after the last render it is due anyway.
		expect(policy.due(101, last + 100)).toBe(false);
		expect(policy.due(101, last + 125)).toBe(true);
	});

	it('steps down on a long frame only when its own cost is near the budget', () => {
		const cheap = new ThrottlePolicy();
		drive(cheap, 0, 10, () => 1);
		expect(cheap.longFrame()).toBe(false);
		expect(cheap.framesPerRender).toBe(1);

		const heavy = new ThrottlePolicy();
		drive(heavy, 0, 10, () => 11);
		expect(heavy.framesPerRender).toBe(1);
		expect(heavy.longFrame()).toBe(true);
		expect(heavy.framesPerRender).toBe(2);
		// Right after a step there is no evidence yet: a second report waits for new renders.
		expect(heavy.longFrame()).toBe(false);
		// At every 2nd frame it takes 5.5 ms a frame, comfortably under budget: later ones do not.
		drive(heavy, 10, 12, () => 11);
		expect(heavy.longFrame()).toBe(false);
		expect(heavy.framesPerRender).toBe(2);
	});

	it('does not step up while the faster rate would be near the budget', () => {
		const policy = new ThrottlePolicy();
		drive(policy, 0, 300, () => 15);
		expect(policy.framesPerRender).toBe(2);
		// 15 ms every frame is over 3/4 of 12.5: it stays at every 2nd frame.
		drive(policy, 300, 1200, () => 15);
		expect(policy.framesPerRender).toBe(2);
	});

	it('counts a catch-up render for due but not as a cost, and restarts the calm spell', () => {
		const policy = new ThrottlePolicy({ calmMs: 2000 });
		drive(policy, 0, 300, () => 15);
		expect(policy.framesPerRender).toBe(2);
		const own = policy.ownCostMs;
		policy.caughtUp(300, 300 * FRAME_MS);
		expect(policy.due(301, 301 * FRAME_MS)).toBe(false);
		expect(policy.due(302, 302 * FRAME_MS)).toBe(true);
		expect(policy.ownCostMs).toBe(own);
		for (let i = 0; i < 5; i++) policy.caughtUp(302 + i * 2, (302 + i * 2) * FRAME_MS);
		expect(policy.framesPerRender).toBe(2);
		// Cheap renders for 1.5 s, a catch-up, then 1.5 s more: no 2 s spell, no step up.
		drive(policy, 312, 90, () => 0.5);
		policy.caughtUp(402, 402 * FRAME_MS);
		drive(policy, 404, 90, () => 0.5);
		expect(policy.framesPerRender).toBe(2);
		drive(policy, 494, 60, () => 0.5);
		expect(policy.framesPerRender).toBe(1);
	});

	it('never renders more often than its minFrames, and counts steps from there', () => {
		const policy = new ThrottlePolicy({ minFrames: 4 });
		expect(policy.level).toBe(2);
		expect(policy.stepped).toBe(0);
		expect(drive(policy, 0, 400, () => 0.1)).toBe(100);
		drive(policy, 400, 400, () => 60);
		expect(policy.framesPerRender).toBe(5);
		expect(policy.stepped).toBe(1);
		drive(policy, 800, 600, () => 0.1);
		expect(policy.framesPerRender).toBe(4);
	});

	it('adds cost learnt after a render, and steps down when that puts it over budget', () => {
		const run = (paintMs: number) => {
			const policy = new ThrottlePolicy();
			for (let frame = 0; frame < 6; frame += 1) {
				policy.rendered(frame, frame * FRAME_MS, 2);
				// The chart's paint and commit, measured in the next frame.
				policy.addCost((frame + 1) * FRAME_MS, paintMs);
			}
			return policy.framesPerRender;
		};
		expect(run(5)).toBe(1);
		expect(run(12)).toBe(2);
		const fresh = new ThrottlePolicy();
		fresh.addCost(0, 50);
		expect(fresh.ownCostMs).toBe(0);
	});

	it('shares a paint between a render and the one that joined its draw', () => {
		const policy = new ThrottlePolicy({ costQuantile: 0 });
		for (let frame = 0; frame < 8; frame += 2) {
			policy.rendered(frame, frame * FRAME_MS, 1);
			policy.rendered(frame + 1, (frame + 1) * FRAME_MS, 1, true);
			policy.addCost((frame + 1) * FRAME_MS, 10);
		}
		// Each render: its 1 ms and half the 10 ms draw; unshared, the lowest would be 1 ms.
		expect(policy.ownCostMs).toBe(6);
	});

	it('maps rates to the status levels and refuses options that make no sense', () => {
		expect([1, 2, 3, 4, 5, 7, 10, 11, 60].map(levelOf)).toEqual([0, 1, 2, 2, 3, 3, 3, 4, 4]);
		expect(() => throttleOptions({ floorHz: 0 })).toThrow(/floorHz must be a positive number/);
		expect(() => throttleOptions({ minFrames: 0.5 })).toThrow(/minFrames must be a whole number/);
		expect(throttleOptions({ priority: 'secondary' }).floorHz).toBe(1);
	});
});
