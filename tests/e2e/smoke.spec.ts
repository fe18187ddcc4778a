import { expect, test } from '@playwright/test';
import { TEST_SERVER_HTTP } from '../support/server-control.ts';

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
