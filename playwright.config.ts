import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './tests/support/browser.ts';
import {
	TEST_SERVER_HTTP,
	TEST_SERVER_PORT,
	TEST_SERVER_SPEED
} from './tests/support/server-control.ts';

const APP_PORT = 4173;
const reuse = !process.env.CI;

/** Browser tests run the BUILT app (`npm run build` first; the npm scripts do) against a local Binance. */
export default defineConfig({
	testDir: 'tests/e2e',
	workers: 1,
	fullyParallel: false,
	retries: process.env.CI ? 2 : 0,
	reporter: 'list',
	use: {
		baseURL: `http://localhost:${APP_PORT}`,
		trace: 'retain-on-failure',
		browserName: 'chromium',
		launchOptions: { executablePath: findChromium(), args: [...CHROMIUM_ARGS] }
	},
	webServer: [
		{
			command: `node scripts/serve.js --port ${APP_PORT} --dir build`,
			url: `http://localhost:${APP_PORT}/`,
			reuseExistingServer: reuse,
			timeout: 30_000
		},
		{
			command: `npx tsx tests/server/main.ts --port ${TEST_SERVER_PORT} --speed ${TEST_SERVER_SPEED}`,
			url: `${TEST_SERVER_HTTP}/api/v3/time`,
			reuseExistingServer: reuse,
			timeout: 60_000
		}
	]
});
