import type { Candle } from './candle';
import { formatUnits as formatExact, QUOTE_DECIMALS } from './decimal';
import { FIXED_INTERVALS, INTERVAL_MS, type FixedInterval } from './interval';
import type { KlineRow } from './kline';
import { candleFromKline } from './kline-candle';
import { KlineHistory, rollUp } from './kline-history';
import { formatUnits, simProfile } from './sim-profile';
import { hashText, SimRandom } from './sim-random';
import { epochMs } from './time';

const SECOND = 1000;
/** Trades per second on average in the simulated history (the live demo's normal regime). */
const MEAN_TRADES = 12;

/** A second's kline of the simulated history, exact strings as Binance prints them. */
function secondRow(
	time: number,
	prices: readonly [number, number, number, number],
	count: number,
	qtyUnits: number,
	buyShare: number
): KlineRow {
	const [open, high, low, close] = prices;
	const buyQty = Math.round(qtyUnits * buyShare);
	const quote = (qty: number) => formatExact(BigInt(qty) * BigInt(close), QUOTE_DECIMALS);
	return [
		epochMs(time),
		formatUnits(open),
		formatUnits(high),
		formatUnits(low),
		formatUnits(close),
		formatUnits(qtyUnits),
		epochMs(time + SECOND - 1),
		quote(qtyUnits),
		count,
		formatUnits(buyQty),
		quote(buyQty),
		'0'
	];
}

/**
 * Simulated history for the demo market: one candle per second from `fromMs` to `toMs` (whole
 * seconds), a seeded random walk at the symbol's profile (price level, tick, volatility, trade
 * size), some seconds without trades. Candle-level, not trade-level: hours of it cost
 * milliseconds. Every larger interval is rolled up from these seconds, so all intervals agree.
 * Returns the history per interval and the last close (where the live simulation continues).
 */
export function simulatedHistory(
	symbol: string,
	seed: number,
	fromMs: number,
	toMs: number
): { readonly byInterval: ReadonlyMap<FixedInterval, KlineHistory>; readonly lastPrice: number } {
	const profile = simProfile(symbol);
	const random = new SimRandom(hashText(`history:${profile.symbol}`, seed >>> 0));
	const tick = profile.tickUnits;
	const onGrid = (price: number) => Math.max(tick, Math.round(price / 1e-8 / tick) * tick);
	let logMid = Math.log(profile.basePrice);
	let close = onGrid(profile.basePrice);
	const seconds: Candle[] = [];
	for (let time = fromMs - (fromMs % SECOND); time < toMs; time += SECOND) {
		const count = Math.floor(random.next() * 2 * MEAN_TRADES);
		logMid += profile.volatility * random.normal();
		if (count === 0) {
			seconds.push(candleFromKline(secondRow(time, [close, close, close, close], 0, 0, 0), 0));
			continue;
		}
		const open = close;
		close = onGrid(Math.exp(logMid));
		const wick = () => Math.round(Math.abs(random.normal()) * 2) * tick;
		const high = Math.max(open, close) + wick();
		const low = Math.max(tick, Math.min(open, close) - wick());
		const notional = profile.medianNotional * count * (0.5 + random.next());
		const steps = Math.max(1, Math.round(notional / Math.exp(logMid) / 1e-8 / profile.stepUnits));
		const row = secondRow(
			time,
			[open, high, low, close],
			count,
			steps * profile.stepUnits,
			random.next()
		);
		seconds.push(candleFromKline(row, 0));
	}
	const byInterval = new Map<FixedInterval, KlineHistory>();
	for (const interval of FIXED_INTERVALS) {
		const size = INTERVAL_MS[interval];
		const history = new KlineHistory(size);
		history.add(interval === '1s' ? seconds : rollUp(seconds, size));
		byInterval.set(interval, history);
	}
	return { byInterval, lastPrice: close * 1e-8 };
}
