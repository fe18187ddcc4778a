import { describe, expect, it } from 'vitest';
import { changePercent } from './ticker';

describe('changePercent', () => {
	it('is (close - open) / open in percent', () => {
		expect(changePercent({ open: '60000.00', close: '61200.00' })).toBeCloseTo(2, 12);
		expect(changePercent({ open: '2.00', close: '1.50' })).toBeCloseTo(-25, 12);
	});

	it('is null without a positive open', () => {
		expect(changePercent({ open: '0.00000000', close: '1' })).toBeNull();
		expect(changePercent({ open: 'x', close: '1' })).toBeNull();
	});
});
