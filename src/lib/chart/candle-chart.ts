import {
	CandlestickSeries,
	CrosshairMode,
	HistogramSeries,
	createChart,
	createSeriesMarkers,
	type BarData,
	type ISeriesMarkersPluginApi,
	type SeriesMarker,
	type Time,
	type DeepPartial,
	type ChartOptions,
	type IChartApi,
	type LogicalRange,
	type ISeriesApi,
	type MouseEventParams,
	type UTCTimestamp
} from 'lightweight-charts';
import type { BarSink } from '../core/bar-columns';
import { INTERVAL_MS, type Interval } from '../core/interval';
import type { BarColumns } from '../protocol/feed-api';
import { BarWriter, type DrawnBar } from './bar-writer';
import { fromChartTime, toChartTime } from './chart-time';
import { keyboardMove } from './keyboard-view';
import { IndicatorLayer } from './indicator-layer';
import { AlertLines } from './alert-lines';
import { priceFormat } from './price-format';
import { candleColors, chartColors, THEME, THEMES, type ThemeName } from './theme';
import { TradeMarks, type PaperMarks } from './trade-marks';

/** What the legend shows: the bar under the crosshair, else the newest bar, with display precision. */
export interface Legend {
	readonly bar: DrawnBar;
	readonly decimals: number;
	/** true when the crosshair is off the chart and the legend follows the newest bar. */
	readonly live: boolean;
}

export interface CandleChartOptions {
	readonly onLegend?: (legend: Legend | null) => void;
	/** The view reached the oldest bar drawn (its open time, ms): older history is wanted. */
	readonly onNeedOlder?: (oldestMs: number) => void;
}

/** Empty bars between the newest bar and the right edge. */
const RIGHT_OFFSET_BARS = 6;

/** Bars left of the view's left edge below which older history is asked for. */
const OLDER_MARGIN_BARS = 50;

function chartOptions(): DeepPartial<ChartOptions> {
	const colors = chartColors(THEME);
	return {
		...colors,
		autoSize: true,
		layout: {
			...colors.layout,
			fontFamily: THEME.fontFamily,
			fontSize: 11,
			// lightweight-charts' licence asks for the attribution; it is on by default, kept explicit.
			attributionLogo: true
		},
		crosshair: { ...colors.crosshair, mode: CrosshairMode.Normal },
		rightPriceScale: { ...colors.rightPriceScale, scaleMargins: { top: 0.12, bottom: 0.04 } },
		timeScale: {
			...colors.timeScale,
			rightOffset: RIGHT_OFFSET_BARS,
			barSpacing: 7,
			timeVisible: true
		}
	};
}

const isBar = (data: unknown): data is BarData =>
	typeof data === 'object' && data !== null && 'open' in data && 'close' in data;

/**
 * Candles over a buy/sell volume pane. Total volume is drawn in the sell colour and the taker-buy
 * volume over it in the buy colour, so each volume bar reads as buy (bottom) + sell (top).
 */
export class CandleChart implements BarSink {
	/** The element the chart draws in (the render scheduler follows it on and off screen). */
	readonly element: HTMLElement;
	readonly #chart: IChartApi;
	readonly #candles: ISeriesApi<'Candlestick'>;
	readonly #volume: ISeriesApi<'Histogram'>;
	readonly #buyVolume: ISeriesApi<'Histogram'>;
	readonly #writer: BarWriter;
	readonly #trades: TradeMarks;
	readonly #onLegend: (legend: Legend | null) => void;
	#decimals = 0;
	/** Pixel column of the crosshair, null when it is off the chart. */
	#hoverX: number | null = null;
	#interval: Interval | null = null;
	#resetting = false;
	readonly #onNeedOlder: (oldestMs: number) => void;
	readonly #gapMarkers: ISeriesMarkersPluginApi<Time>;
	/** The chart's indicators (chart/indicator-layer.ts). */
	readonly indicators: IndicatorLayer;
	/** Price alerts as draggable lines (chart/alert-lines.ts). */
	readonly alertLines: AlertLines;

