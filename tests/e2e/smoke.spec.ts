import { expect, test } from '@playwright/test';
import { TEST_SERVER_HTTP, TEST_SERVER_WS, control } from '../support/server-control.ts';

test('the built app loads and reaches the Binance test server from its origin', async ({
	page
}) => {
	await page.goto('/');
	await expect(page).toHaveTitle(/Tickscope/);
	// A cross-origin fetch from the page: it only resolves if the server sends CORS headers.
	expect(new URL(page.url()).origin).not.toBe(new URL(TEST_SERVER_HTTP).origin);
	const answer = await page.evaluate(async (base) => {
		const res = await fetch(`${base}/api/v3/time`);
		const body = (await res.json()) as { serverTime?: unknown };
		return { status: res.status, serverTime: body.serverTime };
	}, TEST_SERVER_HTTP);
	expect(answer.status).toBe(200);
	expect(answer.serverTime).toEqual(expect.any(Number));
});

test('the production build has no test seams: no window.__tickscope, and a link cannot slow it', async ({
	page
}) => {
	await control({ reset: true, fault: 'none' });
	// In the test build these make every chart render take 200 ms and turn the throttle off.
	const seams = '&debugSlowRenderMs=200&throttle=off';
	await page.goto(
		`/?ws=${TEST_SERVER_WS}&rest=${TEST_SERVER_HTTP}&symbols=btcusdt&symbol=btcusdt&interval=1s${seams}`
	);
	await expect(page.getByTestId('feed-status')).toHaveAttribute('data-state', 'live', {
		timeout: 20_000
	});
	// Like any parameter that is not a setting, they are ignored, not refused.
	await expect(page.getByTestId('param-error')).toHaveCount(0);
	await page.waitForTimeout(3000);
	const costMs = Number.parseFloat((await page.getByTestId('render-cost').textContent()) ?? '');
	expect(costMs).toBeLessThan(100);
	expect(await page.evaluate(() => '__tickscope' in window)).toBe(false);
});
