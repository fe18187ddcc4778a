import { describe, expect, it } from 'vitest';
import { MAX_LEVEL } from '../../core/throttle-policy';
import type { Frame } from './batch-coalescer';
import { FRAME_MS, type FrameClock } from './frame-scheduler';
import {
	RenderScheduler,
	type IntersectionSource,
	type LongFrame,
	type LongFrameSource,
	type RenderViewSpec,
	type VisibilitySource
} from './render-scheduler';
import { RenderStats } from './render-stats';
import { batch, view } from '../testing/test-builders';

const T = 1_723_075_200_000;

/** A page by hand: a clock the renders advance, frames run on request, observers fired by the test. */
function fakePage(frameMs = FRAME_MS) {
	let now = T;
	let callbacks: (() => void)[] = [];
	/** Frames start on the display's beat, however long the last one's work took. */
	let frameTime = 0;
	const clock: FrameClock = {
		request: (callback) => callbacks.push(() => callback(frameTime)),
		cancel: () => void (callbacks = [])
	};
	let visible = true;
	let onVisibility: ((visible: boolean) => void) | null = null;
	const visibility: VisibilitySource = {
		get visible() {
			return visible;
		},
		subscribe: (callback) => {
			onVisibility = callback;
			return () => (onVisibility = null);
		}
	};
	let onScreen: ((onScreen: boolean) => void) | null = null;
	const intersection: IntersectionSource = {
		observe: (_element, callback) => {
			onScreen = callback;
			return () => (onScreen = null);
		}
	};
	let onLongFrame: ((frame: LongFrame) => void) | null = null;
	let after: (() => void)[] = [];
	/**
	 * A canvas chart updated in a frame's callbacks draws in the next frame, after the scheduler's
	 * callback (lightweight-charts asks for its own frame): `drawNow` is the draw planned for the
	 * running frame, which an update in it joins (one draw shows both), `drawNext` the next one's.
	 */
	let drawNow: number | null = null;
	let drawNext: number | null = null;
	const longFrames: LongFrameSource = {
		subscribe: (callback) => {
			onLongFrame = callback;
			return () => (onLongFrame = null);
		}
	};
	return {
		host: {
			clock,
			now: () => now,
			visibility,
			intersection,
			longFrames,
			afterFrame: (callback: () => void) => after.push(callback)
		},
		/**
		 * Runs one animation frame (if one was asked for) a frame period after the previous one: the
		 * scheduler's callback, then the paint of a chart updated last frame, then tasks posted after.
		 */
		frame() {
			now += frameMs;
			frameTime += frameMs;
			drawNow = drawNext;
			drawNext = null;
			const due = callbacks;
			callbacks = [];
			for (const callback of due) callback();
			now += drawNow ?? 0;
			drawNow = null;
			const tasks = after;
			after = [];
			for (const task of tasks) task();
		},
		/** The chart updated now costs `ms` of paint in the draw it joins or asks for next frame. */
		paintsNextFrame(ms: number) {
			if (drawNow === null) drawNext = ms;
			else drawNow = Math.max(drawNow, ms);
		},
		frames(count: number) {
			for (let i = 0; i < count; i++) this.frame();
		},
		/** Time passing inside a render. */
		spend(ms: number) {
			now += ms;
		},
		get now() {
			return now;
		},
		get requested() {
			return callbacks.length;
		},
		setVisible(next: boolean) {
			visible = next;
			onVisibility?.(next);
		},
		setOnScreen: (next: boolean) => onScreen?.(next),
		longFrame: (
			startMs: number,
			durationMs: number,
			animationMs: number | null = null,
			workMs: number | null = null
		) => onLongFrame?.({ startMs, durationMs, animationMs, workMs })
	};
}

type Page = ReturnType<typeof fakePage>;

/** A chart-like view of worker view `main` that records what it drew and costs `cost()` ms. */
function chartView(
	page: Page,
	cost: () => number = () => 0.5,
	extra: Partial<RenderViewSpec> = {}
) {
	const drawn: number[] = [];
	const frames: Frame[] = [];
	const spec: RenderViewSpec = {
		id: 'chart',
		accepts: (viewId) => viewId === 'main',
		barsOnly: true,
		measureLag: true,
		render: (frame) => {
			frames.push(frame);
			for (const update of frame.views) drawn.push(...update.bars.time);
			page.spend(cost());
		},
		...extra
	};
	return { spec, drawn, frames };
}

