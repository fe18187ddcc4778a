import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { startBinanceServer, type BinanceServer } from '../server/server';
import { cachedTicks, feedStatus } from '../support/app-hook';
import { cliKlines } from '../support/candles-cli';
import { RECORDINGS, recordingPath } from '../support/fixtures';
import { expectCliCandles, expectContiguous, settled } from '../support/trade-checks';

/**
 * One Binance connection for the whole browser: the tabs of the app (pages of one context) share
 * the socket of the tab holding the lock; a symbol another tab adds is a SUBSCRIBE on that socket;
 * closing the tab that holds it hands it to another tab, and gap repair covers the handover. The
 * spec runs its own server: it counts every socket.
 */

const BTC = [RECORDINGS.btc20240808, RECORDINGS.btc20240809];
let server: BinanceServer;

test.beforeAll(async () => {
	server = await startBinanceServer({
		recordings: [...BTC, RECORDINGS.eth20240808, RECORDINGS.eth20240809],
		speed: 10
	});
});

test.afterAll(async () => {
	await server.close();
});

const appUrl = (symbols = 'btcusdt') =>
	`/?ws=${server.wsUrl}&rest=${server.httpUrl}&symbols=${symbols}&symbol=btcusdt&interval=1s`;

async function live(page: Page): Promise<void> {
	await expect(page.getByTestId('feed-status')).toHaveAttribute('data-state', 'live', {
		timeout: 30_000
	});
}

/**
 * Pauses the feed worker of `page` in the debugger, through the page's CDP session attached to its
 * workers (`Page.setWebLifecycleState` freezes the page but leaves its worker running here).
 */
async function freezeFeedWorker(page: Page): Promise<{ thaw: () => Promise<void> }> {
	const cdp = await page.context().newCDPSession(page);
	const attached = new Promise<string>((resolve) => {
		cdp.on('Target.attachedToTarget', (event) => {
			if (event.targetInfo.type === 'worker') resolve(event.sessionId);
		});
	});
	await cdp.send('Target.setAutoAttach', {
		autoAttach: true,
		waitForDebuggerOnStart: false,
		flatten: false
	});
	const sessionId = await attached;
	let next = 0;
	const send = (method: string) =>
		cdp.send('Target.sendMessageToTarget', {
			sessionId,
			message: JSON.stringify({ id: (next += 1), method })
		});
	await send('Debugger.enable');
	await send('Debugger.pause');
	return {
		thaw: async () => {
			await send('Debugger.resume');
			await cdp.detach();
		}
	};
}

/**
 * A fresh market streaming into two tabs: the first holds the connection, the second follows it
 * and has cached trades. `opened`: the server's sockets opened before the second tab came.
 */
async function leaderAndFollower(context: BrowserContext) {
	// No socket of an earlier test may still be open: every one opened from here on is counted.
	await expect.poll(() => server.state().connections, { timeout: 10_000 }).toBe(0);
	server.control({ reset: true, fault: 'none', speed: 10 });
	const first = await context.newPage();
	await first.goto(appUrl());
	await live(first);
	const opened = server.state().connectionsOpened;
	const second = await context.newPage();
	await second.goto(appUrl());
	await live(second);
	await expect.poll(() => role(second)).toBe('follows');
	await expect.poll(() => cachedTicks(second, 'btcusdt'), { timeout: 30_000 }).toBeGreaterThan(500);
	return { first, second, opened };
}

const role = async (page: Page) => (await feedStatus(page))?.quality?.connection;

async function screenshots(page: Page, name: string): Promise<void> {
	await page.setViewportSize({ width: 1440, height: 900 });
	await page.screenshot({ path: test.info().outputPath(`${name}-1440x900.png`) });
	await page.setViewportSize({ width: 375, height: 812 });
	await page.screenshot({ path: test.info().outputPath(`${name}-375x812.png`) });
	await page.setViewportSize({ width: 1440, height: 900 });
}

