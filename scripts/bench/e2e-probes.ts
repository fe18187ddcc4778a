/**
 * What bounds a run's frame rate, found by taking parts away (issue 19): `--hide PARTS` hides
 * parts of the page once the feed is live, `display: none`, so they are neither laid out nor
 * painted (a hidden chart's view skips its renders too), and `--chart-share S` gives the main
 * chart S of a frame instead of its priority's (the test build's `debugBudgetShare`; 0.01 holds
 * it at its freshness floor). A hidden part leaves its room to the rest: hiding the text lets the
 * chart grow into the toolbar's and status bar's rows. Both are printed in each line when given.
 */

export const PAGE_PARTS = ['chart', 'text', 'page'] as const;
export type PagePart = (typeof PAGE_PARTS)[number];

const PART_SELECTORS: Readonly<Record<PagePart, string>> = {
	// The main chart's section: its canvases and its legend.
	chart: 'section[data-testid="chart"]',
	// Every text that changes with the market: status bar, toolbar quote, symbol tabs, legend.
	text: 'footer[data-testid="feed-status"], .toolbar, nav.tabs, [data-testid="chart-legend"]',
	// Everything: what is left is the feed's messages, the render scheduler and the frames.
	page: 'body'
};

/** `--hide chart,text`: the parts, in the order given; none when not given. */
export function hiddenParts(text: string | undefined): PagePart[] {
	if (text === undefined) return [];
	const parts = text.split(',');
	if (parts.some((part) => !(PAGE_PARTS as readonly string[]).includes(part))) {
		throw new Error(`--hide takes ${PAGE_PARTS.join(', ')} (comma separated): ${text}`);
	}
	return parts as PagePart[];
}

/** `--chart-share 0.01`: a share of a frame within (0, 1]; null when not given. */
export function chartShare(text: string | undefined): number | null {
	if (text === undefined) return null;
	const share = Number(text);
	if (!(share > 0 && share <= 1)) {
		throw new Error(`--chart-share takes a share of a frame, above 0 and at most 1: ${text}`);
	}
	return share;
}

/** The page script that hides `parts` (an empty list hides nothing). */
export function hideScript(parts: readonly PagePart[]): string {
	const css = parts.map((part) => `${PART_SELECTORS[part]} { display: none !important; }`);
	return `(() => {
	const style = document.createElement('style');
	style.textContent = ${JSON.stringify(css.join('\n'))};
	document.head.append(style);
})()`;
}
