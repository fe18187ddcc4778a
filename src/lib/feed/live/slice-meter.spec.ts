import { describe, expect, it } from 'vitest';
import { SliceMeter } from './slice-meter';

describe('SliceMeter', () => {
	it('sums the counted slices of the last second and forgets older ones', () => {
		const meter = new SliceMeter();
		expect(meter.perSecond(10_000)).toBe(0);
		meter.add(10_000, 4096);
		meter.add(10_400, 4096);
		meter.add(10_999, 808);
		expect(meter.perSecond(10_999)).toBe(9000);
		expect(meter.perSecond(11_000)).toBe(4904);
		expect(meter.perSecond(11_400)).toBe(808);
		expect(meter.perSecond(12_000)).toBe(0);
	});
});
