import { describe, expect, it } from 'vitest';
import { WindowExtreme } from './window-extreme';

/** The extreme by definition: every trade in the reader's window and from its first trade on. */
function naive(
	trades: readonly [number, number][],
	kind: 'min' | 'max',
	windowMs: number,
	fromSeq: number
): number {
	const [now] = trades.at(-1) ?? [NaN];
	let extreme = NaN;
	// From the newest back to the window's start or the reader's first trade (seq = index + 1).
	for (let i = trades.length - 1; i >= fromSeq - 1; i--) {
		const [time, price] = trades[i] ?? [NaN, NaN];
		if (time < now - windowMs) break;
		if (Number.isNaN(extreme) || (kind === 'min' ? price < extreme : price > extreme)) {
			extreme = price;
		}
	}
	return extreme;
}

describe('WindowExtreme', () => {
	it('evicts trades that leave the window; the newest is always inside', () => {
		const lows = new WindowExtreme('min');
		lows.follow([10_000], [1]);
		lows.push(1, 0, 100);
		lows.push(2, 5_000, 105);
		expect(lows.extreme(0)).toBe(100);
		lows.push(3, 10_000, 106);
		expect(lows.extreme(0)).toBe(100); // 0 is exactly 10 s back: still inside
		lows.push(4, 10_001, 107);
		expect(lows.extreme(0)).toBe(105);
		lows.push(5, 30_000, 110);
		expect(lows.extreme(0)).toBe(110);
		expect(lows.size).toBe(1);
	});

	it('keeps the newest of equal prices and trades at equal timestamps', () => {
		const highs = new WindowExtreme('max');
		highs.follow([1_000, 1_000], [1, 3]);
		highs.push(1, 500, 7);
		highs.push(2, 500, 7);
		highs.push(3, 500, 5);
		expect(highs.extreme(0)).toBe(7);
		// Reader 1 starts at trade 3: the equal 7s before it are not its.
		expect(highs.extreme(1)).toBe(5);
		highs.push(4, 1_500, 4);
		expect(highs.extreme(0)).toBe(7); // 500 is exactly 1 s back
		highs.push(5, 1_501, 4);
		expect(highs.extreme(0)).toBe(4);
	});

	it('restart: a reader looks only from its new first trade on', () => {
		const lows = new WindowExtreme('min');
		lows.follow([60_000, 60_000], [1, 1]);
		lows.push(1, 0, 90);
		lows.push(2, 1_000, 95);
		lows.restart(0, 3);
		lows.push(3, 2_000, 99);
		expect(lows.extreme(0)).toBe(99);
		expect(lows.extreme(1)).toBe(90);
	});

	it('a reader whose first trade has not come yet has no extreme', () => {
		const lows = new WindowExtreme('min');
		lows.follow([60_000], [1]);
		lows.push(1, 0, 90);
		lows.follow([60_000, 60_000], [1, 2]);
		expect(lows.extreme(1)).toBeNaN();
		expect(lows.extreme(0)).toBe(90);
		lows.push(2, 1_000, 95);
		expect(lows.extreme(1)).toBe(95);
	});

	it('equals the definition on a long random walk, several windows, growing the ring', () => {
		let seed = 7;
		const random = (): number => {
			seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
			return seed / 2 ** 31;
		};
		const windows = [1_000, 5_000, 30_000];
		const starts = [1, 1, 1];
		const lows = new WindowExtreme('min');
		const highs = new WindowExtreme('max');
		lows.follow(windows, starts);
		highs.follow(windows, starts);
		const trades: [number, number][] = [];
		let held = 0;
		let time = 0;
		let price = 1000;
		for (let seq = 1; seq <= 2000; seq++) {
			time += Math.floor(random() * 3) * 40; // equal timestamps often
			price += Math.round((random() - 0.5) * 10);
			trades.push([time, price]);
			lows.push(seq, time, price);
			highs.push(seq, time, price);
			held = Math.max(held, lows.size, highs.size);
			if (seq % 500 === 0) {
				starts[1] = seq + 1; // reader 1 starts over after this trade
				lows.restart(1, seq + 1);
				highs.restart(1, seq + 1);
				continue;
			}
			const got = windows.flatMap((_, r) => [lows.extreme(r), highs.extreme(r)]);
			const want = windows.flatMap((ms, r) => [
				naive(trades, 'min', ms, starts[r] ?? 1),
				naive(trades, 'max', ms, starts[r] ?? 1)
			]);
			if (got.join() !== want.join()) expect([seq, got]).toEqual([seq, want]);
			// The outermost is every reader's trades together: the widest window from trade 1 on.
			const outermost = [lows.outermost, highs.outermost];
			const widest = [naive(trades, 'min', 30_000, 1), naive(trades, 'max', 30_000, 1)];
			if (outermost.join() !== widest.join()) expect([seq, outermost]).toEqual([seq, widest]);
		}
		// More than the 64 entries the ring starts with: it grew on the way.
		expect(held).toBeGreaterThan(64);
	});
});
