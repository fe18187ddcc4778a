/**
 * Shared by the phone, keyboard and accessibility browser tests: opening the live app against the
 * test server, the views a user can open (panels, dialogs, menus), and the touch-target and
 * overflow measurements.
 */
import { expect, type Page } from '@playwright/test';
import { TEST_SERVER_HTTP, TEST_SERVER_WS } from './server-control';

export const LIVE_QUERY = `?ws=${TEST_SERVER_WS}&rest=${TEST_SERVER_HTTP}&symbols=btcusdt,ethusdt&symbol=btcusdt&interval=1m`;

export async function openLive(page: Page): Promise<void> {
	await page.goto(`/${LIVE_QUERY}`);
	await expect(page.getByTestId('feed-status')).toHaveAttribute('data-state', 'live', {
		timeout: 20_000
	});
}

/** Whether the bottom bar (phones) stands in for the header tools. */
const phone = async (page: Page) => page.getByTestId('phone-nav').isVisible();

/** Clicks a header tool, through "More" on a phone. */
async function tool(page: Page, testId: string): Promise<void> {
	if (await phone(page)) {
		const more = page.getByTestId('phone-more');
		if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
	}
	await page.getByTestId(testId).click();
}

/** A view a user can open, how to open it, and how to leave it again. */
export interface View {
	readonly name: string;
	open(page: Page): Promise<void>;
	close(page: Page): Promise<void>;
}

const escape = async (page: Page) => page.keyboard.press('Escape');

export const VIEWS: readonly View[] = [
	{ name: 'main', open: async () => {}, close: async () => {} },
	{
		name: 'status-details',
		open: async (page) => {
			await page.getByTestId('status-pill').click();
			await expect(page.getByTestId('status-details')).toBeVisible();
		},
		close: escape
	},
	{
		name: 'replay-panel',
		open: async (page) => {
			await (
				(await phone(page)) ? page.getByTestId('phone-replay') : page.getByTestId('replay-button')
			).click();
			await expect(page.getByTestId('replay-panel')).toBeVisible();
		},
		close: async (page) => page.getByTestId('replay-close').click()
	},
	{
		name: 'paper-panel',
		open: async (page) => {
			await (
				(await phone(page)) ? page.getByTestId('phone-trade') : page.getByTestId('paper-button')
			).click();
			await expect(page.getByTestId('paper-panel')).toBeVisible();
		},
		close: async (page) => {
			await (
				(await phone(page)) ? page.getByTestId('phone-chart') : page.getByTestId('paper-button')
			).click();
		}
	},
	{
		name: 'export-menu',
		open: async (page) => {
			await tool(page, 'export-button');
			await expect(page.getByTestId('export-menu')).toBeVisible();
		},
		close: async (page) => {
			await escape(page);
			if (await phone(page)) await page.getByTestId('phone-more').click();
		}
	},
	{
		name: 'cache-panel',
		open: async (page) => {
			await tool(page, 'cache-button');
			await expect(page.getByTestId('cache-panel')).toBeVisible();
		},
		close: async (page) => {
			await page.getByTestId('cache-panel').getByRole('button', { name: 'Close' }).click();
			if (await phone(page)) await page.getByTestId('phone-more').click();
		}
	},
	{
		name: 'settings-dialog',
		open: async (page) => {
			await tool(page, 'settings-button');
			await expect(page.getByTestId('settings-dialog')).toBeVisible();
		},
		close: async (page) => {
			await page.getByTestId('settings-cancel').click();
			if (await phone(page)) await page.getByTestId('phone-more').click();
		}
	},
	{
		name: 'shortcuts-dialog',
		open: async (page) => {
			await page.locator('body').press('?');
			await expect(page.getByTestId('shortcuts-dialog')).toBeVisible();
		},
		close: escape
	}
];

/** An interactive element that is visible and smaller than a fingertip. */
export interface SmallTarget {
	readonly what: string;
	readonly width: number;
	readonly height: number;
}

/**
 * Every visible interactive element under 44x44 px (the chart library's attribution link
 * excepted). Checkboxes and radios count with their label when they sit in one; elements clipped
 * to a pixel (visually hidden inputs behind a styled label) are skipped, their label is measured.
 */
export function smallTargets(page: Page): Promise<SmallTarget[]> {
	return page.evaluate(() => {
		const selector =
			'button, a[href], input:not([type=hidden]), select, summary, textarea, [role=tab], [role=menuitem], [role=option], [tabindex="0"]';
		/** The box a finger aims at, or null for an element nobody sees. */
		const target = (element: HTMLElement): DOMRect | null => {
			if (element.id === 'tv-attr-logo') return null;
			const style = getComputedStyle(element);
			if (style.visibility === 'hidden' || style.display === 'none') return null;
			const rect = element.getBoundingClientRect();
			if (rect.width <= 2 || rect.height <= 2) return null;
			const label = element.closest('label');
			return element instanceof HTMLInputElement && label !== null
				? label.getBoundingClientRect()
				: rect;
		};
		const nameOf = (element: HTMLElement) =>
			element.getAttribute('data-testid') ??
			element.getAttribute('aria-label') ??
			element.textContent?.trim().slice(0, 30) ??
			'';
		const small: { what: string; width: number; height: number }[] = [];
		for (const element of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
			const rect = target(element);
			// Rounding of fractional layout: 43.99 px is a 44 px target.
			if (rect === null || (rect.width >= 43.5 && rect.height >= 43.5)) continue;
			small.push({
				what: `${element.tagName.toLowerCase()} "${nameOf(element)}"`,
				width: Math.round(rect.width),
				height: Math.round(rect.height)
			});
		}
		return small;
	});
}

/** How far the page scrolls sideways (0 when it fits the viewport). */
export function horizontalOverflow(page: Page): Promise<number> {
	return page.evaluate(
		() =>
			Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) -
			document.documentElement.clientWidth
	);
}
