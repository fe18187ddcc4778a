import { describe, expect, it } from 'vitest';
import { RateMeter } from './rate-meter';

describe('RateMeter', () => {
	it('counts events of the last second and decays to 0', () => {
		const meter = new RateMeter();
		for (let t = 10_000; t < 11_000; t += 20) meter.add(t);
		expect(meter.perSecond(10_999)).toBe(50);
		expect(meter.perSecond(11_499)).toBe(25);
		expect(meter.perSecond(11_999)).toBe(0);
		expect(meter.perSecond(60_000)).toBe(0);
	});

	it('reuses a slot after wrapping around', () => {
		const meter = new RateMeter();
		meter.add(1_050);
		meter.add(2_050);
		meter.add(2_060);
		expect(meter.perSecond(2_099)).toBe(2);
	});
});
