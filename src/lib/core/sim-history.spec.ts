import { describe, expect, it } from 'vitest';
import { INTERVAL_MS } from './interval';
import { rollUp } from './kline-history';
import { simulatedHistory } from './sim-history';

/** 2024-08-09 00:00 UTC. */
const END = 1_723_161_600_000;
const HOURS = 3 * 3_600_000;

describe('simulatedHistory', () => {
	it('is seeded: the same symbol, seed and window give the same candles', () => {
		const a = simulatedHistory('btcusdt', 7, END - HOURS, END);
		const b = simulatedHistory('BTCUSDT', 7, END - HOURS, END);
		expect(a.byInterval.get('1m')?.rowsBefore(END)).toEqual(
			b.byInterval.get('1m')?.rowsBefore(END)
		);
		expect(simulatedHistory('ethusdt', 7, END - HOURS, END).lastPrice).not.toBe(a.lastPrice);
	});

	it('has one candle a second, each opening at the last close, prices on the tick grid', () => {
		const { byInterval, lastPrice } = simulatedHistory('btcusdt', 7, END - HOURS, END);
		const seconds = byInterval.get('1s')?.before(END) ?? [];
		expect(seconds).toHaveLength(HOURS / 1000);
		for (let i = 1; i < seconds.length; i++) {
			const [previous, candle] = [seconds[i - 1], seconds[i]];
			expect(candle?.time).toBe((previous?.time ?? 0) + 1000);
			expect(candle?.open).toBe(previous?.close);
			expect(Number(candle?.low)).toBeLessThanOrEqual(Number(candle?.high));
			expect(Number(candle?.close) % 1_000_000).toBe(0);
		}
		expect(Number(seconds.at(-1)?.close) * 1e-8).toBeCloseTo(lastPrice, 8);
		// A quiet second or two, as markets have.
		expect(seconds.some((candle) => candle.count === 0)).toBe(true);
	});

	it('agrees across intervals: every one is the exact roll-up of the seconds', () => {
		const { byInterval } = simulatedHistory('solusdt', 11, END - HOURS, END);
		const seconds = byInterval.get('1s')?.before(END) ?? [];
		for (const interval of ['5s', '1m', '15m', '1h'] as const) {
			const size = INTERVAL_MS[interval];
			const rows = rollUp(seconds, size).map((candle) => candle.toKlineRow(size));
			expect(byInterval.get(interval)?.rowsBefore(END), interval).toEqual(rows);
		}
	});
});
