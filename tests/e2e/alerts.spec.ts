import { expect, test, type Page } from '@playwright/test';
import { drawnBars } from '../support/app-hook';
import { TEST_SERVER_HTTP, TEST_SERVER_WS, control } from '../support/server-control';

/**
 * A price alert set in the panel fires while the page is hidden: the worker evaluates it on every
 * trade, the page shows it through the service worker registration (permission granted here), one
 * notification tagged for the alert, and logs it.
 */

const APP_URL =
	`/?ws=${TEST_SERVER_WS}&rest=${TEST_SERVER_HTTP}` +
	'&symbols=btcusdt,ethusdt&symbol=btcusdt&interval=1s';

test.use({ permissions: ['notifications'] });

// A fresh replay clock: after a long spec before this one the recordings may have run out, and the
// quote this test reads its level from would then stay empty.
test.beforeEach(async () => {
	await control({ reset: true, fault: 'none' });
});

/** Titles and tags of the notifications the registration shows now. */
const notifications = (page: Page) =>
	page.evaluate(async () => {
		const registration = await navigator.serviceWorker.getRegistration();
		const shown = (await registration?.getNotifications()) ?? [];
		return shown.map((n) => ({ title: n.title, tag: n.tag, body: n.body }));
	});

async function screenshots(page: Page, name: string): Promise<void> {
	await page.setViewportSize({ width: 1440, height: 900 });
	await page.screenshot({ path: test.info().outputPath(`${name}-desktop.png`) });
	await page.setViewportSize({ width: 375, height: 812 });
	await page.screenshot({ path: test.info().outputPath(`${name}-phone.png`) });
	await page.setViewportSize({ width: 1440, height: 900 });
}

/**
 * Hides the page as the app sees a background tab: `visibilityState` "hidden" with its event, and
 * no animation frames (so nothing that waits for a frame can deliver the alert). Headless Chromium
 * under Playwright keeps its pages visible: focus emulation, a minimised window and a background
 * tab all left `visibilityState` "visible" here, and Playwright has no API for it (every page
 * behaves as an active foreground tab: microsoft/playwright#2286). CDP's
 * `Page.setWebLifecycleState('frozen')` is no substitute: a frozen page runs no script at all, which
 * is the phone's case (alerts on resume), not a background tab's, where they must fire at once.
 */
async function setHidden(page: Page, hidden: boolean): Promise<void> {
	await page.evaluate((hide) => {
		type Saved = { __raf?: typeof requestAnimationFrame };
		const scope = window as unknown as Saved;
		if (hide) {
			scope.__raf = window.requestAnimationFrame.bind(window);
			window.requestAnimationFrame = () => 0;
			Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
			Object.defineProperty(document, 'hidden', { value: true, configurable: true });
		} else {
			if (scope.__raf) window.requestAnimationFrame = scope.__raf;
			Reflect.deleteProperty(document, 'visibilityState');
			Reflect.deleteProperty(document, 'hidden');
		}
		document.dispatchEvent(new Event('visibilitychange'));
	}, hidden);
}

test('a price alert fires a notification while the page is hidden', async ({ page }) => {
	test.setTimeout(240_000);
	await page.setViewportSize({ width: 1440, height: 900 });
	await page.goto(APP_URL);
	await expect.poll(() => drawnBars(page), { timeout: 60_000 }).toBeGreaterThan(5);
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
	await page.getByTestId('tool-alerts').click();
	const panel = page.getByTestId('alerts');
	await expect(panel).toBeVisible();
	// Hidden first, then created in one turn of the page's own script at the middle of the spread
	// as it is now: trades at the bid and at the ask cross it, and it can only fire hidden.
	await setHidden(page, true);
	expect(await page.evaluate(() => document.visibilityState)).toBe('hidden');
	const level = await page.evaluate(() => {
		const number = (id: string) =>
			Number(document.querySelector(`[data-testid="${id}"]`)?.textContent?.replaceAll(',', ''));
		const mid = (number('best-bid') + number('best-ask')) / 2;
		const input = document.querySelector<HTMLInputElement>('[data-testid="alert-level"]');
		if (input === null || !(mid > 0)) return NaN;
		input.value = String(mid);
		input.dispatchEvent(new Event('input', { bubbles: true }));
		document.querySelector<HTMLButtonElement>('[data-testid="alert-create"]')?.click();
		return mid;
	});
	expect(level).toBeGreaterThan(0);
	await expect
		.poll(() => notifications(page), { timeout: 120_000, message: 'a notification is shown' })
		.toHaveLength(1);
	const [shown] = await notifications(page);
	expect(shown?.tag).toBe('tickscope-alert-alert1');
	expect(shown?.title).toBe('Tickscope alert: BTCUSDT');
	expect(shown?.body).toMatch(/^BTCUSDT crossed [\d.]+ (up|down) at [\d.]+$/);
	expect(await page.evaluate(() => document.visibilityState)).toBe('hidden');

	await setHidden(page, false);
	await expect(page.getByTestId('alert-log')).toContainText('BTCUSDT crossed');
	await expect(page.getByTestId('alert-alert1')).toHaveClass(/off/);
	// A one-shot stays disarmed after a reload.
	await page.getByTestId('alert-kind').selectOption('move');
	await page.getByTestId('alert-create').click();
	await screenshots(page, 'alerts-panel');
	await page.reload();
	await page.getByTestId('tool-alerts').click();
	await expect(page.getByTestId('alert-alert1')).toHaveClass(/off/);
	await expect(page.getByTestId('alert-alert2')).not.toHaveClass(/off/);
});
