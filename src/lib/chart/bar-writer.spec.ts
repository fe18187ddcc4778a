import { describe, expect, it } from 'vitest';
import type { CandlestickData, HistogramData, UTCTimestamp } from 'lightweight-charts';
import { BarWriter, type SeriesLike } from './bar-writer';
import { bars } from '../client/testing/test-builders';
import { THEME } from './theme';

const T = 1_723_075_200_000;

/** A series that behaves like lightweight-charts': update refuses a bar older than the last. */
class FakeSeries<T extends { time: number }> implements SeriesLike<T> {
	data: T[] = [];
	setData(data: T[]) {
		this.data = [...data];
	}
	update(bar: T) {
		const last = this.data.at(-1);
		if (last !== undefined && bar.time < last.time) throw new Error('Cannot update oldest data');
		if (last !== undefined && bar.time === last.time) this.data[this.data.length - 1] = bar;
		else this.data.push(bar);
	}
}

function setup() {
	const candles = new FakeSeries<CandlestickData<UTCTimestamp>>();
	const volume = new FakeSeries<HistogramData<UTCTimestamp>>();
	const buyVolume = new FakeSeries<HistogramData<UTCTimestamp>>();
	const writer = new BarWriter({ candles, volume, buyVolume });
	return { writer, candles, volume, buyVolume };
}

describe('BarWriter', () => {
	it('draws a reset in chart seconds with total and buy volume', () => {
		const { writer, candles, volume, buyVolume } = setup();
		writer.reset(bars([T, T + 1000], [61837.63, 61840]));
		expect(candles.data.map((c) => c.time)).toEqual([1_723_075_200, 1_723_075_201]);
		expect(candles.data[1]).toMatchObject({ open: 61839, high: 61842, low: 61838, close: 61840 });
		expect(volume.data.map((v) => v.value)).toEqual([4, 4]);
		expect(buyVolume.data.map((v) => v.value)).toEqual([3, 3]);
		expect(writer.count).toBe(2);
		expect(writer.last?.close).toBe(61840);
		expect(writer.decimals).toBe(2);
	});

	it('drops repeated or older times in a reset instead of letting setData throw', () => {
		const { writer, candles } = setup();
		writer.reset(bars([T, T + 1000, T + 1000, T + 500, T + 2000]));
		expect(candles.data.map((c) => c.time)).toEqual([1_723_075_200, 1_723_075_201, 1_723_075_202]);
		expect(writer.count).toBe(3);
	});

	it('replaces the last bar, appends newer ones and skips older ones', () => {
		const { writer, candles } = setup();
		writer.reset(bars([T, T + 1000]));
		const result = writer.update(bars([T, T + 1000, T + 2000, T + 3000], [1, 2, 3, 4]));
		expect(result).toEqual({ appended: 2, replaced: 1, skipped: 1 });
		expect(candles.data.map((c) => c.close)).toEqual([T / 1000, 2, 3, 4]);
		expect(writer.count).toBe(4);
	});

	it('learns more decimals from later bars, never fewer', () => {
		const { writer } = setup();
		writer.reset(bars([T], [61837.6]));
		expect(writer.decimals).toBe(2);
		writer.update(bars([T + 1000], [0.0001234]));
		expect(writer.decimals).toBe(7);
		writer.update(bars([T + 2000], [5]));
		expect(writer.decimals).toBe(7);
	});

	it('clears everything', () => {
		const { writer, candles, volume } = setup();
		writer.reset(bars([T]));
		writer.clear();
		expect(candles.data).toEqual([]);
		expect(volume.data).toEqual([]);
		expect(writer.count).toBe(0);
		expect(writer.last).toBeNull();
		expect(writer.update(bars([T - 5000])).appended).toBe(1);
	});

	it('mutes the provisional bar of a reset, and only while a reset names it', () => {
		const { writer, candles, volume, buyVolume } = setup();
		writer.reset(bars([T, T + 1000]), T);
		expect(candles.data[0]).toMatchObject({
			color: THEME.provisional,
			wickColor: THEME.provisional
		});
		expect(candles.data[1]).not.toHaveProperty('color');
		expect(volume.data[0]?.color).toBe(THEME.provisional);
		expect(buyVolume.data[0]?.color).toBe(THEME.provisional);
		expect(writer.provisional).toBe(T);
		writer.reset(bars([T, T + 1000]));
		expect(candles.data[0]).not.toHaveProperty('color');
		expect(writer.provisional).toBe(null);
		// A time it does not draw marks nothing.
		writer.reset(bars([T]), T + 5000);
		expect(writer.provisional).toBe(null);
	});
});
