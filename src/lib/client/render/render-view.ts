import { ThrottlePolicy, type ThrottleOptions } from '../../core/throttle-policy';
import type { Arrivals, FeedBatch } from '../../protocol/feed-api';
import { BatchCoalescer, type Frame } from './batch-coalescer';

/** A chart or panel as the render scheduler drives it. */
export interface RenderViewSpec {
	/** Names the view in figures and tooltips: `chart`, `status`. Unique per scheduler. */
	readonly id: string;
	/** Draws everything that changed since the view last rendered (one frame of merged batches). */
	readonly render: (frame: Frame) => void;
	/** Worker views it draws; default every one. */
	readonly accepts?: (viewId: string) => boolean;
	/** true: renders only when one of its worker views changed (a chart); false: on any batch (status). */
	readonly barsOnly?: boolean;
	/**
	 * It draws on a canvas in a later animation frame (lightweight-charts paints in its own frame), so
	 * its measured cost misses the paint: a long frame right after it renders is blamed on it anyway.
	 */
	readonly deferredPaint?: boolean;
	/** Records the lag of the news it draws (the main chart). */
	readonly measureLag?: boolean;
	/**
	 * At a catch-up (tab or view shown again), more changed bars than this are not drawn one by one:
	 * they are dropped and `stale` asks the worker for a fresh reset instead.
	 */
	readonly maxPendingBars?: number;
	readonly stale?: () => void;
	readonly throttle?: Partial<ThrottleOptions>;
	/**
	 * The id of a view whose draws this one joins (a text panel, the main chart's): while that view
	 * has news to draw, this one renders only in a frame it draws in, so the page's style, layout,
	 * paint and commit run once for both, not in two frames. Never past this view's own floor.
	 */
	readonly rides?: string;
}

/** What one render of a view took. */
export interface Rendered {
	readonly view: ScheduledView;
	readonly costMs: number;
	/**
	 * The view paints in the next frame (RenderViewSpec.deferredPaint), unless this render joined a
	 * draw its last one asked for, which is measured in this frame.
	 */
	readonly deferredPaint: boolean;
	/** End of the render minus the worker receive time of the oldest news drawn; null unmeasured. */
	readonly lagMs: number | null;
	/** When the trades it drew arrived (empty when unmeasured), and when it drew them. */
	readonly arrivals: readonly Arrivals[];
	readonly drawnAt: number;
}

/**
 * One registered view: its own merge of the batches it has not drawn yet, its own throttle policy
 * and its own cost. Skipping a frame loses nothing: the news stays merged until the next render.
 */
export class ScheduledView {
	readonly policy: ThrottlePolicy;
	/** false while its element is off screen: it skips frames and catches up when it shows again. */
	onScreen = true;
	readonly #coalescer: BatchCoalescer;
	#catchUp = false;
	/** The last render was a live update the policy measured (not a catch-up or a reset). */
	#measured = false;

	constructor(readonly spec: RenderViewSpec) {
		this.policy = new ThrottlePolicy(spec.throttle);
		this.#coalescer = new BatchCoalescer(spec.accepts);
	}

	/**
	 * The view's own cost per render for display, ms: the policy's measure (update and paint, a
	 * low quantile, so time the thread was not running does not show as the view's), kept with the
	 * throttle off too.
	 */
	get costMs(): number {
		return this.policy.ownCostMs;
	}

	/** News for the view waits to be drawn. */
	get pending(): boolean {
		return this.spec.barsOnly === true ? this.#coalescer.hasViews : this.#coalescer.pending;
	}

	/** It waits for a frame it may render in (on screen, with news). */
	get waiting(): boolean {
		return this.onScreen && this.pending;
	}

	add(batch: FeedBatch): void {
		this.#coalescer.add(batch);
	}

	/** The next render draws everything pending at once, whatever the throttle level. */
	catchUp(): void {
		this.#catchUp = true;
	}

	/**
	 * Renders in frame number `frame` at `now` if the view is on screen, has news and is due (always
	 * due when not `adaptive`). `clock` times the render. `joined`: its last render's draw is still
	 * to come (ThrottlePolicy.rendered). Null when it did not render.
	 */
	step(
		frame: number,
		now: number,
		clock: () => number,
		adaptive: boolean,
		joined = false
	): Rendered | null {
		if (!this.#due(frame, now, adaptive)) return null;
		const catchUp = this.#catchUp;
		this.#catchUp = false;
		if (catchUp && this.#tooFarBehind()) {
			this.#coalescer.take();
			this.policy.caughtUp(frame, now);
			this.spec.stale?.();
			return null;
		}
		const taken = this.#coalescer.take();
		if (taken === null) return null;
		const started = clock();
		this.spec.render(taken);
		const ended = clock();
		const costMs = ended - started;
		// A catch-up or a full history costs what it costs once: it says nothing about live updates.
		this.#measured = !catchUp && !taken.views.some((view) => view.reset);
		// Measured with the throttle off too, for the figures; the policy is then not asked.
		if (this.#measured) this.policy.rendered(frame, now, costMs, joined);
		else this.policy.caughtUp(frame, now);
		// Joined, it draws with the last render, whose paint is measured this frame.
		const deferredPaint = this.spec.deferredPaint === true && !joined;
		const lagMs = this.#lag(taken, ended);
		const arrivals = lagMs === null ? [] : taken.arrivals;
		return { view: this, costMs, deferredPaint, lagMs, arrivals, drawnAt: ended };
	}

	/** On screen, with news, and a catch-up or (when `adaptive`) the policy's turn. */
	#due(frame: number, now: number, adaptive: boolean): boolean {
		if (!this.onScreen) return false;
		if (!this.pending) {
			this.#catchUp = false;
			return false;
		}
		return this.#catchUp || !adaptive || this.policy.due(frame, now);
	}

	/**
	 * The paint of its last render, learnt in the next frame: part of its cost, shown and counted
	 * for the throttle (unless that render was a one-off). The budget is a share of the frame, so a
	 * paint that fits the frame leaves the chart drawing every frame.
	 */
	painted(now: number, paintMs: number): void {
		if (this.#measured) this.policy.addCost(now, paintMs);
	}

	#tooFarBehind(): boolean {
		const { maxPendingBars, stale } = this.spec;
		return (
			stale !== undefined &&
			maxPendingBars !== undefined &&
			this.#coalescer.pendingBars > maxPendingBars
		);
	}

	#lag(frame: Frame, drawnAt: number): number | null {
		const oldest = frame.oldestReceivedAt;
		if (this.spec.measureLag !== true || oldest === null) return null;
		return frame.views.some((view) => view.bars.time.length > 0) ? drawnAt - oldest : null;
	}
}
