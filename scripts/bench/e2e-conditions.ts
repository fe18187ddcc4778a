/**
 * The machine the end-to-end bench measures on: `--contend N` busy processes beside the browser
 * (e2e-contention.ts), `--cpu-throttle R`, Chromium's CPU throttling of the page's main thread
 * (not its workers), and `--screen WxH@D`, the page's size in CSS pixels and its device pixel
 * ratio. Together they give a phone-like picture on a desktop: a phone's page is narrow (its own
 * layout) but its canvases have D times D as many pixels per CSS pixel to paint. All are printed
 * in every line, so lines from different conditions cannot be mixed up.
 */
export interface Conditions {
	/** Busy processes (`yes > /dev/null`) running for the whole bench. */
	readonly contend: number;
	/** The page's main thread runs this many times slower (1: not throttled). */
	readonly cpuThrottle: number;
	/** The page's size and pixel ratio. */
	readonly screen: Screen;
}

export interface Screen {
	/** CSS pixels: the app's layout follows the width. */
	readonly width: number;
	readonly height: number;
	/** Device pixels per CSS pixel (a phone's 2 or 3): what the canvases are painted at. */
	readonly pixelRatio: number;
}

/** No busy process, no throttling, a desktop window (the size the bench measured at before `--screen`). */
export const DEFAULT_CONDITIONS: Conditions = {
	contend: 0,
	cpuThrottle: 1,
	screen: { width: 1440, height: 900, pixelRatio: 1 }
};

/** The options' declarations for node:util parseArgs. */
export const CONDITION_ARGS = {
	contend: { type: 'string' },
	'cpu-throttle': { type: 'string' },
	screen: { type: 'string' }
} as const;

/** `1440x900@1`, as lines print it and `--screen` takes it. */
export function screenLabel({ width, height, pixelRatio }: Screen): string {
	return `${width}x${height}@${pixelRatio}`;
}

/** `375x812@3` (a phone), `1440x900` (ratio 1); the default when not given. */
export function screenOf(text: string | undefined): Screen {
	if (text === undefined) return DEFAULT_CONDITIONS.screen;
	const match = /^(\d+)x(\d+)(?:@(\d+(?:\.\d+)?))?$/.exec(text);
	const width = Number(match?.[1]);
	const height = Number(match?.[2]);
	const pixelRatio = Number(match?.[3] ?? 1);
	const within = (value: number, low: number, high: number) => value >= low && value <= high;
	if (!within(width, 200, 4000) || !within(height, 200, 4000) || !within(pixelRatio, 1, 4)) {
		throw new Error(
			`--screen takes WIDTHxHEIGHT@RATIO, 200 to 4000 CSS pixels and a pixel ratio of 1 to 4 (a phone: 375x812@3): ${text}`
		);
	}
	return { width, height, pixelRatio };
}

export function conditions(values: {
	contend?: string;
	'cpu-throttle'?: string;
	screen?: string;
}): Conditions {
	const contend =
		values.contend === undefined ? DEFAULT_CONDITIONS.contend : Number(values.contend);
	if (!Number.isInteger(contend) || contend < 0 || contend > 64) {
		throw new Error(`--contend takes a whole number of busy processes, 0 to 64: ${values.contend}`);
	}
	const text = values['cpu-throttle'];
	const cpuThrottle = text === undefined ? DEFAULT_CONDITIONS.cpuThrottle : Number(text);
	if (!Number.isFinite(cpuThrottle) || cpuThrottle < 1 || cpuThrottle > 100) {
		throw new Error(`--cpu-throttle takes a slowdown factor from 1 (none) to 100: ${text}`);
	}
	return { contend, cpuThrottle, screen: screenOf(values.screen) };
}
