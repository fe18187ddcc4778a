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
	const resized = new ResizeObserver(update);
	resized.observe(node);
	const changed = new MutationObserver(update);
	changed.observe(node, { childList: true, subtree: true, characterData: true });
	node.addEventListener('scroll', update, { passive: true });
	update();
	return {
		destroy() {
			resized.disconnect();
			changed.disconnect();
			node.removeEventListener('scroll', update);
		}
	};
}
