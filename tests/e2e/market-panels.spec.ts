import { expect, test, type Page } from '@playwright/test';
import { WebSocket } from 'ws';
import type { KlineRow } from '../../src/lib/core/kline';
import { appKlines, viewRenders } from '../support/app-hook';
import { TEST_SERVER_HTTP, TEST_SERVER_WS, control, state } from '../support/server-control';

/**
 * The market beside the chart against the local Binance replay (BTCUSDT + ETHUSDT, 2024-08-08,
 * 10x): the order book equals the last `depth20@100ms` frame the server sent, the tape's newest
 * rows equal its last aggTrades with the taker's side, the 24 h change equals its `@miniTicker`,
 * and a symbol added from search streams over the open socket (a SUBSCRIBE, no new connection).
 */

const appUrl = (symbols: string) =>
	`/?ws=${TEST_SERVER_WS}&rest=${TEST_SERVER_HTTP}&symbols=${symbols}&symbol=btcusdt&interval=1m`;

interface Depth {
	lastUpdateId: number;
	bids: [string, string][];
	asks: [string, string][];
}
interface AggTrade {
	a: number;
	p: string;
	q: string;
	m: boolean;
}

/** A second client of the same server hears every frame the app hears, in the same order. */
async function listen(streams: string[]) {
	const socket = new WebSocket(`${TEST_SERVER_WS}/stream?streams=${streams.join('/')}`);
	let depth: Depth | null = null;
	const trades: AggTrade[] = [];
	socket.on('message', (data: Buffer) => {
		const frame = JSON.parse(data.toString('utf8')) as { stream: string; data: unknown };
		if (frame.stream.endsWith('@depth20@100ms')) depth = frame.data as Depth;
		else if (frame.stream.endsWith('@aggTrade')) trades.push(frame.data as AggTrade);
	});
	await new Promise((resolve, reject) => {
		socket.once('open', resolve);
		socket.once('error', reject);
	});
	return { depth: () => depth, trades, close: () => socket.close() };
}

async function openLive(page: Page, symbols: string): Promise<void> {
	await page.goto(appUrl(symbols));
	await expect(page.getByTestId('feed-status')).toHaveAttribute('data-state', 'live', {
		timeout: 20_000
	});
}

async function screenshots(page: Page, name: string): Promise<void> {
	await page.setViewportSize({ width: 1440, height: 900 });
	await page.screenshot({ path: test.info().outputPath(`${name}-1440x900.png`) });
	await page.setViewportSize({ width: 375, height: 812 });
	await page.screenshot({ path: test.info().outputPath(`${name}-375x812-chart.png`) });
	// On a phone the bottom bar switches the panes.
	await page.getByTestId('phone-book').click();
	await page.screenshot({ path: test.info().outputPath(`${name}-375x812-book.png`) });
	await page.getByTestId('phone-tape').click();
	await page.screenshot({ path: test.info().outputPath(`${name}-375x812-trades.png`) });
	await page.getByTestId('phone-chart').click();
	await page.setViewportSize({ width: 1440, height: 900 });
}

const levels = (page: Page, side: 'bid' | 'ask') =>
	page
		.getByTestId(`book-${side}`)
		.evaluateAll((rows) =>
			rows.map((row) => [row.getAttribute('data-price'), row.getAttribute('data-qty')])
		);

test.beforeEach(async () => {
	await control({ reset: true, fault: 'none' });
});

