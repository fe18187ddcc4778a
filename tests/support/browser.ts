import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/**
 * Chromium flags for running as root in a closed network: no sandbox (root in a container), no
 * /dev/shm (small in containers), and none of Chromium's own background traffic to Google hosts,
 * which the resolver rule turns into instant failures instead of timeouts. No `--disable-features`:
 * it would replace Playwright's own list.
 */
export const CHROMIUM_ARGS: readonly string[] = [
	'--no-sandbox',
	'--disable-dev-shm-usage',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-domain-reliability',
	'--no-pings',
	'--no-first-run',
	'--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost'
];

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

function playwrightChromium(): string | null {
	try {
		const path = chromium.executablePath();
		return path !== '' && existsSync(path) ? path : null;
	} catch {
		return null;
	}
}

/**
 * The browser to test with, in this order: `$CHROMIUM_PATH`, Debian's `/usr/bin/chromium`, a
 * browser installed by Playwright. Throws a message saying how to get one when there is none.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
	const configured = env.CHROMIUM_PATH;
	if (configured !== undefined && configured !== '') {
		if (existsSync(configured)) return configured;
		throw new Error(`CHROMIUM_PATH is set to ${configured}, but there is no file there.`);
	}
	if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
	const installed = playwrightChromium();
	if (installed) return installed;
	throw new Error(
		[
			'No Chromium found for the browser tests. Either:',
			'  - Debian/Ubuntu: apt-get install chromium   (as root; gives /usr/bin/chromium)',
			'  - with internet access: npx playwright install chromium',
			'  - or point CHROMIUM_PATH at a Chromium or Chrome executable.'
		].join('\n')
	);
}
