import type { BarColumns } from '../bar-columns';
import type { BarInput, Indicator } from './indicator';
import { INDICATOR_LINES, type IndicatorSpec } from './indicator-spec';
import { Bollinger, Ema, Sma } from './moving';
import { Macd, Rsi } from './oscillators';
import { Vwap } from './vwap';

export function createIndicator(spec: IndicatorSpec): Indicator {
	switch (spec.kind) {
		case 'sma':
			return new Sma(spec.period);
		case 'vma':
			return new Sma(spec.period, 'volume');
		case 'ema':
			return new Ema(spec.period);
		case 'bb':
			return new Bollinger(spec.period, spec.mult);
		case 'rsi':
			return new Rsi(spec.period);
		case 'macd':
			return new Macd(spec.fast, spec.slow, spec.signal);
		case 'vwap':
			return new Vwap(spec.session, spec.resetAt);
	}
}

/** One indicator's values for a run of candles: `lines[k][i]` belongs to candle `i`, NaN for none. */
export interface IndicatorSeries {
	readonly id: string;
	readonly lines: Float64Array[];
}

/**
 * The indicators of one chart, fed the chart's candles as the worker sends them: a reset (every
 * candle) or a delta (the changed candles, oldest first, the last one still open). Every candle
 * before the newest is closed and committed once; the open one is only previewed, in O(1), until a
 * later candle shows it closed. A delta that skipped the open candle's last change commits it as
 * last seen, which is its final state (an unchanged candle is not resent).
 */
export class IndicatorSet {
	readonly specs: readonly IndicatorSpec[];
	/** How many lines each spec's indicator writes. */
	readonly #lineCounts: readonly number[];
	#indicators: Indicator[] = [];
	/** The open candle as last seen; committed when a later candle arrives. */
	#open: BarInput | null = null;
	readonly #scratch: BarInput = { time: 0, high: 0, low: 0, close: 0, volume: 0 };
	/** Where `#open` is kept, and where its values go when committed late: reused, not allocated. */
	readonly #openBar: BarInput = { time: 0, high: 0, low: 0, close: 0, volume: 0 };
	#sink: Float64Array[][] = [];

	constructor(specs: readonly IndicatorSpec[]) {
		this.specs = specs;
		this.#lineCounts = specs.map((spec) => INDICATOR_LINES[spec.kind].length);
		this.#restart();
	}

	/** Values of every candle of a whole history, computed from scratch. */
	reset(bars: BarColumns): IndicatorSeries[] {
		this.#restart();
		return this.update(bars);
	}

	/** Values of the changed candles of a delta (all of them, aligned with `bars`). */
	update(bars: BarColumns): IndicatorSeries[] {
		const count = bars.time.length;
		const series = this.#emptySeries(count);
		const indicators = this.#indicators;
		const bar = this.#scratch;
		// Plain loops: this runs for every changed candle of every chart on every flush.
		for (let i = 0; i < count; i++) {
			readBar(bars, i, bar);
			const open = this.#open;
			if (open !== null && bar.time > open.time) this.#commitOpen(open);
			const last = i === count - 1;
			for (let k = 0; k < indicators.length; k++) {
				const lines = series[k]?.lines ?? NO_LINES;
				if (last) indicators[k]?.preview(bar, lines, i);
				else indicators[k]?.commit(bar, lines, i);
			}
			this.#open = last ? copyBar(bar, this.#openBar) : null;
		}
		return series;
	}

	/** Every spec's lines for `count` candles, zeroed. */
	#emptySeries(count: number): IndicatorSeries[] {
		const series: IndicatorSeries[] = [];
		const specs = this.specs;
		for (let k = 0; k < specs.length; k++) {
			const lines: Float64Array[] = [];
			for (let line = this.#lineCounts[k] ?? 0; line > 0; line--) {
				lines.push(new Float64Array(count));
			}
			series.push({ id: specs[k]?.id ?? '', lines });
		}
		return series;
	}

	#commitOpen(open: BarInput): void {
		const sink = this.#sink;
		const indicators = this.#indicators;
		for (let k = 0; k < indicators.length; k++) indicators[k]?.commit(open, sink[k] ?? NO_LINES, 0);
		this.#open = null;
	}

	#restart(): void {
		this.#indicators = this.specs.map(createIndicator);
		this.#open = null;
		// The open candle's values were sent with it: a late commit only moves the state on.
		this.#sink = this.specs.map((spec) =>
			INDICATOR_LINES[spec.kind].map(() => new Float64Array(1))
		);
	}
}

const NO_LINES: Float64Array[] = [];

/** `bar`'s fields into `out`, which it returns: field by field, cheaper than Object.assign. */
function copyBar(bar: BarInput, out: BarInput): BarInput {
	out.time = bar.time;
	out.high = bar.high;
	out.low = bar.low;
	out.close = bar.close;
	out.volume = bar.volume;
	return out;
}

function readBar(bars: BarColumns, i: number, out: BarInput): void {
	out.time = bars.time[i] ?? NaN;
	out.high = bars.high[i] ?? NaN;
	out.low = bars.low[i] ?? NaN;
	out.close = bars.close[i] ?? NaN;
	out.volume = bars.volume[i] ?? NaN;
}