test('book, tape and 24 h change equal what the server sent', async ({ page }) => {
	test.setTimeout(90_000);
	await page.setViewportSize({ width: 1440, height: 900 });
	const heard = await listen(['btcusdt@depth20@100ms', 'btcusdt@aggTrade']);
	try {
		await openLive(page, 'btcusdt,ethusdt');
		// Let a few seconds of replay (tens of seconds of market) reach the tape and the ticker.
		await expect.poll(() => heard.trades.length, { timeout: 20_000 }).toBeGreaterThan(60);
		await expect(page.getByTestId('change-24h-btcusdt')).toHaveText(/%$/, { timeout: 20_000 });
		await control({ paused: true });
		// Frames sent before the hold are still on their way to both clients.
		await page.waitForTimeout(1500);
		const depth = heard.depth();
		expect(depth).not.toBeNull();
		if (depth === null) return;
		expect(depth.bids).toHaveLength(20);
		expect(depth.asks).toHaveLength(20);

		// The book: 20 levels each side, best first, the exchange's strings.
		await expect.poll(() => levels(page, 'bid'), { timeout: 10_000 }).toEqual(depth.bids);
		expect(await levels(page, 'ask')).toEqual(depth.asks);
		const [bestBid] = depth.bids[0] ?? [];
		const [bestAsk] = depth.asks[0] ?? [];
		const spread = Number(bestAsk) - Number(bestBid);
		// BTCUSDT's tickSize is 0.01: two decimals.
		await expect(page.getByTestId('book-spread')).toHaveText(spread.toFixed(2));
		const mid = (Number(bestAsk) + Number(bestBid)) / 2;
		const bps = (spread / mid) * 10_000;
		await expect(page.getByTestId('book-spread-bps')).toHaveText(
			`${bps.toFixed(bps >= 10 ? 1 : bps >= 1 ? 2 : 3)} bp`
		);
		const size = (side: [string, string][]) => side.reduce((sum, [, q]) => sum + Number(q), 0);
		const imbalance = (size(depth.bids) - size(depth.asks)) / (size(depth.bids) + size(depth.asks));
		const shown = Number(await page.getByTestId('book-imbalance').getAttribute('data-value'));
		expect(shown).toBeCloseTo(imbalance, 9);
		// Paused: no depth update for over a second marks the book stale.
		await expect(page.getByTestId('order-book')).toHaveAttribute('data-stale', 'true');

		// The tape: newest first, ids, prices, sizes and the taker's side (m false = buy).
		const last = heard.trades.slice(-20).reverse();
		const rows = page.getByTestId('tape-row');
		await expect
			.poll(() => rows.first().getAttribute('data-id'), { timeout: 10_000 })
			.toBe(String(last[0]?.a));
		const shownRows = await rows.evaluateAll((items) =>
			items.slice(0, 20).map((row) => ({
				id: Number(row.getAttribute('data-id')),
				side: row.getAttribute('data-side'),
				price: row.getAttribute('data-price'),
				qty: row.getAttribute('data-qty'),
				text: row.textContent ?? ''
			}))
		);
		expect(shownRows.map(({ id, side, price, qty }) => ({ id, side, price, qty }))).toEqual(
			last.map((t) => ({ id: t.a, side: t.m ? 'sell' : 'buy', price: t.p, qty: t.q }))
		);
		// The side is told by a mark, not by colour alone.
		for (const row of shownRows) expect(row.text).toContain(row.side === 'buy' ? '▲' : '▼');
		expect(await rows.count()).toBeLessThanOrEqual(50);

		// 24 h change: the server's last miniTicker, (c - o) / o.
		const ticker = (await state()).miniTickers.BTCUSDT;
		expect(ticker).not.toBeNull();
		if (!ticker) return;
		const change = ((Number(ticker.c) - Number(ticker.o)) / Number(ticker.o)) * 100;
		const sign = change > 0 ? '+' : change < 0 ? '-' : '';
		await expect(page.getByTestId('change-24h-btcusdt')).toHaveText(
			`${sign}${Math.abs(change).toFixed(2)}%`
		);
		await expect(page.getByTestId('high-24h')).toHaveText(
			Number(ticker.h).toLocaleString('en-US', { minimumFractionDigits: 2 })
		);
		await expect(page.getByTestId('low-24h')).toHaveText(
			Number(ticker.l).toLocaleString('en-US', { minimumFractionDigits: 2 })
		);
		await screenshots(page, 'market-panels');
	} finally {
		heard.close();
	}
});

test('on a phone the book and tape under the chart are not drawn, and show the newest trades when opened', async ({
	page
}) => {
	test.setTimeout(90_000);
	await page.setViewportSize({ width: 375, height: 812 });
	const heard = await listen(['btcusdt@aggTrade']);
	try {
		await openLive(page, 'btcusdt');
		await expect.poll(() => heard.trades.length, { timeout: 20_000 }).toBeGreaterThan(60);
		// The chart pane is shown: trades keep coming, the panels view is not drawn at all.
		await viewRenders(page);
		const before = heard.trades.length;
		await expect.poll(() => heard.trades.length, { timeout: 20_000 }).toBeGreaterThan(before + 20);
		const hidden = await viewRenders(page);
		expect(hidden.chart ?? 0).toBeGreaterThan(0);
		expect(hidden.panels ?? 0).toBe(0);
		await control({ paused: true });
		await page.waitForTimeout(1500);
		await page.getByTestId('phone-tape').click();
		// Shown again, the tape catches up at once with what came while it was hidden.
		const newest = heard.trades.at(-1);
		await expect
			.poll(() => page.getByTestId('tape-row').first().getAttribute('data-id'), { timeout: 10_000 })
			.toBe(String(newest?.a));
		expect((await viewRenders(page)).panels ?? 0).toBeGreaterThan(0);
	} finally {
		heard.close();
	}
});

