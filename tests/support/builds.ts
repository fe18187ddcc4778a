/**
 * The app's two builds, each in its own folder and served on its own port by the browser tests.
 * - production: `npm run build` (`vite build`), what `npm start` serves and users run; no test
 *   seams (scripts/check-build.ts proves it).
 * - test: `npm run build:test` (`vite build --mode test`), the same app with the test and bench
 *   seams (src/lib/core/test-seams.ts): `window.__tickscope`, the slow render, `throttle=off`.
 */
export const BUILDS = {
	production: { dir: 'build', port: 4173 },
	test: { dir: 'build-test', port: 4174 }
} as const;

export type BuildName = keyof typeof BUILDS;

/** The Vite mode of the test build. */
export const TEST_MODE = 'test';