	constructor(container: HTMLElement, options: CandleChartOptions = {}) {
		this.#onLegend = options.onLegend ?? (() => {});
		this.#onNeedOlder = options.onNeedOlder ?? (() => {});
		this.element = container;
		this.#chart = createChart(container, chartOptions());
		this.#candles = this.#chart.addSeries(CandlestickSeries, candleColors(THEME));
		const volumeOptions = {
			priceFormat: { type: 'volume' as const },
			priceLineVisible: false,
			lastValueVisible: false
		};
		const volume = { ...volumeOptions, color: THEME.sellVolume };
		this.#volume = this.#chart.addSeries(HistogramSeries, volume, 1);
		this.#buyVolume = this.#chart.addSeries(
			HistogramSeries,
			{ ...volume, color: THEME.buyVolume },
			1
		);
		this.#chart.panes()[1]?.setStretchFactor(0.28);
		this.#writer = new BarWriter({
			candles: this.#candles,
			volume: this.#volume,
			buyVolume: this.#buyVolume
		});
		this.#trades = new TradeMarks(this.#candles);
		this.#gapMarkers = createSeriesMarkers(this.#candles, [], { autoScale: true });
		this.indicators = new IndicatorLayer(this.#chart);
		this.alertLines = new AlertLines(this.#chart, this.#candles, container);
		this.#chart.subscribeCrosshairMove(this.#crosshairMoved);
		this.#chart.timeScale().subscribeVisibleLogicalRangeChange(this.#rangeChanged);
	}

	/** Draws in the dark or light theme's colours from now on (issue 15). */
	setTheme(name: ThemeName): void {
		const theme = THEMES[name];
		this.#chart.applyOptions(chartColors(theme));
		this.#candles.applyOptions(candleColors(theme));
		this.#volume.applyOptions({ color: theme.sellVolume });
		this.#buyVolume.applyOptions({ color: theme.buyVolume });
	}

	/** Bars on the chart now. */
	get drawnBars(): number {
		return this.#writer.count;
	}

	/**
	 * Marks trades that could not be repaired: a marker on the candle where each gap begins (open
	 * time ms, bucketed to `interval`), so an outage never reads as a quiet market. Replaces all.
	 */
	setGaps(gaps: readonly { readonly fromMs: number; readonly text: string }[], interval: Interval) {
		const size = INTERVAL_MS[interval];
		const markers: SeriesMarker<Time>[] = gaps.map((gap) => ({
			time: toChartTime(gap.fromMs - (gap.fromMs % size)),
			position: 'aboveBar',
			shape: 'arrowDown',
			color: THEME.down,
			text: gap.text
		}));
		this.#gapMarkers.setMarkers(markers.sort((a, b) => Number(a.time) - Number(b.time)));
	}

	reset(bars: BarColumns, interval: Interval, provisional: number | null = null): void {
		const intraday = INTERVAL_MS[interval] < INTERVAL_MS['1d'];
		this.#chart.applyOptions({
			timeScale: {
				timeVisible: intraday,
				secondsVisible: INTERVAL_MS[interval] < INTERVAL_MS['1m']
			}
		});
		const kept = this.#interval === interval ? this.#placeBeforeReset() : null;
		this.#interval = interval;
		// New data moves the visible range before the place is restored: that is not the user
		// scrolling back, and asking for older history then would chain page after page.
		this.#resetting = true;
		try {
			this.#writer.reset(bars, provisional);
			this.#syncPrecision();
			this.#restorePlace(kept);
		} finally {
			this.#resetting = false;
		}
		this.#emitLegend();
	}

	/** Paper fills and the open position's entry over the candles (null: none). */
	showPaper(marks: PaperMarks | null, interval: Interval): void {
		this.#trades.show(marks, interval);
	}

	update(bars: BarColumns): void {
		this.#writer.update(bars);
		this.#syncPrecision();
		this.#emitLegend();
	}

	clear(): void {
		this.#writer.clear();
		this.#onLegend(null);
	}

	/** Pans or zooms for a key pressed on the focused chart; false for a key it ignores. */
	key(key: string): boolean {
		const timeScale = this.#chart.timeScale();
		const range = timeScale.getVisibleLogicalRange();
		const move = range === null ? null : keyboardMove(key, range);
		if (move === null) return false;
		if ('latest' in move) timeScale.scrollToPosition(RIGHT_OFFSET_BARS, false);
		else timeScale.setVisibleLogicalRange(move.range);
		return true;
	}

	dispose(): void {
		this.alertLines.dispose();
		this.#chart.timeScale().unsubscribeVisibleLogicalRangeChange(this.#rangeChanged);
		this.#chart.unsubscribeCrosshairMove(this.#crosshairMoved);
		this.#chart.remove();
	}

	/**
	 * Where the user is looking, if not at the newest bars: a reset of the same series (older
	 * history arrived, the first bucket completed) must not throw them back to the present.
	 */
	#placeBeforeReset(): { range: LogicalRange; firstTime: number } | null {
		const range = this.#chart.timeScale().getVisibleLogicalRange();
		const first = this.#writer.first;
		if (range === null || first === null) return null;
		if (range.to >= this.#writer.count - 1) return null;
		return { range, firstTime: Number(first.time) };
	}

	/** The same bars in view as before the reset (shifted by the bars prepended), else the newest. */
	#restorePlace(kept: { range: LogicalRange; firstTime: number } | null): void {
		const timeScale = this.#chart.timeScale();
		const index = kept === null ? -1 : this.#indexOfTime(kept.firstTime);
		if (kept === null || index < 0) {
			// Not scrollToRealTime: it always animates, and the frames of that animation would sweep
			// the view past the oldest bars and ask for older history nobody scrolled to.
			timeScale.scrollToPosition(RIGHT_OFFSET_BARS, false);
			return;
		}
		timeScale.setVisibleLogicalRange({
			from: kept.range.from + index,
			to: kept.range.to + index
		});
	}

	#indexOfTime(time: number): number {
		const data = this.#candles.data();
		for (let i = 0; i < data.length; i++) {
			if (Number(data[i]?.time) === time) return i;
		}
		return -1;
	}

	readonly #rangeChanged = (range: LogicalRange | null): void => {
		const first = this.#writer.first;
		if (this.#resetting || range === null || first === null) return;
		if (range.from < OLDER_MARGIN_BARS) this.#onNeedOlder(fromChartTime(first.time));
	};

	#syncPrecision(): void {
		const decimals = this.#writer.decimals;
		if (decimals === this.#decimals) return;
		this.#decimals = decimals;
		this.#candles.applyOptions({ priceFormat: priceFormat(decimals) });
	}

	/** The hovered bar's legend, else the newest bar's. */
	#emitLegend(): void {
		const hovered = this.#hoverX === null ? null : this.#barAtX(this.#hoverX);
		if (hovered !== null) {
			this.#onLegend({ bar: hovered, decimals: this.#decimals, live: false });
			return;
		}
		const last = this.#writer.last;
		this.#onLegend(last === null ? null : { bar: last, decimals: this.#decimals, live: true });
	}

	/**
	 * The bar under a pixel column. Looked up again on every update because live bars scroll the
	 * chart under a resting cursor without a new crosshair event.
	 */
	#barAtX(x: number): DrawnBar | null {
		const logical = this.#chart.timeScale().coordinateToLogical(x);
		if (logical === null) return null;
		const index = Math.round(logical);
		const candle = this.#candles.dataByIndex(index);
		if (!isBar(candle)) return null;
		const value = (series: ISeriesApi<'Histogram'>) => {
			const data = series.dataByIndex(index);
			return data !== null && 'value' in data ? data.value : 0;
		};
		return {
			time: candle.time as UTCTimestamp,
			open: candle.open,
			high: candle.high,
			low: candle.low,
			close: candle.close,
			volume: value(this.#volume),
			buyVolume: value(this.#buyVolume)
		};
	}

	readonly #crosshairMoved = (param: MouseEventParams): void => {
		this.#hoverX = param.point === undefined || param.time === undefined ? null : param.point.x;
		this.#emitLegend();
	};
}
