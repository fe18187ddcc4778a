/**
 * The app's two builds, each in its own folder and served on its own port by the browser tests.
 * - production: `npm run build` (`vite build`), what `npm start` serves and users run; no test
 *   seams (scripts/check-build.ts proves it).
 * - test: `npm run build:test` (`vite build --mode test`), the same app with the test and bench
 *   seams (src/lib/core/test-seams.ts): `window.__tickscope`, the slow render, `throttle=off`.
 */
export const BUILDS = {
	production: { dir: 'build', port: 4173 + portOffset() },
	test: { dir: 'build-test', port: 4174 + portOffset() }
} as const;

/**
 * `TICKSCOPE_PORT_OFFSET=N` shifts every port the browser tests use (the two builds and the test
 * server) by N, so two checkouts on one machine can run their browser tests at the same time.
 */
export function portOffset(): number {
	const raw = process.env.TICKSCOPE_PORT_OFFSET ?? '0';
	const offset = Number(raw);
	if (!Number.isInteger(offset) || offset < 0 || offset > 1000) {
		throw new Error(`TICKSCOPE_PORT_OFFSET must be an integer from 0 to 1000, got "${raw}"`);
	}
	return offset;
}

export type BuildName = keyof typeof BUILDS;

/** The Vite mode of the test build. */
export const TEST_MODE = 'test';
