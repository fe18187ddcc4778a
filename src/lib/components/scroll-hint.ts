/**
 * Marks a horizontally scrolling row with `data-more-before` / `data-more-after` while content
 * hides beyond that edge, so CSS can fade the edge and show that the row scrolls (phones show
 * one or two symbol tabs at a time).
 */
export function scrollHint(node: HTMLElement): { destroy: () => void } {
	const update = () => {
		const before = node.scrollLeft > 1;
		const after = node.scrollLeft + node.clientWidth < node.scrollWidth - 1;
		node.toggleAttribute('data-more-before', before);
		node.toggleAttribute('data-more-after', after);
	};
	// Sizes, not text: a price tick must not force a layout read (the row resizes only when a
	// tab's width changes, which the ResizeObserver reports after layout, for free).
	const resized = new ResizeObserver(update);
	const observeAll = () => {
		resized.observe(node);
		for (const child of Array.from(node.children)) resized.observe(child);
	};
	observeAll();
	const changed = new MutationObserver(observeAll);
	changed.observe(node, { childList: true });
	node.addEventListener('scroll', update, { passive: true });
	// No first `update()` here: the observer reports every observed element once it is laid out,
	// and reading sizes now would force a layout in the middle of the page's first mount.
	return {
		destroy() {
			resized.disconnect();
			changed.disconnect();
			node.removeEventListener('scroll', update);
		}
	};
}
