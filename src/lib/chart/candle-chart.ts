import {
	CandlestickSeries,
	CrosshairMode,
	HistogramSeries,
	LineSeries,
	TrackingModeExitMode,
	createChart,
	type BarData,
	type SeriesMarker,
	type DeepPartial,
	type ChartOptions,
	type IChartApi,
	type LogicalRange,
	type ISeriesApi,
	type MouseEventParams,
	type Time,
	type UTCTimestamp
} from 'lightweight-charts';
import type { BarSink } from '../core/bar-columns';
import { NOMINAL_MS, TICK, type Interval } from '../core/interval';
import { CvdWriter } from './cvd-writer';
import { crosshairText, tickMarkText, type TimeZoneMode } from './time-labels';
import { TickWriter } from './tick-writer';
import type { BarColumns } from '../protocol/feed-api';
import { BarWriter, type DrawnBar } from './bar-writer';
import { fromChartTime, toChartTime } from './chart-time';
import { keyboardMove } from './keyboard-view';
import { IndicatorLayer } from './indicator-layer';
import { AlertLines } from './alert-lines';
import { barOpenAt } from './bar-time';
import { LazyMarkers } from './lazy-markers';
import { priceFormat } from './price-format';
import { candleColors, chartColors, THEME, THEMES, type ChartTheme, type ThemeName } from './theme';
import { TradeMarks, type PaperMarks } from './trade-marks';

/** What the legend shows: the bar under the crosshair, else the newest bar, with display precision. */
export interface Legend {
	readonly bar: DrawnBar;
	readonly decimals: number;
	/** true when the crosshair is off the chart and the legend follows the newest bar. */
	readonly live: boolean;
}

export interface CandleChartOptions {
	/** Axis labels and crosshair in UTC (default) or local time. */
	readonly zone?: TimeZoneMode;
	readonly onLegend?: (legend: Legend | null) => void;
	/** The view reached the oldest bar drawn (its open time, ms): older history is wanted. */
	readonly onNeedOlder?: (oldestMs: number) => void;
}

/** Empty bars between the newest bar and the right edge. */
const RIGHT_OFFSET_BARS = 6;

/** Bars left of the view's left edge below which older history is asked for. */
const OLDER_MARGIN_BARS = 50;

