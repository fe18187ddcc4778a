import {
	HistogramSeries,
	LineSeries,
	LineStyle,
	type IChartApi,
	type ISeriesApi,
	type LineData,
	type UTCTimestamp,
	type WhitespaceData
} from 'lightweight-charts';
import { ON_PRICE, specLabel, type IndicatorSpec } from '../core/indicators/indicator-spec';
import type { IndicatorSeries } from '../core/indicators/indicator-set';
import { toChartTime } from './chart-time';

import { INDICATOR_COLORS } from './theme';

const {
	palette: PALETTE,
	band: BAND,
	signal: SIGNAL,
	histogramUp: HISTOGRAM_UP,
	histogramDown: HISTOGRAM_DOWN
} = INDICATOR_COLORS;
/** Candles and volume take panes 0 and 1; oscillators go below, one pane each. */
const FIRST_OSCILLATOR_PANE = 2;

type Drawn = ISeriesApi<'Line'> | ISeriesApi<'Histogram'>;
type Point = LineData<UTCTimestamp> | WhitespaceData<UTCTimestamp>;

/**
 * An indicator's values as chart series: overlays on the price pane (SMA, EMA, VWAP, Bollinger)
 * and oscillators (RSI, MACD) and the volume MA in panes of their own below the volume. A changed
 * list of indicators rebuilds the series; the worker then sends every value again (a reset).
 */
export class IndicatorLayer {
	readonly #chart: IChartApi;
	/** Series per indicator id, one per output line. */
	#drawn = new Map<string, Drawn[]>();
	#specs: readonly IndicatorSpec[] = [];

	constructor(chart: IChartApi) {
		this.#chart = chart;
	}

	get specs(): readonly IndicatorSpec[] {
		return this.#specs;
	}

	/** Series for `specs`, replacing any drawn before. */
	show(specs: readonly IndicatorSpec[]): void {
		this.#removeAll();
		this.#specs = specs;
		let pane = FIRST_OSCILLATOR_PANE;
		specs.forEach((spec, i) => {
			const color = PALETTE[i % PALETTE.length] ?? PALETTE[0];
			const at = ON_PRICE[spec.kind] ? 0 : pane++;
			this.#drawn.set(spec.id, this.#create(spec, color ?? INDICATOR_COLORS.palette[0], at));
		});
		const panes = this.#chart.panes();
		for (let i = FIRST_OSCILLATOR_PANE; i < panes.length; i++) panes[i]?.setStretchFactor(0.35);
	}

	/** Every value of the history (a reset). */
	reset(time: Float64Array, series: readonly IndicatorSeries[]): void {
		for (const { id, lines } of series) {
			this.#drawn.get(id)?.forEach((drawn, k) => drawn.setData(points(time, lines[k], drawn)));
		}
	}

	/** Values of changed bars, ascending, at or after the last drawn one. */
	update(time: Float64Array, series: readonly IndicatorSeries[]): void {
		for (const { id, lines } of series) {
			this.#drawn.get(id)?.forEach((drawn, k) => {
				for (const point of points(time, lines[k], drawn)) drawn.update(point);
			});
		}
	}

	/** Values drawn per indicator id (its first line, warm-up excluded): what a test can check. */
	drawnValues(): Record<string, number> {
		const counts: Record<string, number> = {};
		for (const [id, [first]] of this.#drawn) {
			counts[id] = first?.data().filter((point) => 'value' in point).length ?? 0;
		}
		return counts;
	}

	#create(spec: IndicatorSpec, color: string, pane: number): Drawn[] {
		const title = specLabel(spec);
		const line = (options: {
			color: string;
			lineWidth?: 1 | 2;
			lineStyle?: LineStyle;
			title?: string;
		}) =>
			this.#chart.addSeries(
				LineSeries,
				{ lineWidth: 2, priceLineVisible: false, lastValueVisible: true, ...options },
				pane
			);
		switch (spec.kind) {
			case 'bb':
				return [
					line({ color, lineWidth: 1, title }),
					line({ color: BAND, lineWidth: 1, lineStyle: LineStyle.Dashed }),
					line({ color: BAND, lineWidth: 1, lineStyle: LineStyle.Dashed })
				];
			case 'macd':
				return [
					line({ color, title }),
					line({ color: SIGNAL, lineWidth: 1 }),
					this.#chart.addSeries(
						HistogramSeries,
						{ priceLineVisible: false, lastValueVisible: false },
						pane
					)
				];
			default:
				return [line({ color, title })];
		}
	}

	#removeAll(): void {
		for (const drawn of this.#drawn.values()) for (const s of drawn) this.#chart.removeSeries(s);
		this.#drawn = new Map();
	}
}

/** Chart points of one line: whitespace where the indicator has no value yet (NaN). */
function points(time: Float64Array, line: Float64Array | undefined, drawn: Drawn): Point[] {
	const histogram = drawn.seriesType() === 'Histogram';
	const out: Point[] = [];
	for (let i = 0; i < time.length; i++) {
		const t = toChartTime(time[i] ?? 0);
		const value = line?.[i] ?? NaN;
		if (Number.isNaN(value)) out.push({ time: t });
		else if (histogram)
			out.push({ time: t, value, color: value >= 0 ? HISTOGRAM_UP : HISTOGRAM_DOWN });
		else out.push({ time: t, value });
	}
	return out;
}
