import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { control } from '../support/server-control';
import { VIEWS, openLive } from '../support/ui-audit';

/**
 * axe on the live main view and on every panel, dialog and menu, at desktop and phone sizes: no
 * critical or serious violation (contrast, names, ARIA structure, landmarks). The app has one
 * (dark) theme.
 */

async function seriousViolations(page: Page): Promise<string[]> {
	const results = await new AxeBuilder({ page })
		// The chart's canvas and the library's own attribution link are not ours to fix.
		.exclude('#tv-attr-logo')
		.analyze();
	return results.violations
		.filter((v) => v.impact === 'critical' || v.impact === 'serious')
		.map(
			(v) =>
				`${v.impact} ${v.id}: ${v.help} (${v.nodes
					.slice(0, 3)
					.map((n) => `${n.target.join(' ')} [${n.any[0]?.message ?? ''}]`)
					.join(' | ')})`
		);
}

// Eight views, each opened, audited and closed: more than the default 30 s on a busy machine.
test.setTimeout(180_000);

test.beforeEach(async () => {
	await control({ reset: true, fault: 'none' });
});

// Both themes: the app follows the system's colour scheme until the user picks one.
for (const [label, size] of [
	['desktop', { width: 1440, height: 900 }],
	['phone', { width: 375, height: 812 }]
] as const) {
	for (const colorScheme of ['dark', 'light'] as const) {
		test.describe(`${label}, ${colorScheme}`, () => {
			test.use({ viewport: size, hasTouch: label === 'phone', colorScheme });

			test(`axe finds nothing critical or serious in any view (${label}, ${colorScheme})`, async ({
				page
			}) => {
				await openLive(page);
				await expect
					.poll(() => page.evaluate(() => document.documentElement.dataset.theme))
					.toBe(colorScheme);
				// Landmarks: one main, one h1.
				await expect(page.getByRole('main')).toHaveCount(1);
				await expect(page.locator('h1')).toHaveCount(1);
				const found: string[] = [];
				for (const view of VIEWS) {
					await view.open(page);
					found.push(...(await seriousViolations(page)).map((v) => `${view.name}: ${v}`));
					await view.close(page);
				}
				expect(found).toEqual([]);
			});
		});
	}
}
