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
});
