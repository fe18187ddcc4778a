import type {
	IntersectionSource,
	LongFrameSource,
	RenderHost,
	VisibilitySource
} from './render-host-types';

/** The page clock on the worker's scale: epoch ms with sub-ms precision. */
export const epochNow = (): number => performance.timeOrigin + performance.now();

export function documentVisibility(doc: Document): VisibilitySource {
	const visible = () => doc.visibilityState !== 'hidden';
	return {
		get visible() {
			return visible();
		},
		subscribe(callback) {
			const listener = () => callback(visible());
			doc.addEventListener('visibilitychange', listener);
			return () => doc.removeEventListener('visibilitychange', listener);
		}
	};
}

/** One IntersectionObserver per element; undefined where the browser has none. */
export function elementIntersection(): IntersectionSource | undefined {
	if (typeof IntersectionObserver === 'undefined') return undefined;
	return {
		observe(element, callback) {
			const observer = new IntersectionObserver((entries) => {
				const last = entries.at(-1);
				if (last !== undefined) callback(last.isIntersecting);
			});
			observer.observe(element);
			return () => observer.disconnect();
		}
	};
}

/** The parts of a long animation frame entry read here (TypeScript's DOM types lack them). */
interface ScriptTiming {
	readonly invoker?: unknown;
	readonly duration?: unknown;
}

/** Ms spent in `requestAnimationFrame` callbacks, from a long animation frame's scripts; else null. */
export function animationMs(entry: PerformanceEntry): number | null {
	if (entry.entryType !== 'long-animation-frame' || !('scripts' in entry)) return null;
	const scripts = entry.scripts;
	if (!Array.isArray(scripts)) return null;
	let ms = 0;
	for (const script of scripts as ScriptTiming[]) {
		if (script.invoker === 'FrameRequestCallback' && typeof script.duration === 'number') {
			ms += script.duration;
		}
	}
	return ms;
}

/**
 * Long animation frames where the browser reports them (Chromium 123+), else long tasks, else
 * nothing: the scheduler then adapts on measured render costs alone. One type only, so a janky
 * frame is not reported twice.
 */
export function longFrames(): LongFrameSource | undefined {
	if (typeof PerformanceObserver === 'undefined') return undefined;
	const supported = PerformanceObserver.supportedEntryTypes;
	const type = ['long-animation-frame', 'longtask'].find((name) => supported.includes(name));
	if (type === undefined) return undefined;
	return {
		subscribe(callback) {
			const observer = new PerformanceObserver((list) => {
				for (const entry of list.getEntries()) {
					callback({
						startMs: performance.timeOrigin + entry.startTime,
						durationMs: entry.duration,
						animationMs: animationMs(entry)
					});
				}
			});
			observer.observe({ type, buffered: false });
			return () => observer.disconnect();
		}
	};
}

/**
 * Runs callbacks in tasks posted now. Posted from an animation frame callback, such a task runs
 * once that frame's rendering (style, layout, paint, commit) is done.
 */
export function postedTasks(): (callback: () => void) => void {
	const channel = new MessageChannel();
	const queue: (() => void)[] = [];
	channel.port1.onmessage = () => queue.shift()?.();
	return (callback) => {
		queue.push(callback);
		channel.port2.postMessage(null);
	};
}

/** The real browser behind the render scheduler, frames aside. */
export function browserRenderHost(): Omit<RenderHost, 'clock' | 'mode'> {
	return {
		now: epochNow,
		visibility: documentVisibility(document),
		intersection: elementIntersection(),
		longFrames: longFrames(),
		afterFrame: postedTasks()
	};
}
