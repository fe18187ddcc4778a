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
	it('renders every frame while the view takes less than its share of the frame', () => {
		const policy = new ThrottlePolicy();
		expect(policy.budgetMs).toBeCloseTo(12.5, 5);
		// A chart that takes 4 to 10 ms of a 16.7 ms frame on a software-rastered machine: there is
		// time for it, so it draws every frame.
		expect(drive(policy, 0, 600, (frame) => 4 + (frame % 7))).toBe(600);
		expect(policy.level).toBe(0);
	});

	it('steps down level by level while the amortised cost is over budget', () => {
		const policy = new ThrottlePolicy();
		drive(policy, 0, 600, () => 30);
		// 30 ms every 4th frame is 7.5 ms a frame, under the 12.5 ms budget: level 2 holds.
		expect(policy.level).toBe(2);
		drive(policy, 600, 600, () => 60);
		expect(policy.level).toBe(3);
		drive(policy, 1200, 600, () => 200);
		expect(policy.level).toBe(MAX_LEVEL);
	});

	it('takes its budget from the frame period: a 120 Hz display halves it', () => {
		const policy = new ThrottlePolicy();
		policy.setFrameMs(1000 / 120);
		expect(policy.budgetMs).toBeCloseTo(6.25, 5);
		drive(policy, 0, 300, () => 7);
		expect(policy.level).toBe(1);
		policy.setFrameMs(0);
		expect(policy.budgetMs).toBeCloseTo(6.25, 5);
	});

	it('renders once a second at the slowest level', () => {
		const policy = new ThrottlePolicy({ budgetShare: 0.05 });
		drive(policy, 0, 600, () => 200);
		expect(policy.level).toBe(MAX_LEVEL);
		const renders = drive(policy, 600, 600, () => 200);
		expect(renders).toBe((600 * FRAME_MS) / SLOWEST_RENDER_MS);
	});

	it('steps back up only after a calm spell, one level at a time', () => {
		const policy = new ThrottlePolicy({ calmMs: 2000 });
		drive(policy, 0, 600, () => 60);
		expect(policy.level).toBe(3);
		drive(policy, 600, 60, () => 0.5);
		expect(policy.level).toBe(3);
		drive(policy, 660, 150, () => 0.5);
		expect(policy.level).toBe(2);
		drive(policy, 810, 1200, () => 0.5);
		expect(policy.level).toBe(0);
	});

	it('does not step up when the lower level would be near the budget', () => {
		const policy = new ThrottlePolicy();
		drive(policy, 0, 300, () => 15);
		expect(policy.level).toBe(1);
		// 15 ms every 2nd frame = 7.5 ms a frame; every frame would be 15, over 3/4 of 12.5: stay.
		drive(policy, 300, 1200, () => 15);
		expect(policy.level).toBe(1);
	});

	it('judges the typical render: one stretched by a busy machine steps nothing down', () => {
		const policy = new ThrottlePolicy();
		// Every 20th render is preempted for 80 ms; the rest take 2 ms.
		drive(policy, 0, 1200, (frame) => (frame % 20 === 0 ? 80 : 2));
		expect(policy.level).toBe(0);
		expect(policy.typicalCostMs).toBe(2);
	});

	it('steps down on a long frame only when its own cost is near the budget', () => {
		const cheap = new ThrottlePolicy();
		drive(cheap, 0, 10, () => 1);
		// A cheap view in a long frame: the machine, not the view; nothing changes.
		expect(cheap.longFrame()).toBe(false);
		expect(cheap.level).toBe(0);
		expect(cheap.typicalCostMs).toBe(1);

		const heavy = new ThrottlePolicy();
		drive(heavy, 0, 10, () => 11);
		expect(heavy.level).toBe(0);
		expect(heavy.longFrame()).toBe(true);
		expect(heavy.level).toBe(1);
		expect(heavy.typicalCostMs).toBe(0);
		// Right after a step there is no evidence yet: a second report waits for new renders.
		expect(heavy.longFrame()).toBe(false);
	});

	it('comes back to every frame within 8 s once a 30 ms render turns cheap', () => {
		const policy = new ThrottlePolicy();
		drive(policy, 0, 600, () => 30);
		expect(policy.level).toBe(2);
		let frame = 600;
		while (policy.level > 0 && frame < 600 + 60 * 30) {
			drive(policy, frame, 1, () => 0.5);
			frame += 1;
		}
		expect(policy.level).toBe(0);
		expect((frame - 600) * FRAME_MS).toBeLessThan(8000);
	});

	it('counts a catch-up render for due but not as a cost, and restarts the calm spell', () => {
		const policy = new ThrottlePolicy({ calmMs: 2000 });
		drive(policy, 0, 300, () => 15);
		expect(policy.level).toBe(1);
		const typical = policy.typicalCostMs;
		policy.caughtUp(300, 300 * FRAME_MS);
		expect(policy.due(301, 301 * FRAME_MS)).toBe(false);
		expect(policy.due(302, 302 * FRAME_MS)).toBe(true);
		expect(policy.typicalCostMs).toBe(typical);
		// A 500 ms catch-up would have thrown the view to the slowest level had it been measured.
		for (let i = 0; i < 5; i++) policy.caughtUp(302 + i * 2, (302 + i * 2) * FRAME_MS);
		expect(policy.level).toBe(1);
	});

	it('keeps a calm spell from before a catch-up from counting', () => {
		const policy = new ThrottlePolicy({ calmMs: 2000 });
		drive(policy, 0, 300, () => 15);
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
		drive(policy, 400, 400, () => 60);
		expect(policy.stepped).toBe(1);
		drive(policy, 800, 600, () => 0.1);
		expect(policy.level).toBe(2);
	});

	it('adds cost learnt after a render, and steps down when that puts it over budget', () => {
		const run = (paintMs: number) => {
			const policy = new ThrottlePolicy();
			for (let frame = 0; frame < 3; frame += 1) {
				policy.rendered(frame, frame * FRAME_MS, 2);
				// The chart's paint and commit, measured in the next frame.
				policy.addCost((frame + 1) * FRAME_MS, paintMs);
			}
			return policy.level;
		};
		expect(run(5)).toBe(0);
		expect(run(12)).toBe(1);
		const fresh = new ThrottlePolicy();
		fresh.addCost(0, 50);
		expect(fresh.typicalCostMs).toBe(0);
	});
});