function chartOptions(
	theme: ChartTheme,
	tickMark: (time: Time, mark: number) => string,
	crosshair: (time: Time) => string
): DeepPartial<ChartOptions> {
	const colors = chartColors(theme);
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
		// Touch, spelled out because phones depend on it: one finger pans (kinetic), two pinch to
		// zoom, a long press (the library's 240 ms) shows the crosshair, which stays until the
		// next tap so the legend can be read with the finger lifted. The page's CSS leaves these
		// gestures to the chart (ChartView.svelte: touch-action none).
		handleScroll: { horzTouchDrag: true, vertTouchDrag: true, pressedMouseMove: true },
		handleScale: { pinch: true, axisPressedMouseMove: true, mouseWheel: true },
		kineticScroll: { touch: true },
		trackingMode: { exitMode: TrackingModeExitMode.OnNextTap },
		crosshair: { ...colors.crosshair, mode: CrosshairMode.Normal },
		rightPriceScale: { ...colors.rightPriceScale, scaleMargins: { top: 0.12, bottom: 0.04 } },
		localization: { timeFormatter: crosshair },
		timeScale: {
			...colors.timeScale,
			rightOffset: RIGHT_OFFSET_BARS,
			barSpacing: 7,
			timeVisible: true,
			tickMarkFormatter: tickMark,
			// `12:03:05.123` on the tick chart.
			tickMarkMaxCharacterLength: 12
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
	/** The tick chart: a line of trade prices over trade sizes; empty while candles show. */
	readonly #line: ISeriesApi<'Line'>;
	readonly #size: ISeriesApi<'Histogram'>;
	readonly #ticks: TickWriter;
	#zone: TimeZoneMode;
	#theme: ThemeName = 'dark';
	/** Labels the axis formatted since the last reset, by chart time (the browser tests count them). */
	readonly #labels = new Map<number, string>();
	#cvd: { series: ISeriesApi<'Line'>; writer: CvdWriter } | null = null;
	readonly #gapMarkers: LazyMarkers;
	/** The chart's indicators (chart/indicator-layer.ts). */
	readonly indicators: IndicatorLayer;
	/** Price alerts as draggable lines (chart/alert-lines.ts). */
	readonly alertLines: AlertLines;

	constructor(container: HTMLElement, options: CandleChartOptions = {}) {
		this.#onLegend = options.onLegend ?? (() => {});
		this.#onNeedOlder = options.onNeedOlder ?? (() => {});
		this.element = container;
		this.#zone = options.zone ?? 'utc';
		this.#chart = createChart(
			container,
			chartOptions(THEMES[this.#theme], this.#tickMark, this.#crosshairTime)
		);
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
		this.#line = this.#chart.addSeries(LineSeries, {
			color: THEME.text,
			lineWidth: 1,
			pointMarkersVisible: false
		});
		this.#size = this.#chart.addSeries(HistogramSeries, volumeOptions, 1);
		this.#ticks = new TickWriter(
			{ line: this.#line, size: this.#size },
			{ buy: THEME.buyVolume, sell: THEME.sellVolume }
		);
		this.#writer = new BarWriter({
			candles: this.#candles,
			volume: this.#volume,
			buyVolume: this.#buyVolume
		});
		this.#trades = new TradeMarks(this.#candles);
		this.#gapMarkers = new LazyMarkers(this.#candles, { autoScale: true });
		this.indicators = new IndicatorLayer(this.#chart);
		this.alertLines = new AlertLines(this.#chart, this.#candles, container);
		this.#chart.subscribeCrosshairMove(this.#crosshairMoved);
		this.#chart.timeScale().subscribeVisibleLogicalRangeChange(this.#rangeChanged);
	}

	/** Draws in the dark or light theme's colours from now on (issue 15). */
	setTheme(name: ThemeName): void {
		this.#theme = name;
		const theme = THEMES[name];
		this.#chart.applyOptions(chartColors(theme));
		this.#candles.applyOptions(candleColors(theme));
		this.#volume.applyOptions({ color: theme.sellVolume });
		this.#buyVolume.applyOptions({ color: theme.buyVolume });
	}

	/** Bars (or trades, on the tick chart) on the chart now. */
	get drawnBars(): number {
		return this.#active.count;
	}

	/** The writer of what shows: trades on the tick chart, candles otherwise. */
	get #active(): BarWriter | TickWriter {
		return this.#interval === TICK ? this.#ticks : this.#writer;
	}

	/** For browser tests (through the test build's debug hook): labels and newest trades. */
	get probe(): {
		axisLabels(): string[];
		lastTicks(n: number): ReturnType<TickWriter['lastTicks']>;
		draw(bars: Record<string, number[]>, interval: Interval): void;
	} {
		return {
			axisLabels: () => this.axisLabels(),
			lastTicks: (n) => this.#ticks.lastTicks(n),
			draw: (bars, interval) => this.reset(fromArrays(bars), interval)
		};
	}

	/** Axis labels and the crosshair in UTC or local time; the bars stay where they are. */
	setTimeZone(zone: TimeZoneMode): void {
		if (zone === this.#zone) return;
		this.#zone = zone;
		this.#labels.clear();
		// New formatter functions make the chart format every label again.
		this.#chart.applyOptions(
			chartOptions(THEMES[this.#theme], this.#tickMark, this.#crosshairTime)
		);
	}

	/** The labels on the time axis now: those formatted for marks inside the visible range. */
	axisLabels(): string[] {
		const range = this.#chart.timeScale().getVisibleRange();
		if (range === null) return [];
		const [from, to] = [Number(range.from), Number(range.to)];
		return [...this.#labels].filter(([t]) => t >= from && t <= to).map(([, label]) => label);
	}

	/** Shows or hides the cumulative volume delta pane under the volume. */
	setCvd(on: boolean): void {
		if (on === (this.#cvd !== null)) return;
		if (this.#cvd !== null) {
			this.#chart.removeSeries(this.#cvd.series);
			this.#cvd = null;
			return;
		}
		const series = this.#chart.addSeries(
			LineSeries,
			{ color: THEME.up, lineWidth: 1, priceFormat: { type: 'volume' }, title: 'CVD' },
			2
		);
		this.#chart.panes()[2]?.setStretchFactor(0.22);
		this.#cvd = { series, writer: new CvdWriter(series) };
		this.#cvdReset();
	}

	/**
	 * Marks trades that could not be repaired: a marker on the candle where each gap begins (open
	 * time ms, bucketed to `interval`), so an outage never reads as a quiet market. Replaces all.
	 */
	setGaps(gaps: readonly { readonly fromMs: number; readonly text: string }[], interval: Interval) {
		const markers: SeriesMarker<Time>[] = [];
		for (const gap of gaps) {
			const open = barOpenAt(gap.fromMs, interval, this.#candles);
			if (open === null) continue;
			markers.push({
				time: toChartTime(open),
				position: 'aboveBar',
				shape: 'arrowDown',
				color: THEME.down,
				text: gap.text
			});
		}
		this.#gapMarkers.setMarkers(markers.sort((a, b) => Number(a.time) - Number(b.time)));
	}

	reset(bars: BarColumns, interval: Interval, provisional: number | null = null): void {
		const size = interval === TICK ? 0 : NOMINAL_MS[interval];
		this.#chart.applyOptions({
			timeScale: {
				timeVisible: size < NOMINAL_MS['1d'],
				secondsVisible: size < NOMINAL_MS['1m'],
				// The mark spacing follows the longest label: room for more marks on a phone.
				tickMarkMaxCharacterLength: interval === TICK ? 12 : size < NOMINAL_MS['1m'] ? 8 : 6
			}
		});
		const kept = this.#interval === interval ? this.#placeBeforeReset() : null;
		this.#interval = interval;
		this.#labels.clear();
		// New data moves the visible range before the place is restored: that is not the user
		// scrolling back, and asking for older history then would chain page after page.
		this.#resetting = true;
		try {
			const empty = emptyBars();
			if (interval === TICK) {
				this.#writer.reset(empty);
				this.#ticks.reset(bars);
			} else {
				this.#ticks.reset(empty);
				this.#writer.reset(bars, provisional);
			}
			this.#lastBars = bars;
			this.#cvdReset();
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
		this.#active.update(bars);
		this.#cvdUpdate(bars);
		this.#syncPrecision();
		this.#emitLegend();
	}

	clear(): void {
		this.#writer.clear();
		this.#ticks.reset(emptyBars());
		this.#lastBars = emptyBars();
		this.#cvdReset();
		this.#onLegend(null);
	}

	/** The bars in view (logical indexes, fractional); null before the first bar. */
	visibleRange(): LogicalRange | null {
		return this.#chart.timeScale().getVisibleLogicalRange();
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
		const first = this.#active.first;
		if (range === null || first === null) return null;
		if (range.to >= this.#active.count - 1) return null;
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
		if (this.#interval === TICK) {
			// Trades prepended from the cache shift every index: find the kept trade by its time.
			for (let i = 0; i < this.#ticks.count; i++) {
				if (this.#ticks.msAt(i + 1) === time * 1000) return i;
			}
			return -1;
		}
		const data = this.#candles.data();
		for (let i = 0; i < data.length; i++) {
			if (Number(data[i]?.time) === time) return i;
		}
		return -1;
	}

	readonly #rangeChanged = (range: LogicalRange | null): void => {
		const first = this.#active.first;
		if (this.#resetting || range === null || first === null) return;
		if (range.from < OLDER_MARGIN_BARS) this.#onNeedOlder(Math.round(fromChartTime(first.time)));
	};

	#syncPrecision(): void {
		const decimals = this.#active.decimals;
		if (decimals === this.#decimals) return;
		this.#decimals = decimals;
		this.#candles.applyOptions({ priceFormat: priceFormat(decimals) });
		this.#line.applyOptions({ priceFormat: priceFormat(decimals) });
	}

	/** The trade time (ms) behind a chart time: the tick chart counts trades, candles count seconds. */
	#msOf(time: Time): number | null {
		if (typeof time !== 'number') return null;
		return this.#interval === TICK ? this.#ticks.msAt(time) : fromChartTime(time);
	}

	readonly #tickMark = (time: Time, mark: number): string => {
		const ms = this.#msOf(time);
		if (ms === null) return '';
		const size =
			this.#interval === null || this.#interval === TICK ? 0 : NOMINAL_MS[this.#interval];
		const label = tickMarkText(ms, mark, this.#zone, {
			seconds: size < NOMINAL_MS['1m'],
			millis: this.#interval === TICK
		});
		this.#labels.set(Number(time), label);
		return label;
	};

	readonly #crosshairTime = (time: Time): string => {
		const ms = this.#msOf(time);
		if (ms === null) return '';
		const interval = this.#interval;
		if (interval === TICK || interval === null) return crosshairText(ms, this.#zone, 'ms');
		const size = NOMINAL_MS[interval];
		const unit = size >= NOMINAL_MS['1d'] ? 'd' : size >= NOMINAL_MS['1m'] ? 'm' : 's';
		return crosshairText(ms, this.#zone, unit);
	};

	/** The bars last drawn whole, for the CVD pane when it is switched on. */
	#lastBars: BarColumns = emptyBars();

	#cvdReset(): void {
		const cvd = this.#cvd;
		if (cvd === null) return;
		const bars = this.#lastBars;
		const tick = this.#interval === TICK;
		const times: UTCTimestamp[] = [];
		let last = -Infinity;
		for (let i = 0; i < bars.time.length; i++) {
			const time = tick ? i + 1 : Math.floor((bars.time[i] ?? 0) / 1000);
			if (time > last) times.push(time as UTCTimestamp);
			last = Math.max(last, time);
		}
		cvd.writer.reset(times, bars.volume, bars.buyVolume);
	}

	#cvdUpdate(bars: BarColumns): void {
		const cvd = this.#cvd;
		if (cvd === null) return;
		const tick = this.#interval === TICK;
		const count = this.#ticks.count;
		for (let i = 0; i < bars.time.length; i++) {
			const time = tick ? count - bars.time.length + i + 1 : Math.floor((bars.time[i] ?? 0) / 1000);
			cvd.writer.update(time as UTCTimestamp, bars.volume[i] ?? 0, bars.buyVolume[i] ?? 0);
		}
	}

	/** The hovered bar's legend, else the newest bar's. */
	#emitLegend(): void {
		const hovered = this.#hoverX === null ? null : this.#barAtX(this.#hoverX);
		if (hovered !== null) {
			this.#onLegend({ bar: hovered, decimals: this.#decimals, live: false });
			return;
		}
		const last = this.#active.last;
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
		if (this.#interval === TICK) return this.#tickAt(index);
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

	/** The trade at a logical index of the tick chart, its time in (fractional) seconds. */
	#tickAt(index: number): DrawnBar | null {
		const point = this.#line.dataByIndex(index);
		const size = this.#size.dataByIndex(index);
		const ms = this.#ticks.msAt(index + 1);
		if (point === null || !('value' in point) || ms === null) return null;
		const volume = size !== null && 'value' in size ? size.value : 0;
		const buy = size !== null && 'color' in size && size.color === THEME.buyVolume;
		const price = point.value;
		return {
			time: (ms / 1000) as UTCTimestamp,
			open: price,
			high: price,
			low: price,
			close: price,
			volume,
			buyVolume: buy ? volume : 0
		};
	}

	readonly #crosshairMoved = (param: MouseEventParams): void => {
		this.#hoverX = param.point === undefined || param.time === undefined ? null : param.point.x;
		this.#emitLegend();
	};
}

function emptyBars(): BarColumns {
	const none = () => new Float64Array(0);
	return {
		time: none(),
		open: none(),
		high: none(),
		low: none(),
		close: none(),
		volume: none(),
		buyVolume: none(),
		count: none()
	};
}

/** Plain arrays (from a browser test) as bar columns. */
function fromArrays(bars: Record<string, number[]>): BarColumns {
	const column = (name: keyof BarColumns) => Float64Array.from(bars[name] ?? []);
	return {
		time: column('time'),
		open: column('open'),
		high: column('high'),
		low: column('low'),
		close: column('close'),
		volume: column('volume'),
		buyVolume: column('buyVolume'),
		count: column('count')
	};
}
