import type { EpochMs } from '../../src/lib/core/time';
import { makeTrade, type Trade } from '../../src/lib/core/trade';

/** A small deterministic generator (mulberry32): the same trades on every run. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** `cents / 100` as Binance prints a BTCUSDT price: "61837.63000000". */
const priceText = (cents: number): string =>
	`${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}000000`;

/** `units / 1e5` as Binance prints a BTCUSDT quantity (lot step 0.00001): "0.01234000". */
const qtyText = (units: number): string =>
	`${Math.floor(units / 1e5)}.${String(units % 1e5).padStart(5, '0')}000`;

/**
 * `count` BTCUSDT-like aggTrades (some of several fills) stored under `symbol` (a cache key), ids from `firstId`, trade
 * times spread evenly over the `spanMs` ending at `endMs`: a price walking by cents, quantities
 * mostly small with a long tail, sides at random. Strings are shared, as a parser's would not be,
 * so that 900,000 trades fit in a worker's memory.
 */
export function syntheticTrades(
	symbol: string,
	count: number,
	endMs: number,
	spanMs: number,
	firstId = 3_000_000_000
): Trade[] {
	const next = random(20240808);
	const prices = new Map<number, string>();
	const quantities = Array.from({ length: 4096 }, (_, i) =>
		qtyText(Math.max(1, Math.round(Math.exp((i / 4096) * 12.5))))
	);
	const trades: Trade[] = new Array<Trade>(count);
	let cents = 6_183_763;
	let lastTradeId = firstId * 2;
	for (let i = 0; i < count; i++) {
		cents += Math.round((next() - 0.5) * 6);
		let price = prices.get(cents);
		if (price === undefined) {
			price = priceText(cents);
			prices.set(cents, price);
		}
		const id = firstId + i;
		// Most aggTrades fill one order; some sweep a few.
		const fills = next() < 0.3 ? 2 + Math.floor(next() * 4) : 1;
		trades[i] = makeTrade(
			symbol,
			id,
			price,
			quantities[Math.floor(next() ** 3 * quantities.length)] ?? '0.00001000',
			(Math.floor(endMs) - spanMs + Math.floor((i * spanMs) / count)) as EpochMs,
			next() < 0.5,
			lastTradeId + 1,
			lastTradeId + fills
		);
		lastTradeId += fills;
	}
	return trades;
}
