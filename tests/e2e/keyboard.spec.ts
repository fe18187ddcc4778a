import { expect, test, type Page } from '@playwright/test';
import { control } from '../support/server-control';
import { openLive } from '../support/ui-audit';

/**
 * Keyboard-first: single-key shortcuts for intervals, symbols and panels, a `?` overlay listing
 * them, the chart focusable with arrow keys and + / -, and the export menu following the WAI-ARIA
 * menu button pattern.
 */

test.use({ viewport: { width: 1440, height: 900 } });
// Many steps, each waiting on the app: past 30 s when other browsers share the machine.
test.setTimeout(90_000);

test.beforeEach(async () => {
	await control({ reset: true, fault: 'none' });
});

type Scope = { __tickscope?: { drawnBars(): number } };
const drawnBars = (page: Page) =>
	page.evaluate(() => (globalThis as Scope).__tickscope?.drawnBars() ?? 0);

/** A fingerprint of what the chart's canvases show (bars and axis labels). */
const axisText = (page: Page) =>
	page.getByTestId('chart').evaluate((chart) => {
		const canvases = Array.from(chart.querySelectorAll('canvas'));
		return canvases.map((c) => c.toDataURL().length).join(',');
	});

test('digits pick intervals, brackets step symbols, ? lists every shortcut', async ({ page }) => {
	await openLive(page);
	const body = page.locator('body');
	await body.press('5');
	await expect(page.getByTestId('interval-5m')).toHaveAttribute('aria-pressed', 'true');
	await body.press('1');
	await expect(page.getByTestId('interval-1s')).toHaveAttribute('aria-pressed', 'true');

	await body.press(']');
	await expect(page.getByTestId('symbol-tab-ethusdt')).toHaveAttribute('aria-pressed', 'true');
	await body.press(']');
	await expect(page.getByTestId('symbol-tab-btcusdt')).toHaveAttribute('aria-pressed', 'true');
	await body.press('[');
	await expect(page.getByTestId('symbol-tab-ethusdt')).toHaveAttribute('aria-pressed', 'true');

	await body.press('r');
	await expect(page.getByTestId('replay-panel')).toBeVisible();
	await body.press('r');
	await expect(page.getByTestId('replay-panel')).toHaveCount(0);

	await body.press('?');
	const overlay = page.getByTestId('shortcuts-dialog');
	await expect(overlay).toBeVisible();
	for (const does of ['1m candles', 'Next symbol', 'Previous symbol', 'Open or close replay']) {
		await expect(overlay).toContainText(does);
	}
	// Keys pressed in the overlay do not act behind it.
	await page.keyboard.press('4');
	await expect(page.getByTestId('interval-1s')).toHaveAttribute('aria-pressed', 'true');
	await page.keyboard.press('Escape');
	await expect(overlay).toBeHidden();

	// Typing in a field is typing, not shortcuts.
	await page.getByTestId('settings-button').click();
	const field = page
		.getByTestId('settings-dialog')
		.locator('input[type=text], input:not([type])')
		.first();
	await field.press('3');
	await expect(page.getByTestId('interval-1s')).toHaveAttribute('aria-pressed', 'true');
});

test('the chart takes focus with C, arrow keys pan and + / - zoom', async ({ page }) => {
	await openLive(page);
	// 1 s candles: enough bars to pan through within seconds.
	await page.locator('body').press('1');
	await expect.poll(() => drawnBars(page), { timeout: 30_000 }).toBeGreaterThan(20);
	await page.locator('body').press('c');
	const chart = page.getByTestId('chart');
	await expect(chart).toBeFocused();
	// Hold the market, so the chart's pixels change only when the view moves.
	await control({ paused: true });
	await page.waitForTimeout(1500);
	const still = await axisText(page);
	await page.waitForTimeout(500);
	expect(await axisText(page)).toBe(still);
	const before = await axisText(page);
	await page.keyboard.press('ArrowLeft');
	await page.keyboard.press('ArrowLeft');
	await expect.poll(() => axisText(page)).not.toBe(before);
	const panned = await axisText(page);
	await page.keyboard.press('+');
	await expect.poll(() => axisText(page)).not.toBe(panned);
	await page.keyboard.press('End');
	await expect(chart).toBeFocused();
});

test('the export menu follows the menu button pattern: arrows, Escape, focus back', async ({
	page
}) => {
	await openLive(page);
	const button = page.getByTestId('export-button');
	await button.focus();
	await page.keyboard.press('ArrowDown');
	const menu = page.getByTestId('export-menu');
	await expect(menu).toBeVisible();
	await expect(button).toHaveAttribute('aria-expanded', 'true');
	await expect(page.getByTestId('export-ticks')).toBeFocused();
	await page.keyboard.press('ArrowDown');
	await expect(page.getByTestId('export-klines')).toBeFocused();
	await page.keyboard.press('ArrowDown');
	await expect(page.getByTestId('export-ticks')).toBeFocused();
	await page.keyboard.press('End');
	await expect(page.getByTestId('export-klines')).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(menu).toHaveCount(0);
	await expect(button).toBeFocused();
	await expect(button).toHaveAttribute('aria-expanded', 'false');

	await page.keyboard.press('ArrowUp');
	await expect(page.getByTestId('export-klines')).toBeFocused();
	await page.keyboard.press('Escape');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('export-ticks')).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(button).toBeFocused();
});
