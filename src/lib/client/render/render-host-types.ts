/** What the render scheduler needs from its host, in types; the browser's host is render-host.ts. */

import type { FrameClock } from './frame-scheduler';
import type { LongFrame } from './long-frame-blame';
import type { RenderStats } from './render-stats';
import type { ThrottleMode } from './render-params';

/** Whether the tab shows (`document.visibilityState`), and its changes. */
export interface VisibilitySource {
	readonly visible: boolean;
	subscribe(callback: (visible: boolean) => void): () => void;
}

/** Whether an element is on screen (IntersectionObserver); the callback runs on every change. */
export interface IntersectionSource {
	observe(element: Element, callback: (onScreen: boolean) => void): () => void;
}

/** Long frames or tasks (PerformanceObserver), in the scheduler's clock. */
export interface LongFrameSource {
	subscribe(callback: (frame: LongFrame) => void): () => void;
}

/** The browser as the scheduler sees it; everything but frames is optional (unit tests, old browsers). */
export interface RenderHost {
	readonly clock: FrameClock;
	/** Epoch ms with sub-ms precision (performance.timeOrigin + now()), the worker's clock too. */
	readonly now?: () => number;
	readonly visibility?: VisibilitySource;
	readonly intersection?: IntersectionSource;
	readonly longFrames?: LongFrameSource;
	/**
	 * Runs `callback` once this frame's rendering is done (a task posted from the animation frame
	 * callback runs after style, layout, paint and commit): how the scheduler learns what a canvas
	 * chart's paint cost. Absent: only the views' own renders are timed.
	 */
	readonly afterFrame?: (callback: () => void) => void;
	readonly mode?: ThrottleMode;
	/** Bench and test seam (the test build only, RenderSeams): collects lag samples and levels. */
	readonly stats?: RenderStats;
}
