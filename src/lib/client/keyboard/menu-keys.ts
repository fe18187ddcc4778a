/**
 * The WAI-ARIA menu pattern's keys inside an open menu: which item gets focus next (an index),
 * `close` (Escape, Tab: the menu closes and focus goes back to its button), or null (not a menu
 * key). Arrows wrap around; Home and End jump to the ends.
 * https://www.w3.org/WAI/ARIA/apg/patterns/menu-button/
 */
export function menuKeyTarget(key: string, index: number, count: number): number | 'close' | null {
	if (count === 0) return key === 'Escape' || key === 'Tab' ? 'close' : null;
	switch (key) {
		case 'ArrowDown':
			return (index + 1) % count;
		case 'ArrowUp':
			return (index - 1 + count) % count;
		case 'Home':
			return 0;
		case 'End':
			return count - 1;
		case 'Escape':
		case 'Tab':
			return 'close';
		default:
			return null;
	}
}

/** The item a key on the closed menu's button opens onto: ArrowUp the last, others the first. */
export function openingIndex(key: string): 'first' | 'last' | null {
	if (key === 'ArrowDown' || key === 'Enter' || key === ' ') return 'first';
	if (key === 'ArrowUp') return 'last';
	return null;
}
