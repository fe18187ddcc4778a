import { describe, expect, it } from 'vitest';
import { median, SecondVolumes } from './second-volumes';

describe('SecondVolumes', () => {
	it('sums the running second and has no median before enough closed seconds', () => {
		const volumes = new SecondVolumes(5, 3);
		volumes.add(1_000, 1);
		volumes.add(1_999, 2); // same second
		expect(volumes.volume).toBe(3);
		volumes.add(2_000, 4);
		volumes.add(5_000, 1); // seconds 3 and 4 had no trade: not counted
		expect(volumes.median).toBeNaN();
		volumes.add(6_000, 1);
		expect(volumes.median).toBe(3); // median of 3, 4, 1
		expect(volumes.volume).toBe(1);
	});

	it('keeps the median of the last `window` closed seconds as they slide', () => {
		const window = 7;
		const volumes = new SecondVolumes(window, 1);
		const closed: number[] = [];
		let seed = 3;
		for (let s = 0; s < 200; s++) {
			seed = (seed * 48_271) % 2_147_483_647;
			const qty = (seed % 20) / 4; // repeats: equal volumes in the sorted copy
			volumes.add(s * 1000, qty);
			if (s > 0) expect(volumes.median).toBe(median(closed.slice(-window)));
			closed.push(qty);
		}
	});

	it('median of an even count is the mean of the middle two', () => {
		expect(median([4, 1, 3, 2])).toBe(2.5);
		expect(median([])).toBeNaN();
	});
});
