import { expect, test, type Page } from '@playwright/test';
import { TEST_SERVER_HTTP, TEST_SERVER_WS, control } from '../support/server-control.ts';

/**
 * The production build runs under its Content-Security-Policy: scripts only from the app (the
 * inline bootstrap by its hash), no eval, market data over ws/wss/http(s). While the app streams
 * and every panel opens, the browser reports no violation.
 */

type Violations = { __violations?: string[] };

/** Opens a panel with its button and closes it: dialogs with Escape, side panels with the button. */
async function openAndClose(page: Page, button: string, panel: string): Promise<void> {
	await page.getByTestId(button).click();
	await expect(page.getByTestId(panel)).toBeVisible();
	const modal = await page.getByTestId(panel).evaluate((el) => el.tagName === 'DIALOG');
	if (modal) await page.keyboard.press('Escape');
	else await page.getByTestId(button).click();
	await expect(page.getByTestId(panel)).toBeHidden();
}

test('the app streams and opens its panels under its CSP without a single violation', async ({
	page
}) => {
	test.setTimeout(90_000);
	await control({ reset: true, fault: 'none' });
	// Registered before any script of the page runs, so no early violation goes unheard.
	await page.addInitScript(() => {
		const scope = globalThis as Violations;
		scope.__violations = [];
		document.addEventListener('securitypolicyviolation', (event) => {
			scope.__violations?.push(`${event.effectiveDirective} ${event.blockedURI}`);
		});
	});
	const response = await page.goto(
		`/?ws=${TEST_SERVER_WS}&rest=${TEST_SERVER_HTTP}&symbols=btcusdt&symbol=btcusdt&interval=1s`
	);
	const header = response?.headers()['content-security-policy'] ?? '';
	const meta =
		(await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content')) ??
		'';
	for (const policy of [meta, header]) {
		const scripts = /script-src ([^;]*)/.exec(policy)?.[1] ?? '';
		expect(scripts).toContain("'self'");
		expect(scripts).toMatch(/'sha256-[A-Za-z0-9+/=]+'/);
		expect(scripts).not.toContain('unsafe-inline');
		expect(scripts).not.toContain('unsafe-eval');
		expect(policy).toContain("connect-src 'self' ws: wss: http: https:");
		expect(policy).toContain("worker-src 'self'");
		expect(policy).toContain("object-src 'none'");
	}
	// The header adds what a meta tag cannot carry.
	expect(header).toContain("frame-ancestors 'none'");

	await expect(page.getByTestId('feed-status')).toHaveAttribute('data-state', 'live', {
		timeout: 20_000
	});
	await openAndClose(page, 'quality-button', 'quality-panel');
	await openAndClose(page, 'cache-button', 'cache-panel');
	await openAndClose(page, 'settings-button', 'settings-dialog');
	await openAndClose(page, 'replay-button', 'replay-panel');
	await openAndClose(page, 'paper-button', 'paper-panel');
	// Streaming went on meanwhile, and nothing the app did broke the policy.
	const violations = () => page.evaluate(() => (globalThis as Violations).__violations ?? []);
	expect(await violations()).toEqual([]);
	// The policy does bite: an inline script put into the page does not run, and is reported.
	const ran = await page.evaluate(() => {
		const script = document.createElement('script');
		script.textContent = 'globalThis.__inlineRan = true';
		document.head.append(script);
		return (globalThis as { __inlineRan?: boolean }).__inlineRan === true;
	});
	expect(ran).toBe(false);
	// Reported once by each policy the page enforces: the meta tag's and the header's.
	await expect.poll(violations).toEqual(['script-src-elem inline', 'script-src-elem inline']);
});
