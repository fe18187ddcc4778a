import { describe, expect, it } from 'vitest';
import { depthWeight, WeightMeter } from './weight.ts';

describe('WeightMeter', () => {
	it('counts weight per wall-clock minute and refuses what goes over the limit', () => {
		let wall = 1_723_161_240_000;
		const meter = new WeightMeter(25, () => wall);
		expect(meter.charge(20)).toBe(true);
		expect(meter.used()).toBe(20);
		expect(meter.charge(4)).toBe(true);
		expect(meter.charge(2)).toBe(false);
		wall += 45_500;
		expect(meter.secondsToReset()).toBe(15);
		wall += 14_500;
		expect(meter.used()).toBe(0);
		expect(meter.charge(2)).toBe(true);
	});

	it('weighs depth by its limit, as Binance does', () => {
		expect([1, 100, 101, 500, 501, 1000, 1001, 5000].map(depthWeight)).toEqual([
			5, 5, 25, 25, 50, 50, 250, 250
		]);
	});
});