/** A canvas chart (deferred paint): updates cost `cost` ms, each paints `paintMs(frame)` ms next frame. */
function paintingChart(page: Page, paintMs: (frame: Frame) => number, cost = 0.5): RenderViewSpec {
	const chart = chartView(page, () => cost, { deferredPaint: true });
	return {
		...chart.spec,
		render: (frame) => {
			chart.spec.render(frame);
			page.paintsNextFrame(paintMs(frame));
		}
	};
}

/** One 1 s bar per batch, at a new second each time. */
const bar = (seq: number) => batch(seq, [view('main', [T + seq * 1000])]);

/** Bars 1..count, one batch before each animation frame (drawn or skipped as the level says). */
function barPerFrame(scheduler: RenderScheduler, page: { frame(): void }, count: number): void {
	for (let seq = 1; seq <= count; seq++) {
		scheduler.push(bar(seq));
		page.frame();
	}
}

/** A scheduler with the test build's render figures (RenderSeams), and their drain. */
function measured(page: ReturnType<typeof fakePage>) {
	const stats = new RenderStats();
	const scheduler = new RenderScheduler({ ...page.host, stats });
	return { scheduler, drain: () => stats.drain(scheduler.snapshot().level) };
}

describe('RenderScheduler', () => {
	it('merges batches and draws them in one frame, asking for one frame only', () => {
		const page = fakePage();
		const scheduler = new RenderScheduler(page.host);
		const chart = chartView(page);
		scheduler.register(chart.spec);
		for (let seq = 1; seq <= 3; seq++) scheduler.push(bar(seq));
		expect(page.requested).toBe(1);
		page.frame();
		expect(chart.frames).toHaveLength(1);
		expect(chart.drawn).toEqual([T + 1000, T + 2000, T + 3000]);
		page.frame();
		expect(page.requested).toBe(0);
	});

	it('gives each view only its worker views, and a chart no status-only frames', () => {
		const page = fakePage();
		const scheduler = new RenderScheduler(page.host);
		const chart = chartView(page);
		const statuses: Frame[] = [];
		scheduler.register(chart.spec);
		scheduler.register({ id: 'status', render: (frame) => statuses.push(frame) });
		scheduler.push(batch(1, [view('tab:btcusdt', [T])]));
		page.frame();
		expect(chart.frames).toEqual([]);
		expect(statuses.map((frame) => frame.views.map((v) => v.viewId))).toEqual([['tab:btcusdt']]);
	});

	it('steps a slow view down as far as its cost says, losing no bar', () => {
		const page = fakePage();
		const scheduler = new RenderScheduler(page.host);
		const chart = chartView(page, () => 30);
		scheduler.register(chart.spec);
		barPerFrame(scheduler, page, 240);
		page.frames(120);
		// 30 ms every 3rd frame is 10 ms a frame, under the 12.5 ms budget (3/4 of 16.7).
		expect(scheduler.snapshot()).toMatchObject({
			level: 2,
			views: [{ id: 'chart', framesPerRender: 3 }]
		});
		expect(chart.drawn).toEqual(Array.from({ length: 240 }, (_, i) => T + (i + 1) * 1000));
		expect(page.requested).toBe(0);
	});

	it('draws a slow chart at least at its floor rate', () => {
		const page = fakePage();
		const { scheduler, drain } = measured(page);
		scheduler.register(chartView(page, () => 90).spec);
		barPerFrame(scheduler, page, 60);
		drain();
		const start = page.now;
		barPerFrame(scheduler, page, 120);
		const report = drain();
		const seconds = (page.now - start) / 1000;
		// 90 ms renders would want 8 frames apart: every 2nd of these 107 ms frames, under 5 a
		// second. The floor (every 7th frame) keeps the chart at 8 or more a second.
		expect((report.viewRenders.chart ?? 0) / seconds).toBeGreaterThanOrEqual(8);
		// Each render's own time, for the bench: the 90 ms the chart takes, once per render.
		expect(report.viewCostsMs.chart).toHaveLength(report.viewRenders.chart ?? 0);
		expect(new Set(report.viewCostsMs.chart)).toEqual(new Set([90]));
		expect(scheduler.snapshot().views[0]).toMatchObject({ framesPerRender: 7, level: 3 });
	});

	it('does not step a cheap chart down for a busy machine: stretched renders, idle long frames', () => {
		const page = fakePage();
		const scheduler = new RenderScheduler(page.host);
		let seq = 0;
		// Half the renders preempted for 30 ms; every frame reported long, with little work in it.
		scheduler.register(chartView(page, () => (seq % 2 === 0 ? 31 : 1)).spec);
		for (seq = 1; seq <= 300; seq++) {
			scheduler.push(bar(seq));
			const start = page.now;
			page.frame();
			page.longFrame(start, 60, 31, seq % 2 === 0 ? 0 : 5);
		}
		expect(scheduler.snapshot().views[0]).toMatchObject({ framesPerRender: 1, level: 0 });
	});

	it('renders every update every frame with the throttle off, and stays at level 0', () => {
		const page = fakePage();
		const scheduler = new RenderScheduler({ ...page.host, mode: 'off' });
		const chart = chartView(page, () => 30);
		scheduler.register(chart.spec);
		barPerFrame(scheduler, page, 120);
		page.longFrame(page.now - 40, 80);
		expect(chart.frames).toHaveLength(120);
		expect(scheduler.snapshot()).toMatchObject({ level: 0 });
		expect(scheduler.snapshot().costMs).toBeGreaterThan(20);
	});

	it('draws nothing while the tab is hidden and catches up once, whatever the level', () => {
		const page = fakePage();
		const scheduler = new RenderScheduler(page.host);
		const chart = chartView(page, () => 30);
		scheduler.register(chart.spec);
		barPerFrame(scheduler, page, 60);
		const level = scheduler.snapshot().level;
		expect(level).toBeGreaterThan(1);
		page.frames(60);
		const drawnBefore = chart.frames.length;
		page.setVisible(false);
		for (let seq = 61; seq <= 100; seq++) scheduler.push(bar(seq));
		expect(page.requested).toBe(0);
		page.setVisible(true);
		page.frame();
		expect(chart.frames).toHaveLength(drawnBefore + 1);
		expect(chart.frames.at(-1)?.views[0]?.bars.time.length).toBe(40);
		// The catch-up's cost is not a live cost: the level is what it was.
		expect(scheduler.snapshot().level).toBe(level);
	});

	it('asks for a fresh reset instead of catching up too many bars', () => {
		const page = fakePage();
		const scheduler = new RenderScheduler(page.host);
		let stale = 0;
		const chart = chartView(page, undefined, { maxPendingBars: 30, stale: () => (stale += 1) });
		scheduler.register(chart.spec);
		page.setVisible(false);
		for (let seq = 1; seq <= 31; seq++) scheduler.push(bar(seq));
		page.setVisible(true);
		page.frame();
		expect(stale).toBe(1);
		expect(chart.frames).toEqual([]);
		// What comes next is drawn as usual; the dropped bars are the reset's job.
		scheduler.push(bar(32));
		page.frame();
		expect(chart.drawn).toEqual([T + 32_000]);
	});

	it('skips a view off screen and catches it up when it shows again', () => {
		const page = fakePage();
		const scheduler = new RenderScheduler(page.host);
		const chart = chartView(page);
		const statuses: Frame[] = [];
		scheduler.register(chart.spec).observe({} as Element);
		scheduler.register({ id: 'status', render: (frame) => statuses.push(frame) });
		page.setOnScreen(false);
		scheduler.push(bar(1));
		scheduler.push(bar(2));
		page.frame();
		expect(chart.frames).toEqual([]);
		expect(statuses).toHaveLength(1);
		expect(page.requested).toBe(0);
		page.setOnScreen(true);
		page.frame();
		expect(chart.drawn).toEqual([T + 1000, T + 2000]);
	});

	it('blames a long frame on the view that cost most in it, or on a chart that paints after', () => {
		const page = fakePage();
		const scheduler = new RenderScheduler(page.host);
		let paintMs = 0.1;
		scheduler.register(paintingChart(page, () => paintMs, 0.2));
		// Near its budget (11 of 12.5 ms) but under it: the status panel draws every frame.
		let statusCost = 11;
		scheduler.register({ id: 'status', render: () => page.spend(statusCost) });
		barPerFrame(scheduler, page, 8);
		const levels = () => Object.fromEntries(scheduler.snapshot().views.map((v) => [v.id, v.level]));
		expect(levels()).toEqual({ chart: 0, status: 0 });
		statusCost = 20;
		scheduler.push(bar(5));
		const start = page.now + FRAME_MS;
		page.frame();
		page.longFrame(start, 60);
		expect(levels()).toEqual({ chart: 0, status: 1 });
		// Reported twice (long task and long animation frame): stepped down once.
		page.longFrame(start, 60);
		expect(levels()).toEqual({ chart: 0, status: 1 });
		// Neither costs a fair share: a bare long task (no script timings) blames nobody...
		statusCost = 0.1;
		barPerFrame(scheduler, page, 4);
		page.longFrame(page.now, 70);
		expect(levels()).toEqual({ chart: 0, status: 1 });
		// ...40 ms of animation callbacks not ours right after a chart update are its paint, but a
		// chart that paints in 0.1 ms was preempted, not slow: drawing it less would not help...
		page.longFrame(page.now, 70, 40);
		expect(levels()).toEqual({ chart: 0, status: 1 });
		// ...while a chart whose paint takes most of its budget anyway steps down (updated every
		// frame, it draws every other frame: 20 ms a draw is 10 ms an update).
		paintMs = 20;
		barPerFrame(scheduler, page, 16);
		page.longFrame(page.now, 70, 40);
		expect(levels()).toEqual({ chart: 1, status: 1 });
	});

	it('takes the budget from the display: a chart that fits a 60 Hz frame is throttled at 120 Hz', () => {
		const run = (frameMs: number) => {
			const page = fakePage(frameMs);
			const scheduler = new RenderScheduler(page.host);
			scheduler.register(chartView(page, () => 7).spec);
			barPerFrame(scheduler, page, 240);
			return scheduler.snapshot().level;
		};
		expect(run(1000 / 60)).toBe(0);
		expect(run(1000 / 120)).toBe(1);
	});

	it('ignores a long frame no view rendered in', () => {
		const page = fakePage();
		const scheduler = new RenderScheduler(page.host);
		scheduler.register(chartView(page, () => 0.2, { deferredPaint: true }).spec);
		scheduler.push(bar(1));
		page.frame();
		page.frames(30);
		page.longFrame(page.now, 200);
		expect(scheduler.snapshot().level).toBe(0);
	});

	it('measures the lag from the worker receiving the oldest news to the chart drawing it', () => {
		const page = fakePage();
		const { scheduler, drain } = measured(page);
		scheduler.register(chartView(page, () => 2).spec);
		drain(); // the first drain starts the sampling
		scheduler.push(batch(1, [view('main', [T])], { oldestReceivedAt: page.now - 30 }));
		scheduler.push(batch(2, [view('main', [T])], { oldestReceivedAt: page.now - 10 }));
		scheduler.push(batch(3, [], { oldestReceivedAt: page.now - 500 }));
		page.frame();
		const report = drain();
		expect(report.lagsMs).toHaveLength(1);
		expect(report.lagsMs[0]).toBeCloseTo(30 + FRAME_MS + 2, 3);
		expect(drain().lagsMs).toEqual([]);
	});

	it('gives every trade drawn its own lag, from when the worker received it', () => {
		const page = fakePage();
		const { scheduler, drain } = measured(page);
		scheduler.register(chartView(page, () => 2).spec);
		drain(); // the first drain starts the sampling
		const at = Math.floor(page.now);
		const arrivals = (startMs: number, counts: number[]) => ({
			startMs,
			counts: Uint32Array.from(counts)
		});
		scheduler.push(
			batch(1, [view('main', [T])], {
				oldestReceivedAt: at - 30,
				arrivals: arrivals(at - 30, [2, 1])
			})
		);
		scheduler.push(
			batch(2, [view('main', [T])], { oldestReceivedAt: at - 10, arrivals: arrivals(at - 10, [4]) })
		);
		// News for no chart: its trades are not drawn, so they have no lag.
		scheduler.push(batch(3, [], { arrivals: arrivals(at - 500, [7]) }));
		page.frame();
		const drawnAt = page.now;
		const report = drain();
		const expected = [drawnAt - (at - 29.5), drawnAt - (at - 28.5), drawnAt - (at - 9.5)];
		report.tradeLagsMs.forEach((lag, i) => expect(lag).toBeCloseTo(expected[i] ?? NaN, 6));
		expect(report.tradeLagsMs).toHaveLength(3);
		expect(report.tradeWeights).toEqual([2, 1, 4]);
	});

	it('keeps no lag samples until somebody drains them', () => {
		const page = fakePage();
		const { scheduler, drain } = measured(page);
		scheduler.register(chartView(page, () => 2).spec);
		const sent = { oldestReceivedAt: page.now - 30, sentAt: page.now - 25 };
		scheduler.push(batch(1, [view('main', [T])], sent));
		page.frame();
		const first = drain();
		expect(first.renders).toBe(1);
		expect([first.lagsMs, first.postLagsMs, first.transitMs, first.tradeLagsMs]).toEqual([
			[],
			[],
			[],
			[]
		]);
		scheduler.push(batch(2, [view('main', [T])], { ...sent, oldestReceivedAt: page.now - 30 }));
		page.frame();
		expect(drain().lagsMs).toHaveLength(1);
	});

	it('splits the lag: worker receive to post, and post to the page receiving the batch', () => {
		const page = fakePage();
		const { scheduler, drain } = measured(page);
		scheduler.register(chartView(page, () => 2).spec);
		drain(); // the first drain starts the sampling
		const at = page.now;
		scheduler.push(batch(1, [view('main', [T])], { oldestReceivedAt: at - 30, sentAt: at - 25 }));
		scheduler.push(batch(2, [], { sentAt: at - 4 }));
		const report = drain();
		expect(report.postLagsMs).toEqual([5]);
		expect(report.transitMs).toEqual([25, 4]);
		expect(report.tradeLagsMs).toEqual([]);
		expect(drain().transitMs).toEqual([]);
	});

	it('reports the highest level since the last drain, and stops on dispose', () => {
		const page = fakePage();
		const { scheduler, drain } = measured(page);
		scheduler.register(chartView(page, () => 500).spec);
		scheduler.register({ id: 'status', throttle: { priority: 'secondary' }, render: () => {} });
		barPerFrame(scheduler, page, 200);
		// The chart holds at its floor (every 7th frame, level 3); nothing went slower.
		expect(drain().levelMax).toBe(3);
		scheduler.register({
			id: 'grid',
			throttle: { priority: 'secondary' },
			render: () => page.spend(500)
		});
		barPerFrame(scheduler, page, 50);
		expect(drain().levelMax).toBe(MAX_LEVEL);
		scheduler.dispose();
		scheduler.push(bar(201));
		expect(page.requested).toBe(0);
	});

	it('measures a canvas chart’s paint in the next frame, and steps it down for an overrun', () => {
		const run = (paintMs: number) => {
			const page = fakePage();
			const scheduler = new RenderScheduler(page.host);
			scheduler.register(paintingChart(page, () => paintMs));
			barPerFrame(scheduler, page, 120);
			// Its last paint is still measured, then the frames stop.
			page.frames(2);
			expect(page.requested).toBe(0);
			return scheduler.snapshot();
		};
		// Updated every frame, the chart draws every other frame, each draw showing two updates: a
		// 6 ms paint costs each update 3 ms on top of its own 0.5 ms. It fits: no throttle.
		const calm = run(6);
		expect(calm.level).toBe(0);
		expect(calm.views[0]?.costMs).toBeCloseTo(0.5 + 6 / 2, 6);
		// A 28 ms paint: 14.5 ms a frame is over the 12.5 ms budget (3/4 of 16.7). Every 2nd frame
		// each update is drawn on its own (28.5 ms, 14.3 a frame): every 3rd frame fits.
		const heavy = run(28);
		expect(heavy.views[0]?.framesPerRender).toBe(3);
		expect(heavy.views[0]?.costMs).toBeCloseTo(28.5, 6);
	});

	it('shares a draw between the two updates it shows, however the frames fall', () => {
		const page = fakePage();
		const scheduler = new RenderScheduler(page.host);
		scheduler.register(paintingChart(page, () => 8, 1));
		// Updates in consecutive frames and then, after a gap, on their own: every draw costs 8 ms
		// and the updates 1 ms each, so each update costs 5 ms when two share a draw, 9 alone.
		for (let seq = 1; seq <= 24; seq += 1) {
			scheduler.push(bar(seq));
			page.frame();
			if (seq % 2 === 0) page.frames(3);
		}
		page.frames(2);
		expect(scheduler.snapshot().views[0]?.costMs).toBeCloseTo(5, 6);
	});

	it('does not charge the paint of a full history reset to the live updates', () => {
		const page = fakePage();
		const scheduler = new RenderScheduler(page.host);
		scheduler.register(
			paintingChart(page, (frame) => (frame.views.some((v) => v.reset) ? 200 : 0.5))
		);
		barPerFrame(scheduler, page, 10);
		scheduler.push(batch(11, [view('main', [T, T + 1000], { reset: true })]));
		page.frames(3);
		expect(scheduler.snapshot().level).toBe(0);
	});

	it('spreads a grid’s charts over their frames: eight every third frame paint about three a frame', () => {
		const page = fakePage();
		const scheduler = new RenderScheduler(page.host);
		const drawnIn: number[][] = [];
		let frameNo = 0;
		const ids = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `grid:${n}`);
		for (const id of ids) {
			scheduler.register({
				id: `chart ${id}`,
				accepts: (viewId) => viewId === id,
				barsOnly: true,
				deferredPaint: true,
				throttle: { priority: 'secondary', minFrames: 3, budgetShare: 0.1, floorHz: 4 },
				render: () => {
					(drawnIn[frameNo] ??= []).push(Number(id.slice(5)));
					page.spend(0.3);
					page.paintsNextFrame(1);
				}
			});
		}
		for (let seq = 1; seq <= 90; seq++) {
			scheduler.push(
				batch(
					seq,
					ids.map((id) => view(id, [T + seq * 1000]))
				)
			);
			frameNo = seq;
			page.frame();
		}
		const perFrame = Array.from(drawnIn.slice(30), (charts) => charts?.length ?? 0);
		expect(Math.max(...perFrame)).toBeLessThanOrEqual(3);
		// Each chart still draws every third frame or so: 20 of 60 frames.
		for (const n of [1, 4, 8]) {
			const draws = Array.from(drawnIn.slice(31)).filter((charts) => charts?.includes(n)).length;
			expect(draws, `chart ${n}`).toBeGreaterThanOrEqual(18);
		}
	});

	it('renders a view that rides the chart in the frames the chart draws, never past its floor', () => {
		const run = (riderFloorHz: number, bars: boolean) => {
			const page = fakePage();
			const scheduler = new RenderScheduler(page.host);
			let frameNo = 0;
			const updates: number[] = [];
			const rider: number[] = [];
			// The rider is registered first: the scheduler still lets the chart decide first.
			scheduler.register({
				id: 'status',
				rides: 'chart',
				throttle: { minFrames: 1, floorHz: riderFloorHz },
				render: () => rider.push(frameNo)
			});
			const chart = chartView(page, () => 0.5, {
				deferredPaint: true,
				throttle: { minFrames: 4 }
			});
			scheduler.register({
				...chart.spec,
				render: (frame) => {
					updates.push(frameNo);
					chart.spec.render(frame);
					page.paintsNextFrame(1);
				}
			});
			for (frameNo = 1; frameNo <= 60; frameNo++) {
				scheduler.push(bars ? bar(frameNo) : batch(frameNo));
				page.frame();
			}
			return { updates, rider };
		};
		// The chart updates every 4th frame and draws in the frame after: the rider renders there
		// (and in the first frame, having never rendered: overdue).
		const riding = run(1, true);
		expect(riding.updates).toHaveLength(15);
		expect(riding.rider).toEqual([1, ...riding.updates.map((frame) => frame + 1)]);
		// A floor of 30 a second (2 frames) is kept, whatever the chart does.
		const floored = run(30, true);
		const gaps = floored.rider.slice(1).map((frame, i) => frame - (floored.rider[i] ?? 0));
		expect(Math.max(...gaps)).toBeLessThanOrEqual(2);
		// With no bar to draw, the chart is not drawing soon: the rider renders as its own policy says.
		expect(run(1, false).rider).toHaveLength(60);
	});

	it('counts levels from each view’s floor, and gives a text panel its floor rate', () => {
		const page = fakePage();
		const scheduler = new RenderScheduler(page.host);
		const statuses: Frame[] = [];
		scheduler.register({
			id: 'status',
			render: (frame) => statuses.push(frame),
			throttle: { minFrames: 4 }
		});
		for (let seq = 1; seq <= 40; seq++) {
			scheduler.push(batch(seq));
			page.frame();
		}
		expect(statuses).toHaveLength(10);
		expect(statuses.at(-1)?.batches).toBe(4);
		expect(scheduler.snapshot()).toMatchObject({ level: 0, views: [{ id: 'status', level: 2 }] });
	});
});
