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

function scriptsOf(entry: PerformanceEntry): ScriptTiming[] | null {
	if (entry.entryType !== 'long-animation-frame' || !('scripts' in entry)) return null;
	return Array.isArray(entry.scripts) ? (entry.scripts as ScriptTiming[]) : null;
}

const durationOf = (script: ScriptTiming): number =>
	typeof script.duration === 'number' ? script.duration : 0;

/** Ms spent in `requestAnimationFrame` callbacks, from a long animation frame's scripts; else null. */
export function animationMs(entry: PerformanceEntry): number | null {
	const scripts = scriptsOf(entry);
	if (scripts === null) return null;
	let ms = 0;
	for (const script of scripts) {
		if (script.invoker === 'FrameRequestCallback') ms += durationOf(script);
	}
	return ms;
}

/**
 * Ms of a long animation frame the browser saw work in: its scripts (those over 5 ms, listed)
 * and its style, layout and paint (from `styleAndLayoutStart` to its end); null for a bare long
 * task. The rest of its duration is small tasks or time the thread was not running.
 */
export function workMs(entry: PerformanceEntry): number | null {
	const scripts = scriptsOf(entry);
	if (scripts === null) return null;
	const scriptMs = scripts.reduce((sum, script) => sum + durationOf(script), 0);
	const layoutStart = 'styleAndLayoutStart' in entry ? entry.styleAndLayoutStart : 0;
	const end = entry.startTime + entry.duration;
	const renderingMs = typeof layoutStart === 'number' && layoutStart > 0 ? end - layoutStart : 0;
	return Math.min(entry.duration, scriptMs + Math.max(0, renderingMs));
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
						animationMs: animationMs(entry),
						workMs: workMs(entry)
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
