import { MAX_LEVEL } from '../../core/throttle-policy';
import type { RenderSnapshot } from './render-scheduler';

/** How often a view at each throttle level renders, as the status bar says it. */
export const LEVEL_LABEL: readonly string[] = ['every frame', '1/2', '1/4', '1/10', '1 s'];

export function levelLabel(level: number): string {
	return LEVEL_LABEL[Math.min(Math.max(0, Math.round(level)), MAX_LEVEL)] ?? '';
}

/** `"chart 1/4 2.1 ms, status every frame 0.3 ms"`: every view, for a tooltip. */
export function levelDetail(snapshot: RenderSnapshot): string {
	return snapshot.views
		.map((view) => `${view.id} ${levelLabel(view.level)} ${view.costMs.toFixed(1)} ms`)
		.join(', ');
}

/** The render scheduler's figures as the status bar shows them. */
export class RenderStatusState {
	/** Highest throttle level of any view, 0 (every frame) .. MAX_LEVEL (once a second). */
	level = $state(0);
	/** Sum of the views' smoothed render costs, ms per frame they render in. */
	costMs = $state(0);
	detail = $state('');

	readonly label = $derived(levelLabel(this.level));

	apply(snapshot: RenderSnapshot): void {
		this.level = snapshot.level;
		// Tenths of a ms are all the bar shows: rounding spares Svelte an update per frame.
		this.costMs = Math.round(snapshot.costMs * 10) / 10;
		this.detail = levelDetail(snapshot);
	}
}
