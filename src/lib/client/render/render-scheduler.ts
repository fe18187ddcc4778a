import type { FeedBatch } from '../../protocol/feed-api';
import { DisplayPeriod, FrameCounter } from './frame-scheduler';
import { blameLongFrame, type LongFrame, type RenderedFrame } from './long-frame-blame';
import { epochNow } from './render-host';
import type { RenderHost } from './render-host-types';
import type { RenderStats } from './render-stats';
import { ScheduledView, type Rendered, type RenderViewSpec } from './render-view';

export type {
	IntersectionSource,
	LongFrameSource,
	RenderHost,
	VisibilitySource
} from './render-host-types';
export type { LongFrame } from './long-frame-blame';
export type { RenderViewSpec } from './render-view';

/** A registered view's handle. */
export interface RenderHandle {
	/** Follow this element on and off screen (null: always on screen). */
	observe(element: Element | null): void;
	unregister(): void;
}

/** The figures the status bar shows. */
export interface RenderSnapshot {
	/**
	 * Most levels any view is stepped down from its normal rate, 0 (none) .. MAX_LEVEL: a chart
	 * normally renders every frame, a text panel every few (ThrottleOptions.minFrames).
	 */
	readonly level: number;
	/** Sum over views of their own cost per render (ScheduledView.costMs), ms. */
	readonly costMs: number;
	/** The display's frame period, ms. */
	readonly frameMs: number;
	/**
	 * Each view: its level (levelOf its rate, 0 every frame .. MAX_LEVEL), frames between its
	 * renders now, how many levels it is stepped down, and its own cost per render.
	 */
	readonly views: readonly {
		readonly id: string;
		readonly level: number;
		readonly framesPerRender: number;
		readonly stepped: number;
		readonly costMs: number;
	}[];
}

/** Frames kept to find who made a long frame reported after them (the report comes late). */
const RECENT_FRAMES = 16;

/**
 * The main thread's one render loop for every chart and panel. Worker batches are merged per view
 * and drawn in animation frames; each view renders as often as its ThrottlePolicy allows, and a
 * view that skips a frame keeps its merged news for the next. A hidden tab draws nothing; when it
 * shows again, and when an element comes back on screen, each view catches up once.
 */
export class RenderScheduler {
	readonly #stats: RenderStats | undefined;
	readonly #views = new Map<string, ScheduledView>();
	readonly #host: RenderHost;
	readonly #now: () => number;
	readonly #adaptive: boolean;
	readonly #counter = new FrameCounter();
	readonly #period = new DisplayPeriod();
	#lastFrameTime: number | null = null;
	readonly #stops: (() => void)[] = [];
	#recent: RenderedFrame<Rendered>[] = [];
	#handle: number | null = null;
	/**
	 * Views with a deferred paint that rendered in the last frame: this frame's rendering is theirs.
	 * The frame after a chart update is always asked for, so the next run is the next frame.
	 */
	#painters: ScheduledView[] = [];
	#visible: boolean;
	#disposed = false;

