/**
 * `items` with `item` moved `by` places (negative: towards the start), clamped to the ends; the
 * same array when nothing moves (not there, or already at the end it moves to).
 */
export function moveItem<T>(items: readonly T[], item: T, by: number): readonly T[] {
	const from = items.indexOf(item);
	if (from < 0) return items;
	const to = Math.max(0, Math.min(items.length - 1, from + by));
	if (to === from) return items;
	const next = items.filter((_, i) => i !== from);
	next.splice(to, 0, item);
	return next;
}
