import type { HistogramData, LineData, UTCTimestamp } from 'lightweight-charts';
import type { BarColumns } from '../protocol/feed-api';
import type { DrawnBar, SeriesLike } from './bar-writer';
import { MIN_DECIMALS, priceDecimals } from './price-format';

export interface TickTargets {
	readonly line: SeriesLike<LineData<UTCTimestamp>>;
	/** One bar per trade: its size, in the buy or the sell colour. */
	readonly size: SeriesLike<HistogramData<UTCTimestamp>>;
}

export interface TickColours {
	readonly buy: string;
	readonly sell: string;
}

/**
 * Writes trades (tick bars: `time` the trade time in ms, `close` its price, `volume` its size,
 * `buyVolume` the size when the aggressor bought) as a line and a size histogram. The chart's
 * time is the trade's index (1, 2, 3, ...): trades share milliseconds and the chart needs strictly
 * increasing times; `msAt` turns an index back into the trade time for the labels.
 */
export class TickWriter {
	readonly #targets: TickTargets;
	readonly #colours: TickColours;
	#times: number[] = [];
	/** The newest trades drawn, for the browser tests' look at the chart. */
	#recent: { ms: number; price: number; size: number; buy: boolean }[] = [];
	#first: DrawnBar | null = null;
	#last: DrawnBar | null = null;
	#decimals = MIN_DECIMALS;

	constructor(targets: TickTargets, colours: TickColours) {
		this.#targets = targets;
		this.#colours = colours;
	}

	get count(): number {
		return this.#times.length;
	}
	get first(): DrawnBar | null {
		return this.#first;
	}
	get last(): DrawnBar | null {
		return this.#last;
	}
	get decimals(): number {
		return this.#decimals;
	}

	/** The newest `n` trades drawn, oldest first. */
	lastTicks(n: number): { ms: number; price: number; size: number; buy: boolean }[] {
		return this.#recent.slice(-n);
	}

	/** Trade time (ms) of the point at chart time `index`; null outside what is drawn. */
	msAt(index: number): number | null {
		return this.#times[Math.round(index) - 1] ?? null;
	}

	reset(bars: BarColumns): void {
		this.#times = [];
		this.#recent = [];
		const line: LineData<UTCTimestamp>[] = [];
		const size: HistogramData<UTCTimestamp>[] = [];
		this.#first = null;
		this.#last = null;
		for (let i = 0; i < bars.time.length; i++) {
			const point = this.#point(bars, i);
			line.push({ time: point.time, value: point.close });
			size.push(this.#sizeBar(point));
		}
		this.#targets.line.setData(line);
		this.#targets.size.setData(size);
		const from = Math.max(0, bars.time.length - 500);
		this.#decimals = priceDecimals([bars.close], from, MIN_DECIMALS);
	}

	update(bars: BarColumns): void {
		for (let i = 0; i < bars.time.length; i++) {
			const point = this.#point(bars, i);
			this.#targets.line.update({ time: point.time, value: point.close });
			this.#targets.size.update(this.#sizeBar(point));
		}
		this.#decimals = priceDecimals([bars.close], 0, this.#decimals);
	}

	/** Row `i` as the next point; the legend's bar carries the trade time in (fractional) seconds. */
	#point(bars: BarColumns, i: number): DrawnBar & { index: UTCTimestamp } {
		const ms = bars.time[i] ?? 0;
		this.#times.push(ms);
		const index = this.#times.length as UTCTimestamp;
		const price = bars.close[i] ?? 0;
		const point = {
			index,
			time: index,
			open: price,
			high: price,
			low: price,
			close: price,
			volume: bars.volume[i] ?? 0,
			buyVolume: bars.buyVolume[i] ?? 0
		};
		const shown = { ...point, time: (ms / 1000) as UTCTimestamp };
		this.#recent.push({ ms, price, size: point.volume, buy: point.buyVolume > 0 });
		if (this.#recent.length > 200) this.#recent = this.#recent.slice(-100);
		this.#first ??= shown;
		this.#last = shown;
		return point;
	}

	#sizeBar(point: DrawnBar): HistogramData<UTCTimestamp> {
		const buy = point.buyVolume > 0;
		return {
			time: point.time,
			value: point.volume,
			color: buy ? this.#colours.buy : this.#colours.sell
		};
	}
}
