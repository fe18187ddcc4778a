import type { CandlestickData, HistogramData, UTCTimestamp } from 'lightweight-charts';
import type { BarColumns } from '../protocol/feed-api';
import { toChartTime } from './chart-time';
import { MIN_DECIMALS, priceDecimals } from './price-format';

/** The two calls of a lightweight-charts series the writer uses. */
export interface SeriesLike<T> {
	setData(data: T[]): void;
	update(bar: T): void;
}

export interface BarTargets {
	readonly candles: SeriesLike<CandlestickData<UTCTimestamp>>;
	/** Drawn first, full height: total volume, so what shows above the buy bar is the sell part. */
	readonly volume: SeriesLike<HistogramData<UTCTimestamp>>;
	/** Drawn over `volume`: taker-buy volume. */
	readonly buyVolume: SeriesLike<HistogramData<UTCTimestamp>>;
}

/** One bar in chart units, as the legend shows it. */
export interface DrawnBar {
	readonly time: UTCTimestamp;
	readonly open: number;
	readonly high: number;
	readonly low: number;
	readonly close: number;
	readonly volume: number;
	readonly buyVolume: number;
}

export interface UpdateResult {
	readonly appended: number;
	readonly replaced: number;
	/** Bars older than the last drawn: the chart cannot take them (it throws), so they are dropped. */
	readonly skipped: number;
}

function barAt(bars: BarColumns, i: number): DrawnBar | null {
	const time = bars.time[i];
	const open = bars.open[i];
	const high = bars.high[i];
	const low = bars.low[i];
	const close = bars.close[i];
	if (time === undefined || open === undefined || high === undefined) return null;
	if (low === undefined || close === undefined) return null;
	const volume = bars.volume[i] ?? 0;
	const buyVolume = bars.buyVolume[i] ?? 0;
	return { time: toChartTime(time), open, high, low, close, volume, buyVolume };
}

const candle = (b: DrawnBar): CandlestickData<UTCTimestamp> => ({
	time: b.time,
	open: b.open,
	high: b.high,
	low: b.low,
	close: b.close
});

/**
 * Writes bar columns into the candle and volume series: `reset` through `setData`, changes through
 * `update`, never older than the last drawn bar. Counts what is drawn and learns the price precision.
 */
export class BarWriter {
	readonly #targets: BarTargets;
	#count = 0;
	#first: DrawnBar | null = null;
	#last: DrawnBar | null = null;
	#decimals = MIN_DECIMALS;

	constructor(targets: BarTargets) {
		this.#targets = targets;
	}

	get count(): number {
		return this.#count;
	}

	get last(): DrawnBar | null {
		return this.#last;
	}

	/** The oldest bar drawn; null when none. */
	get first(): DrawnBar | null {
		return this.#first;
	}

	/** Price decimals seen so far (at least `MIN_DECIMALS`). */
	get decimals(): number {
		return this.#decimals;
	}

	reset(bars: BarColumns): void {
		const drawn: DrawnBar[] = [];
		for (let i = 0; i < bars.time.length; i++) {
			const bar = barAt(bars, i);
			// Columns are ascending; a repeated or older time would make setData throw.
			if (bar !== null && (drawn.at(-1)?.time ?? -Infinity) < bar.time) drawn.push(bar);
		}
		this.#targets.candles.setData(drawn.map(candle));
		this.#targets.volume.setData(drawn.map((b) => ({ time: b.time, value: b.volume })));
		this.#targets.buyVolume.setData(drawn.map((b) => ({ time: b.time, value: b.buyVolume })));
		this.#count = drawn.length;
		this.#first = drawn[0] ?? null;
		this.#last = drawn.at(-1) ?? null;
		// Only the recent bars decide: scanning a day of 1 s bars for a digit is wasted work.
		const from = Math.max(0, bars.time.length - 500);
		this.#decimals = priceDecimals(
			[bars.open, bars.high, bars.low, bars.close],
			from,
			MIN_DECIMALS
		);
	}

	update(bars: BarColumns): UpdateResult {
		let appended = 0;
		let replaced = 0;
		let skipped = 0;
		for (let i = 0; i < bars.time.length; i++) {
			const bar = barAt(bars, i);
			const lastTime = this.#last?.time ?? -Infinity;
			if (bar === null || bar.time < lastTime) {
				skipped += 1;
				continue;
			}
			this.#targets.candles.update(candle(bar));
			this.#targets.volume.update({ time: bar.time, value: bar.volume });
			this.#targets.buyVolume.update({ time: bar.time, value: bar.buyVolume });
			if (bar.time === lastTime) replaced += 1;
			else appended += 1;
			this.#last = bar;
		}
		this.#count += appended;
		this.#decimals = priceDecimals([bars.open, bars.high, bars.low, bars.close], 0, this.#decimals);
		return { appended, replaced, skipped };
	}

	clear(): void {
		this.reset({
			time: new Float64Array(0),
			open: new Float64Array(0),
			high: new Float64Array(0),
			low: new Float64Array(0),
			close: new Float64Array(0),
			volume: new Float64Array(0),
			buyVolume: new Float64Array(0),
			count: new Float64Array(0)
		});
	}
}
