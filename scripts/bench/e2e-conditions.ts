/**
 * The machine the end-to-end bench measures on: `--contend N` busy processes beside the browser
 * (e2e-contention.ts) and `--cpu-throttle R`, Chromium's CPU throttling of the page's main thread
 * (not its workers). Together they give a phone-like picture on a desktop. Both are printed in
 * every line, so lines from different conditions cannot be mixed up.
 */
export interface Conditions {
	/** Busy processes (`yes > /dev/null`) running for the whole bench. */
	readonly contend: number;
	/** The page's main thread runs this many times slower (1: not throttled). */
	readonly cpuThrottle: number;
}

export const DEFAULT_CONDITIONS: Conditions = { contend: 0, cpuThrottle: 1 };

/** The options' declarations for node:util parseArgs. */
export const CONDITION_ARGS = {
	contend: { type: 'string' },
	'cpu-throttle': { type: 'string' }
} as const;

export function conditions(values: { contend?: string; 'cpu-throttle'?: string }): Conditions {
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
	return { contend, cpuThrottle };
}
