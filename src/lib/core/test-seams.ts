/** Replaced by Vite (vite.config.ts `define`); undeclared outside Vite, in tsx scripts. */
declare const __TEST_SEAMS__: boolean | undefined;

/**
 * Whether this build carries the test and benchmark seams: the debug hook (`window.__tickscope`),
 * the slow render, `throttle=off` and the per-trade arrival times. True in the test build
 * (`vite build --mode test`), under vitest and `vite dev`; false in the production build, where
 * Vite writes `false` here and the minifier drops every branch behind it (scripts/check-build.ts
 * proves it). False outside Vite too.
 */
export const TEST_SEAMS: boolean = typeof __TEST_SEAMS__ === 'boolean' && __TEST_SEAMS__;