test('a symbol added from search streams over the open socket: a SUBSCRIBE, no new connection', async ({
	page
}) => {
	test.setTimeout(90_000);
	await page.setViewportSize({ width: 1440, height: 900 });
	await openLive(page, 'btcusdt');
	const before = await state();
	expect(before.openConnections).toHaveLength(1);
	const [socket] = before.openConnections;

	await page.keyboard.press('/');
	const search = page.getByTestId('symbol-search');
	await expect(search).toBeVisible();
	await page.getByTestId('symbol-search-input').fill('eth');
	await expect(page.getByTestId('search-add-ethusdt')).toBeVisible({ timeout: 20_000 });
	await page.screenshot({ path: test.info().outputPath('symbol-search-1440x900.png') });
	await page.getByTestId('search-add-ethusdt').click();

	await expect
		.poll(async () => (await state()).controlMessages, { timeout: 10_000 })
		.toContainEqual({
			connection: socket,
			method: 'SUBSCRIBE',
			params: ['ethusdt@aggTrade', 'ethusdt@depth20@100ms', 'ethusdt@miniTicker'],
			id: 1
		});
	// ETHUSDT streams into its new tab: a price and its 24 h change.
	await expect(page.getByTestId('change-24h-ethusdt')).toHaveText(/%$/, { timeout: 20_000 });
	const after = await state();
	expect(after.connectionsOpened).toBe(before.connectionsOpened);
	expect(after.openConnections).toEqual([socket]);
	expect(after.subscriptions[0]).toContain('ethusdt@aggTrade');
	await page.setViewportSize({ width: 375, height: 812 });
	await page.screenshot({ path: test.info().outputPath('symbol-search-375x812.png') });
	await page.setViewportSize({ width: 1440, height: 900 });

	// Removing it unsubscribes on the same socket; its tab goes.
	await page.getByTestId('remove-ethusdt').click();
	await expect
		.poll(async () => (await state()).controlMessages.map((m) => m.method), { timeout: 10_000 })
		.toEqual(['SUBSCRIBE', 'UNSUBSCRIBE']);
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('symbol-tab-ethusdt')).toHaveCount(0);
	const end = await state();
	expect(end.connectionsOpened).toBe(before.connectionsOpened);
	expect(end.subscriptions[0]).not.toContain('ethusdt@aggTrade');
});

/** Buy and sell quote volume of 1 s klines opening at or after `fromMs`, by definition. */
function flowOf(rows: readonly KlineRow[], fromMs: number): { buy: number; sell: number } {
	let buy = 0;
	let all = 0;
	for (const row of rows) {
		if (row[0] < fromMs) continue;
		buy += Number(row[10]);
		all += Number(row[7]);
	}
	return { buy, sell: all - buy };
}

const flowRows = (page: Page) =>
	page.getByTestId('flow-row').evaluateAll((rows) =>
		rows.map((row) => ({
			symbol: row.getAttribute('data-symbol') ?? '',
			buy: Number(row.getAttribute('data-buy')),
			sell: Number(row.getAttribute('data-sell'))
		}))
	);

/** The volume panel's buy and sell per symbol and window equal the sums of the app's 1 s klines. */
async function expectFlowsEqualKlines(page: Page): Promise<void> {
	await page.waitForTimeout(2500);
	const klines = {
		btcusdt: await appKlines(page, 'btcusdt', '1s'),
		ethusdt: await appKlines(page, 'ethusdt', '1s')
	};
	const newest = Math.max(...Object.values(klines).map((rows) => rows.at(-1)?.[0] ?? 0));
	for (const minutes of [1, 5, 15]) {
		await page.getByTestId(`flow-window-${minutes}`).click();
		await expect(page.getByTestId(`flow-window-${minutes}`)).toHaveAttribute(
			'aria-pressed',
			'true'
		);
		const shown = await flowRows(page);
		// Busiest first.
		expect(shown[0]!.buy + shown[0]!.sell).toBeGreaterThanOrEqual(shown[1]!.buy + shown[1]!.sell);
		for (const row of shown) {
			const rows = klines[row.symbol as keyof typeof klines];
			const expected = flowOf(rows, newest - minutes * 60_000 + 1000);
			expect(expected.buy + expected.sell, `${row.symbol} ${minutes}m traded`).toBeGreaterThan(0);
			expect(Math.abs(row.buy - expected.buy), `${row.symbol} ${minutes}m buy`).toBeLessThan(
				1e-6 * Math.max(1, expected.buy)
			);
			expect(Math.abs(row.sell - expected.sell), `${row.symbol} ${minutes}m sell`).toBeLessThan(
				1e-6 * Math.max(1, expected.sell)
			);
		}
	}
}

test('the volume panel: buy and sell quote volume of each symbol over 1, 5 and 15 minutes equal its 1 s candles', async ({
	page
}) => {
	test.setTimeout(90_000);
	await page.setViewportSize({ width: 1440, height: 900 });
	await openLive(page, 'btcusdt,ethusdt');
	await expect(page.getByTestId('flow-row')).toHaveCount(2, { timeout: 20_000 });
	// Held still, the flows go out once more (once a second) and then stay.
	await control({ paused: true });
	try {
		await expectFlowsEqualKlines(page);
	} finally {
		// The specs after this one expect a streaming server.
		await control({ paused: false });
	}
	await page.screenshot({ path: test.info().outputPath('volume-flows-1440x900.png') });
	await page.setViewportSize({ width: 375, height: 812 });
	// On a phone the bottom bar switches the panes: the volume panel sits under the trades.
	await page.getByTestId('phone-tape').click();
	await page.screenshot({ path: test.info().outputPath('volume-flows-375x812.png') });
});
