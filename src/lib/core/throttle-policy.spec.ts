import { describe, expect, it } from 'vitest';
import { MAX_LEVEL, SLOWEST_RENDER_MS, ThrottlePolicy } from './throttle-policy';

const FRAME_MS = 1000 / 60;

/** Runs `frames` frames; each due render costs `cost(frame)` ms. Returns how many renders ran. */
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

describe('ThrottlePolicy', () => {
	it('renders every frame while cheap', () => {
		const policy = new ThrottlePolicy();
		expect(drive(policy, 0, 120, () => 1)).toBe(120);
		expect(policy.level).toBe(0);
	});

	it('steps down level by level while the amortised cost is over budget', () => {
		const policy = new ThrottlePolicy({ budgetMs: 4 });
		drive(policy, 0, 600, () => 30);
		// 30 ms every 10th frame is still 3 ms/frame under a 4 ms budget: level 3 holds.
		expect(policy.level).toBe(3);
		drive(policy, 600, 600, () => 60);
		expect(policy.level).toBe(MAX_LEVEL);
	});

	it('renders once a second at the slowest level', () => {
		const policy = new ThrottlePolicy({ budgetMs: 1 });
		drive(policy, 0, 600, () => 200);
		expect(policy.level).toBe(MAX_LEVEL);
		const renders = drive(policy, 600, 600, () => 200);
		expect(renders).toBe((600 * FRAME_MS) / SLOWEST_RENDER_MS);
	});

	it('steps back up only after a calm spell, one level at a time', () => {
		const policy = new ThrottlePolicy({ budgetMs: 4, calmMs: 2000 });
		drive(policy, 0, 600, () => 30);
		expect(policy.level).toBe(3);
		drive(policy, 600, 60, () => 0.5);
		expect(policy.level).toBe(3);
		drive(policy, 660, 150, () => 0.5);
		expect(policy.level).toBe(2);
		drive(policy, 810, 1200, () => 0.5);
		expect(policy.level).toBe(0);
	});

	it('does not step up when the lower level would be over half the budget', () => {
		const policy = new ThrottlePolicy({ budgetMs: 4 });
		drive(policy, 0, 300, () => 6);
		expect(policy.level).toBe(1);
		// 6 ms every 2nd frame = 3 ms/frame; every frame would be 6 > 2 (half budget): stay.
		drive(policy, 300, 1200, () => 6);
		expect(policy.level).toBe(1);
	});

	it('steps down at once on a long frame and restarts its measurements', () => {
		const policy = new ThrottlePolicy();
		drive(policy, 0, 10, () => 1);
		policy.longFrame();
		expect(policy.level).toBe(1);
		expect(policy.meanCostMs).toBe(0);
	});

	it('comes back to every frame within 8 s once a 30 ms render turns cheap', () => {
		const policy = new ThrottlePolicy();
		drive(policy, 0, 600, () => 30);
		expect(policy.level).toBe(3);
		let frame = 600;
		while (policy.level > 0 && frame < 600 + 60 * 30) {
			drive(policy, frame, 1, () => 0.5);
			frame += 1;
		}
		expect(policy.level).toBe(0);
		expect((frame - 600) * FRAME_MS).toBeLessThan(8000);
	});

	it('counts a catch-up render for due but not as a cost, and restarts the calm spell', () => {
		const policy = new ThrottlePolicy({ budgetMs: 4, calmMs: 2000 });
		drive(policy, 0, 300, () => 6);
		expect(policy.level).toBe(1);
		const mean = policy.meanCostMs;
		policy.caughtUp(300, 300 * FRAME_MS);
		expect(policy.due(301, 301 * FRAME_MS)).toBe(false);
		expect(policy.due(302, 302 * FRAME_MS)).toBe(true);
		expect(policy.meanCostMs).toBe(mean);
		// A 500 ms catch-up would have thrown the view to the slowest level had it been measured.
		for (let i = 0; i < 5; i++) policy.caughtUp(302 + i * 2, (302 + i * 2) * FRAME_MS);
		expect(policy.level).toBe(1);
	});

	it('keeps a calm spell from before a catch-up from counting', () => {
		const policy = new ThrottlePolicy({ budgetMs: 4, calmMs: 2000 });
		drive(policy, 0, 300, () => 6);
		expect(policy.level).toBe(1);
		// Cheap renders for 1.5 s, a catch-up, then 1.5 s more: no 2 s spell, no step up.
		drive(policy, 300, 90, () => 0.5);
		policy.caughtUp(390, 390 * FRAME_MS);
		drive(policy, 392, 90, () => 0.5);
		expect(policy.level).toBe(1);
		drive(policy, 482, 60, () => 0.5);
		expect(policy.level).toBe(0);
	});

	it('never renders more often than its floor level, and counts steps from there', () => {
		const policy = new ThrottlePolicy({ minLevel: 2 });
		expect(policy.level).toBe(2);
		expect(policy.stepped).toBe(0);
		// Every 4th frame while cheap, for ever: no step up below the floor.
		expect(drive(policy, 0, 400, () => 0.1)).toBe(100);
		expect(policy.level).toBe(2);
		policy.longFrame();
		expect(policy.stepped).toBe(1);
		drive(policy, 400, 600, () => 0.1);
		expect(policy.level).toBe(2);
	});

	it('adds cost learnt after a render, and steps down when that puts it over budget', () => {
		const policy = new ThrottlePolicy({ budgetMs: 4 });
		for (let frame = 0; frame < 3; frame += 1) {
			policy.rendered(frame, frame * FRAME_MS, 1);
			expect(policy.level).toBe(0);
			// The chart's paint and commit, measured in the next frame: 1 + 4 ms a render.
			policy.addCost((frame + 1) * FRAME_MS, 4);
		}
		expect(policy.level).toBe(1);
		const fresh = new ThrottlePolicy();
		fresh.addCost(0, 50);
		expect(fresh.meanCostMs).toBe(0);
	});
});
