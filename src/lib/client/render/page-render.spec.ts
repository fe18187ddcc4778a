import { describe, expect, it } from 'vitest';
import type { Frame } from './batch-coalescer';
import { PageRender, type PageViews } from './page-render';
import { RenderStatusState } from './render-status.svelte';
import { batch } from '../testing/test-builders';
import type { TapeTrade } from '../../core/trade-tape';

const T = 1_723_075_200_000;

/** A page with frames run by the test and elements whose visibility the test sets. */
function fakePage() {
	let now = T;
	let callbacks: ((time: number) => void)[] = [];
	const watchers = new Map<Element, (onScreen: boolean) => void>();
	return {
		host: {
			clock: {
				request: (callback: (time: number) => void) => callbacks.push(callback),
				cancel: () => void (callbacks = [])
			},
			now: () => now,
			intersection: {
				observe: (element: Element, callback: (onScreen: boolean) => void) => {
					watchers.set(element, callback);
					return () => watchers.delete(element);
				}
			}
		},
		/** Runs `count` frames a 60 Hz period apart, each with the callbacks asked for before it. */
		frames(count: number) {
			for (let i = 0; i < count; i++) {
				now += 1000 / 60;
				const due = callbacks;
				callbacks = [];
				for (const callback of due) callback(now - T);
			}
		},
		setOnScreen(element: Element, onScreen: boolean) {
			watchers.get(element)?.(onScreen);
		},
		watched: (element: Element) => watchers.has(element)
	};
}

const trade = (id: number): TapeTrade => ({
	id,
	price: `${100 + id}`,
	qty: '1',
	time: T + id,
	side: 'buy'
});

/** A batch with one tape trade of id `id`. */
const tapeBatch = (id: number) =>
	batch(id, [], {
		market: {
			tape: {
				symbol: 'btcusdt',
				reset: false,
				trades: [trade(id)],
				oldestReceivedAt: T + id,
				medianQty: 1
			}
		}
	});

function recordingViews() {
	const panels: Frame[] = [];
	const views: PageViews = {
		status: () => {},
		market: () => {},
		panels: (frame) => {
			panels.push(frame);
			return null;
		},
		chart: () => {},
		chartStale: () => {},
		chartViewId: 'main'
	};
	return { views, panels };
}

/** A page render whose book and tape follow element `side`, made off screen. */
function hiddenPanels() {
	const page = fakePage();
	const { views, panels } = recordingViews();
	const render = new PageRender(page.host, '', views, new RenderStatusState());
	const side = {} as Element;
	render.observePanels(side);
	page.setOnScreen(side, false);
	return { page, panels, render, side };
}

describe('PageRender', () => {
	it('skips the book and tape while their element is off screen, then draws what came meanwhile', () => {
		const { page, panels, render, side } = hiddenPanels();
		expect(page.watched(side)).toBe(true);
		for (let id = 1; id <= 5; id++) {
			render.push(tapeBatch(id));
			page.frames(2);
		}
		expect(panels).toEqual([]);
		page.setOnScreen(side, true);
		page.frames(1);
		expect(panels).toHaveLength(1);
		// The five trades merged while hidden, newest first: nothing was lost.
		expect(panels[0]?.market.tape?.trades.map((t) => t.id)).toEqual([5, 4, 3, 2, 1]);
		render.push(tapeBatch(6));
		page.frames(2);
		expect(panels.at(-1)?.market.tape?.trades.map((t) => t.id)).toEqual([6]);
		render.dispose();
	});

	it('draws them on every turn again once they are no longer followed', () => {
		const { page, panels, render, side } = hiddenPanels();
		render.observePanels(null);
		expect(page.watched(side)).toBe(false);
		render.push(tapeBatch(1));
		page.frames(2);
		expect(panels).toHaveLength(1);
		render.dispose();
	});
});
