import type { RenderSnapshot } from './render-scheduler';

/**
 * How often a view renders, as the status bar says it: `every frame`, `1/3` (every 3rd frame)
 * up to every 10th, then renders a second (`4/s`), and `1 s` at once a second or slower.
 */
export function rateLabel(framesPerRender: number, frameMs: number): string {
	const frames = Math.max(1, Math.round(framesPerRender));
	if (frames === 1) return 'every frame';
	if (frames <= 10) return `1/${frames}`;
	const perSecond = 1000 / (frames * frameMs);
	return perSecond < 1.5 ? '1 s' : `${Math.round(perSecond)}/s`;
}

/** `"chart 1/3 2.1 ms, status 1/4 0.3 ms"`: every view, for a tooltip. */
export function levelDetail(snapshot: RenderSnapshot): string {
	return snapshot.views
		.map(
			(view) =>
				`${view.id} ${rateLabel(view.framesPerRender, snapshot.frameMs)} ${view.costMs.toFixed(1)} ms`
		)
		.join(', ');
}

/** The rate of the view stepped down furthest from its normal rate; `every frame` when none is. */
export function steppedLabel(snapshot: RenderSnapshot): string {
	let worst: RenderSnapshot['views'][number] | null = null;
	for (const view of snapshot.views) {
		if (view.stepped > 0 && (worst === null || view.stepped > worst.stepped)) worst = view;
	}
	return worst === null ? 'every frame' : rateLabel(worst.framesPerRender, snapshot.frameMs);
}

/** The render scheduler's figures as the status bar shows them. */
export class RenderStatusState {
	/** Most levels any view is stepped down, 0 (every view at its normal rate) .. MAX_LEVEL. */
	level = $state(0);
	/** How often that view renders now (rateLabel). */
	label = $state('every frame');
	/** Sum of the views' own render costs (update and paint), ms per frame they render in. */
	costMs = $state(0);
	detail = $state('');

	apply(snapshot: RenderSnapshot): void {
		this.level = snapshot.level;
		this.label = steppedLabel(snapshot);
		// Tenths of a ms are all the bar shows: rounding spares Svelte an update per frame.
		this.costMs = Math.round(snapshot.costMs * 10) / 10;
		this.detail = levelDetail(snapshot);
	}
}
