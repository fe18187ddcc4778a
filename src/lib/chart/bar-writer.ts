import type { CandlestickData, HistogramData, UTCTimestamp } from 'lightweight-charts';
import type { BarColumns } from '../protocol/feed-api';
import { emptyColumns } from '../core/bar-columns';
import { toChartTime } from './chart-time';
import { MIN_DECIMALS, priceDecimals } from './price-format';
import { THEME } from './theme';

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

/** A candle held only in part (ViewUpdate.provisional): one muted colour for body, border, wick. */
const provisionalCandle = (b: DrawnBar): CandlestickData<UTCTimestamp> => ({
	...candle(b),
	color: THEME.provisional,
	borderColor: THEME.provisional,
	wickColor: THEME.provisional
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
	#provisional: number | null = null;

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

	/** Open time (ms) of the bar drawn as provisional; null when every bar is complete. */
	get provisional(): number | null {
		return this.#provisional;
	}

	/** Price decimals seen so far (at least `MIN_DECIMALS`). */
	get decimals(): number {
		return this.#decimals;
	}

	/** Draws `bars` afresh; the bar opening at `provisional` (ms), if any, as provisional. */
	reset(bars: BarColumns, provisional: number | null = null): void {
		const drawn: DrawnBar[] = [];
		for (let i = 0; i < bars.time.length; i++) {
			const bar = barAt(bars, i);
			// Columns are ascending; a repeated or older time would make setData throw.
			if (bar !== null && (drawn.at(-1)?.time ?? -Infinity) < bar.time) drawn.push(bar);
		}
		const muted = provisional === null ? null : toChartTime(provisional);
		this.#provisional = drawn.some((b) => b.time === muted) ? provisional : null;
		const volume = (b: DrawnBar, value: number) =>
			b.time === muted
				? { time: b.time, value, color: THEME.provisional }
				: { time: b.time, value };
		this.#targets.candles.setData(
			drawn.map((b) => (b.time === muted ? provisionalCandle(b) : candle(b)))
		);
		this.#targets.volume.setData(drawn.map((b) => volume(b, b.volume)));
		this.#targets.buyVolume.setData(drawn.map((b) => volume(b, b.buyVolume)));
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
		this.reset(emptyColumns(0));
	}
}
