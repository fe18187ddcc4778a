import {
	createSeriesMarkers,
	type DeepPartial,
	type ISeriesApi,
	type ISeriesMarkersPluginApi,
	type SeriesMarker,
	type SeriesMarkersOptions,
	type SeriesType,
	type Time
} from 'lightweight-charts';

/**
 * A series' markers plugin, made when the first markers are set, not before. lightweight-charts'
 * markers plugin (5.2.1) asks for a full chart update on every change of its series' data, with
 * markers or without: each live candle update then lays the chart out again and paints it a second
 * time in the next frame, every canvas of it (measured: 11 canvases drawn twice per chart render).
 * Detaching it would not help: its data handler stays subscribed. So a chart with no gap and no
 * paper fill never has one, and one that had markers keeps its plugin.
 */
export class LazyMarkers {
	readonly #series: ISeriesApi<SeriesType, Time>;
	readonly #options: DeepPartial<SeriesMarkersOptions> | undefined;
	#plugin: ISeriesMarkersPluginApi<Time> | null = null;

	constructor(series: ISeriesApi<SeriesType, Time>, options?: DeepPartial<SeriesMarkersOptions>) {
		this.#series = series;
		this.#options = options;
	}

	/** Whether the plugin exists (a chart that never had markers has none). */
	get attached(): boolean {
		return this.#plugin !== null;
	}

	/** Shows `markers` in place of those shown; none shown needs no plugin. */
	setMarkers(markers: SeriesMarker<Time>[]): void {
		if (this.#plugin !== null) this.#plugin.setMarkers(markers);
		else if (markers.length > 0) {
			this.#plugin = createSeriesMarkers(this.#series, markers, this.#options);
		}
	}
}
