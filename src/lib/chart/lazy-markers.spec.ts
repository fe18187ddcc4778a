import { describe, expect, it, vi } from 'vitest';
import type { ISeriesApi, SeriesMarker, SeriesType, Time } from 'lightweight-charts';

const made: { series: unknown; markers: unknown[]; options: unknown; shown: unknown[][] }[] = [];
vi.mock('lightweight-charts', () => ({
	createSeriesMarkers: (series: unknown, markers: unknown[], options: unknown) => {
		const plugin = { series, markers, options, shown: [markers] };
		made.push(plugin);
		return { setMarkers: (next: unknown[]) => plugin.shown.push(next) };
	}
}));
const { LazyMarkers } = await import('./lazy-markers');

const series = {} as ISeriesApi<SeriesType, Time>;
const mark = (time: number): SeriesMarker<Time> => ({
	time: time as Time,
	position: 'aboveBar',
	shape: 'circle',
	color: '#fff'
});

describe('LazyMarkers', () => {
	it('makes no plugin while there are no markers (the plugin costs every update a full one)', () => {
		made.length = 0;
		const markers = new LazyMarkers(series, { autoScale: true });
		markers.setMarkers([]);
		markers.setMarkers([]);
		expect(made).toHaveLength(0);
		expect(markers.attached).toBe(false);
	});

	it('makes it once, with the first markers and the options, and then only sets them', () => {
		made.length = 0;
		const markers = new LazyMarkers(series, { autoScale: true });
		markers.setMarkers([mark(1)]);
		markers.setMarkers([]);
		markers.setMarkers([mark(2), mark(3)]);
		expect(made).toHaveLength(1);
		expect(made[0]?.series).toBe(series);
		expect(made[0]?.options).toEqual({ autoScale: true });
		expect(made[0]?.shown).toEqual([[mark(1)], [], [mark(2), mark(3)]]);
		expect(markers.attached).toBe(true);
	});
});
