import type { LineData, UTCTimestamp } from 'lightweight-charts';
import type { SeriesLike } from './bar-writer';

/**
 * Cumulative volume delta over what the chart draws: each bar adds its taker-buy volume minus its
 * taker-sell volume (base units), from the first bar drawn. A bar drawn again (the open candle)
 * replaces its own delta, not adds it twice.
 */
export class CvdWriter {
	readonly #series: SeriesLike<LineData<UTCTimestamp>>;
	/** The sum before the last drawn bar, and the last bar's time and delta. */
	#before = 0;
	#lastTime: number | null = null;
	#lastDelta = 0;

	constructor(series: SeriesLike<LineData<UTCTimestamp>>) {
		this.#series = series;
	}

	/** The value of the last point; 0 when none. */
	get value(): number {
		return this.#before + this.#lastDelta;
	}

	reset(times: readonly UTCTimestamp[], volume: ArrayLike<number>, buy: ArrayLike<number>): void {
		const data: LineData<UTCTimestamp>[] = [];
		this.#before = 0;
		this.#lastDelta = 0;
		this.#lastTime = null;
		times.forEach((time, i) => {
			this.#before += this.#lastDelta;
			this.#lastDelta = delta(volume[i] ?? 0, buy[i] ?? 0);
			this.#lastTime = time;
			data.push({ time, value: this.value });
		});
		this.#series.setData(data);
	}

	/** One drawn bar, at or after the last one. */
	update(time: UTCTimestamp, volume: number, buy: number): void {
		if (this.#lastTime !== time) {
			this.#before += this.#lastDelta;
			this.#lastTime = time;
		}
		this.#lastDelta = delta(volume, buy);
		this.#series.update({ time, value: this.value });
	}
}

const delta = (volume: number, buy: number) => buy - (volume - buy);
