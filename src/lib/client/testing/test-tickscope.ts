import { expose } from 'comlink';
import { afterEach } from 'vitest';
import type { Interval } from '../../core/interval';
import type { BarColumns } from '../../protocol/feed-api';
import { FakeFeed, manualFrames, until } from './test-feed';
import { Tickscope, type MainChart } from '../state/tickscope.svelte';

/** A main chart that records what it was asked to draw. */
export class FakeChart implements MainChart {
	calls: string[] = [];
	drawnBars = 0;
	reset(bars: BarColumns, interval: Interval) {
		this.drawnBars = bars.time.length;
		this.calls.push(`reset ${interval} ${bars.time.length}`);
	}
	update(bars: BarColumns) {
		this.calls.push(`update ${bars.time.length}`);
	}
	clear() {
		this.calls.push('clear');
	}
}

/**
 * The app as the page wires it, for specs: a Tickscope over a real MessageChannel to a FakeFeed,
 * animation frames run by hand, URL changes and saved files recorded. Call once at the top of a
 * spec file; every channel is closed after each test.
 */
export function useTickscopes() {
	const ports: MessagePort[] = [];
	afterEach(() => {
		for (const port of ports.splice(0)) port.close();
	});
	return (search: string, options: { debugHook?: boolean; feed?: FakeFeed } = {}) => {
		const { port1, port2 } = new MessageChannel();
		ports.push(port1, port2);
		const feed = options.feed ?? new FakeFeed();
		expose(feed, port2);
		const { clock, frame: runFrame, pending } = manualFrames();
		/** Waits for the batches sent so far to reach the page, then runs the animation frame. */
		const frame = async () => {
			await until(() => pending() > 0);
			runFrame();
		};
		const queries: string[] = [];
		const saved: { name: string; text: string }[] = [];
		const app = new Tickscope({
			search,
			storage: null,
			replaceQuery: (query) => queries.push(query),
			createEndpoint: () => port1,
			clock,
			debugHook: options.debugHook ?? false,
			saveFile: (name, text) => void saved.push({ name, text })
		});
		const chart = new FakeChart();
		app.attachChart(chart);
		return { app, feed, frame, queries, chart, saved };
	};
}