	constructor(host: RenderHost) {
		this.#host = host;
		this.#now = host.now ?? epochNow;
		this.#stats = host.stats;
		this.#adaptive = host.mode !== 'off';
		this.#visible = host.visibility?.visible ?? true;
		const visibility = host.visibility?.subscribe((visible) => this.#visibility(visible));
		if (visibility) this.#stops.push(visibility);
		const longFrames = this.#adaptive
			? host.longFrames?.subscribe((long) => this.#longFrame(long))
			: undefined;
		if (longFrames) this.#stops.push(longFrames);
	}

	register(spec: RenderViewSpec): RenderHandle {
		if (this.#views.has(spec.id)) throw new Error(`render view "${spec.id}" is registered twice`);
		const view = new ScheduledView(spec);
		this.#views.set(spec.id, view);
		let unobserve = (): void => {};
		return {
			observe: (element) => {
				unobserve();
				unobserve = () => {};
				view.onScreen = true;
				const intersection = this.#host.intersection;
				if (element === null || intersection === undefined) return;
				unobserve = intersection.observe(element, (onScreen) => this.#onScreen(view, onScreen));
			},
			unregister: () => {
				unobserve();
				if (this.#views.get(spec.id) === view) this.#views.delete(spec.id);
			}
		};
	}

	/** A worker batch: every view merges it; a frame is asked for if none is. */
	push(batch: FeedBatch): void {
		if (this.#disposed) return;
		this.#stats?.arrived(batch.sentAt, batch.oldestReceivedAt, this.#now());
		for (const view of this.#views.values()) view.add(batch);
		this.#request();
	}

	snapshot(): RenderSnapshot {
		const adaptive = this.#adaptive;
		const views = [...this.#views.values()].map((view) => ({
			id: view.spec.id,
			level: adaptive ? view.policy.level : 0,
			framesPerRender: adaptive ? view.policy.framesPerRender : 1,
			stepped: adaptive ? view.policy.stepped : 0,
			costMs: view.costMs
		}));
		return {
			level: Math.max(0, ...views.map((view) => view.stepped)),
			costMs: views.reduce((sum, view) => sum + view.costMs, 0),
			frameMs: this.#period.ms,
			views
		};
	}

	dispose(): void {
		this.#disposed = true;
		this.#cancel();
		for (const stop of this.#stops.splice(0)) stop();
		this.#views.clear();
	}

	#request(): void {
		if (this.#handle !== null || !this.#visible || this.#disposed) return;
		this.#handle = this.#host.clock.request((frameTime) => this.#frame(frameTime));
	}

	#cancel(): void {
		if (this.#handle !== null) this.#host.clock.cancel(this.#handle);
		this.#handle = null;
	}

	#frame(frameTime?: number): void {
		this.#handle = null;
		if (!this.#visible) return;
		// Asked before any chart updates, so next frame this callback runs before the chart's paint
		// and the work measured after it includes that paint. Dropped below if nothing needs it.
		this.#request();
		const start = this.#now();
		this.#measurePeriod(frameTime ?? start);
		const rendered = this.#renderViews(this.#counter.next(start), start);
		const end = this.#now();
		if (rendered.length > 0) this.#remember({ start, end, rendered, blamed: false });
		const painted = this.#measureAfter(end, rendered);
		this.#stats?.level(this.snapshot().level);
		// Views that were not due keep their news, and a chart's paint is measured next frame.
		if (!painted && ![...this.#views.values()].some((view) => view.waiting)) this.#cancel();
	}

	/** Each view due in frame number `frame` renders; what did. */
	#renderViews(frame: number, start: number): Rendered[] {
		const rendered: Rendered[] = [];
		const spread = this.#adaptive ? this.#spreadCap() : Infinity;
		let spreading = 0;
		for (const view of this.#inOrder()) {
			view.policy.setFrameMs(this.#period.ms);
			const spreads = spreadsOut(view);
			// Due with the cap reached: next frame, so that charts due together part.
			if (spreads && spreading >= spread) continue;
			if (this.#adaptive && this.#waitsForRide(view, rendered, start)) continue;
			// A canvas chart that updated last frame draws in this one, after this callback: an
			// update now joins that draw (lightweight-charts asks for its frame from inside ours).
			const joined = this.#painters.includes(view);
			const result = view.step(frame, start, this.#now, this.#adaptive, joined);
			if (result === null) continue;
			if (spreads) spreading += 1;
			rendered.push(result);
			const { lagMs, arrivals, drawnAt, costMs } = result;
			this.#stats?.rendered(view.spec.id, lagMs, arrivals, drawnAt, costMs);
		}
		return rendered;
	}

	/** Every view, those that ride another's draws (RenderViewSpec.rides) after the rest. */
	*#inOrder(): Generator<ScheduledView> {
		for (const riders of [false, true]) {
			for (const view of this.#views.values()) {
				if ((view.spec.rides !== undefined) === riders) yield view;
			}
		}
	}

	/**
	 * A view that rides another's draws waits this frame: the other has news but does not draw
	 * now, or it updated now and draws next frame (a canvas chart), and the rider is not overdue.
	 * A text panel that changed in a frame of its own cost a busy phone a second style, layout,
	 * paint and commit: at 4x CPU throttling with two busy processes, the page ran at 52 fps with
	 * everything hidden and at 36 with only the chart hidden (bench --hide page, --hide chart).
	 */
	#waitsForRide(view: ScheduledView, rendered: readonly Rendered[], now: number): boolean {
		const leader = view.spec.rides === undefined ? undefined : this.#views.get(view.spec.rides);
		if (leader === undefined || view.policy.overdue(now)) return false;
		const updatedNow = rendered.some((result) => result.view === leader);
		const deferred = leader.spec.deferredPaint === true;
		// It draws in this frame: a canvas chart updated last frame, any other view updated now.
		if (deferred ? this.#painters.includes(leader) : updatedNow) return false;
		return leader.waiting || (deferred && updatedNow);
	}

	/**
	 * Secondary canvas charts (a grid's) that may draw in one frame: as many as there are over
	 * the frames between their draws. All due in the same frame, eight charts every third frame
	 * painted in one frame and made it long; spread, about three paint in each.
	 */
	#spreadCap(): number {
		let count = 0;
		let frames = Infinity;
		for (const view of this.#views.values()) {
			if (!spreadsOut(view) || !view.onScreen) continue;
			count += 1;
			frames = Math.min(frames, view.policy.framesPerRender);
		}
		return count === 0 ? Infinity : Math.ceil(count / Math.max(1, frames));
	}

	/**
	 * The display's period, from the intervals between frames: a whole number of periods each, the
	 * shortest ones (consecutive frames) tell it; DisplayPeriod ignores the rest.
	 */
	#measurePeriod(frameTime: number): void {
		if (this.#lastFrameTime !== null) this.#period.add(frameTime - this.#lastFrameTime);
		this.#lastFrameTime = frameTime;
	}

	/**
	 * A canvas chart paints, and its pixels are committed, in the frame after its update, outside
	 * its render: the main thread's work from the end of this frame's renders to the end of this
	 * frame is the paint of the charts that updated in the frame before. Returns whether
	 * a chart updated in this frame (its paint is measured in the next).
	 */
	#measureAfter(end: number, rendered: readonly Rendered[]): boolean {
		const afterFrame = this.#host.afterFrame;
		if (afterFrame === undefined) return false;
		const painters = this.#painters;
		const views = rendered.filter((result) => result.deferredPaint).map((result) => result.view);
		this.#painters = views;
		if (painters.length > 0) {
			afterFrame(() => {
				if (this.#disposed) return;
				const now = this.#now();
				const share = (now - end) / painters.length;
				for (const view of painters) view.painted(now, share);
			});
		}
		return views.length > 0;
	}

	#remember(record: RenderedFrame<Rendered>): void {
		this.#recent.push(record);
		if (this.#recent.length > RECENT_FRAMES) this.#recent.shift();
	}

	#visibility(visible: boolean): void {
		this.#visible = visible;
		this.#painters = [];
		if (!visible) {
			this.#cancel();
			return;
		}
		for (const view of this.#views.values()) view.catchUp();
		this.#request();
	}

	#onScreen(view: ScheduledView, onScreen: boolean): void {
		const back = onScreen && !view.onScreen;
		view.onScreen = onScreen;
		if (!back) return;
		view.catchUp();
		this.#request();
	}

	/**
	 * A long frame may step down the view to blame for it (see blameLongFrame: not when the
	 * browser saw little work in it), if that view's own cost agrees (ThrottlePolicy.longFrame).
	 */
	#longFrame(long: LongFrame): void {
		const blamed = blameLongFrame(this.#recent, long);
		if (blamed === null) return;
		blamed.frame.blamed = true;
		blamed.view.view.policy.longFrame();
	}
}

/** A view whose draws are spread over frames (see `#spreadCap`): a secondary canvas chart. */
const spreadsOut = (view: ScheduledView): boolean =>
	view.spec.deferredPaint === true && view.spec.throttle?.priority === 'secondary';
