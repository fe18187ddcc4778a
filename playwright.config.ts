import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './tests/support/browser.ts';
import { BUILDS } from './tests/support/builds.ts';
import {
	TEST_SERVER_HTTP,
	TEST_SERVER_PORT,
	TEST_SERVER_SPEED
} from './tests/support/server-control.ts';

const reuse = !process.env.CI;
const { production, test } = BUILDS;
const appUrl = (port: number) => `http://localhost:${port}`;

/** What users run, without test seams: installability, offline, updates, the smoke test. */
const PRODUCTION_SPECS = ['pwa.spec.ts', 'smoke.spec.ts', 'csp.spec.ts'];

/**
 * Browser tests run the BUILT apps (`npm run build` and `npm run build:test` first; `npm test`
 * does) against a local Binance: the production build for the specs that need no seam, the test
 * build for those that read `window.__tickscope` or use the render seams.
 */
export default defineConfig({
	testDir: 'tests/e2e',
	workers: 1,
	fullyParallel: false,
	retries: process.env.CI ? 2 : 0,
	reporter: 'list',
	use: {
		trace: 'retain-on-failure',
		browserName: 'chromium',
		launchOptions: { executablePath: findChromium(), args: [...CHROMIUM_ARGS] }
	},
	projects: [
		{
			name: 'production',
			testMatch: PRODUCTION_SPECS,
			use: { baseURL: appUrl(production.port) }
		},
		{
			name: 'test-build',
			testIgnore: PRODUCTION_SPECS,
			use: { baseURL: appUrl(test.port) }
		}
	],
	webServer: [
		...[production, test].map(({ dir, port }) => ({
			command: `node scripts/serve.js --port ${port} --dir ${dir}`,
			url: `${appUrl(port)}/`,
			reuseExistingServer: reuse,
			timeout: 30_000
		})),
		{
			command: `npx tsx tests/server/main.ts --port ${TEST_SERVER_PORT} --speed ${TEST_SERVER_SPEED}`,
			url: `${TEST_SERVER_HTTP}/api/v3/time`,
			reuseExistingServer: reuse,
			timeout: 60_000
		}
	]
});
