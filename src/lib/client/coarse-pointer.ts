/**
 * Marks `<html class="coarse">` when the device can be touched, so the 44 px touch targets of
 * src/lib/components/layout/touch.css apply even where the `pointer: coarse` media query says fine (hybrid
 * laptops, emulated touch). Returns the undo, for a page that goes away.
 */
export function markCoarsePointer(win: Window = window): () => void {
	const root = win.document.documentElement;
	const touch = win.navigator.maxTouchPoints > 0 || win.matchMedia('(any-pointer: coarse)').matches;
	root.classList.toggle('coarse', touch);
	return () => root.classList.remove('coarse');
}