test('two tabs, one connection; a symbol the second tab adds is a SUBSCRIBE on it', async ({
	context
}) => {
	test.setTimeout(120_000);
	server.control({ reset: true, fault: 'none', speed: 10 });
	const first = await context.newPage();
	await first.goto(appUrl());
	await live(first);
	const second = await context.newPage();
	await second.goto(appUrl());
	await live(second);
	await expect.poll(() => role(first)).toBe('holds');
	await expect.poll(() => role(second)).toBe('follows');
	// The follower's candles move: its trades come from the first tab's socket.
	await expect.poll(() => feedStatus(second).then((s) => s?.received ?? 0)).toBeGreaterThan(50);
	const before = server.state();
	expect(before.connectionsOpened).toBe(1);
	expect(before.openConnections).toHaveLength(1);
	const [socket] = before.openConnections;

	await second.keyboard.press('/');
	await second.getByTestId('symbol-search-input').fill('eth');
	await second.getByTestId('search-add-ethusdt').click({ timeout: 20_000 });
	await expect
		.poll(() => server.state().controlMessages, { timeout: 10_000 })
		.toContainEqual({
			connection: socket,
			method: 'SUBSCRIBE',
			params: ['ethusdt@aggTrade', 'ethusdt@depth20@100ms', 'ethusdt@miniTicker'],
			id: 1
		});
	await second.keyboard.press('Escape');
	// ETHUSDT streams into the second tab through the first tab's socket.
	await expect(second.getByTestId('change-24h-ethusdt')).toHaveText(/%$/, { timeout: 20_000 });
	const after = server.state();
	expect(after.connectionsOpened).toBe(1);
	expect(after.openConnections).toEqual([socket]);

	await second.getByTestId('quality-button').click();
	const panel = second.getByTestId('quality-panel');
	await expect(panel.getByTestId('quality-connection')).toContainText('Follows another tab');
	await screenshots(second, 'tabs-follower-quality');
	await second.keyboard.press('Escape');
	await first.getByTestId('quality-button').click();
	await expect(first.getByTestId('quality-connection')).toContainText(
		'This tab holds the connection'
	);
	await screenshots(first, 'tabs-leader-quality');
	// The follower first: closing the leader first would hand the socket over during teardown.
	await second.close();
	await first.close();
});

test('closing the tab that holds the connection: the other takes over, no trade lost or doubled', async ({
	context
}) => {
	test.setTimeout(300_000);
	const cli = cliKlines(BTC.map(recordingPath), '1s', 'btcusdt');
	const { first, second, opened } = await leaderAndFollower(context);
	// The second tab opened no socket of its own.
	const both = server.state();
	expect(both.connectionsOpened).toBe(opened);
	expect(both.openConnections).toHaveLength(1);

	await first.close();
	await expect.poll(() => role(second), { timeout: 20_000 }).toBe('holds');
	await live(second);
	const handedOver = server.state();
	expect(handedOver.connectionsOpened).toBe(opened + 1);
	expect(handedOver.openConnections).toHaveLength(1);

	const lastId = await settled(server, second, 'btcusdt');
	const count = await expectContiguous(second, 'btcusdt', lastId);
	await expectCliCandles(second, 'btcusdt', cli);
	const end = server.state();
	expect(end.connectionsOpened).toBe(opened + 1);
	test.info().annotations.push({
		type: 'handover',
		description: `${count} trades cached, last id ${lastId}; ${end.connectionsOpened} sockets opened in all`
	});
});

test('a frozen tab holding the connection: another takes it over; thawed, it follows; none lost', async ({
	context
}) => {
	test.setTimeout(300_000);
	const cli = cliKlines(BTC.map(recordingPath), '1s', 'btcusdt');
	const { first, second, opened } = await leaderAndFollower(context);

	// The first tab's feed worker stops running (a phone freezes a background tab's process, worker
	// and all): paused in the debugger, it says nothing more and hears nothing until it resumes.
	const frozen = await freezeFeedWorker(first);
	await expect.poll(() => role(second), { timeout: 30_000 }).toBe('holds');
	await live(second);
	expect(server.state().connectionsOpened).toBe(opened + 1);
	await frozen.thaw();
	await expect.poll(() => role(first), { timeout: 30_000 }).toBe('follows');
	await expect.poll(() => server.state().openConnections.length, { timeout: 30_000 }).toBe(1);

	const lastId = await settled(server, second, 'btcusdt');
	await expectContiguous(second, 'btcusdt', lastId);
	await expectCliCandles(second, 'btcusdt', cli);
	await expectCliCandles(first, 'btcusdt', cli);
	await second.close();
	await first.close();
});
