import type { Timers } from '../core/timers';

/** The host's timers, looked up at call time so test fakes installed later still apply. */
export const systemTimers: Timers = {
	setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
	// The handle came from setTimeout above; its type differs between node and workers.
	clearTimeout: (handle) => globalThis.clearTimeout(handle as number)
};
