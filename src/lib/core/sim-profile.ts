import { hashText } from './sim-random';

/** One unit of price or quantity in the simulated market's strings: 10^-8. */
export const SIM_UNIT = 1e-8;

/**
 * How a simulated symbol trades. Prices and sizes are integers of 10^-8 (the 8 decimals Binance
 * prints), so every price is an exact multiple of `tickUnits` and every quantity of `stepUnits`.
 */
export interface SimProfile {
	/** Upper-case symbol. */
	readonly symbol: string;
	/** Where the price starts, in quote currency. */
	readonly basePrice: number;
	/** Price grid, 10^-8 units: 0.01 is 1,000,000. */
	readonly tickUnits: number;
	/** Quantity grid, 10^-8 units: 0.00001 is 1,000. */
	readonly stepUnits: number;
	/** Typical volatility: standard deviation of the log price per square root of a second. */
	readonly volatility: number;
	/** Median trade size in quote currency. */
	readonly medianNotional: number;
}

const TICK_CENT = 1_000_000;

/** A few well-known symbols at plausible levels; ~50 % a year is 9e-5 per square-root second. */
const KNOWN: Readonly<Record<string, Omit<SimProfile, 'symbol'>>> = {
	BTCUSDT: {
		basePrice: 61_250,
		tickUnits: TICK_CENT,
		stepUnits: 1_000,
		volatility: 9e-5,
		medianNotional: 120
	},
	ETHUSDT: {
		basePrice: 2_640,
		tickUnits: TICK_CENT,
		stepUnits: 10_000,
		volatility: 1.1e-4,
		medianNotional: 90
	},
	BNBUSDT: {
		basePrice: 545,
		tickUnits: TICK_CENT,
		stepUnits: 100_000,
		volatility: 1e-4,
		medianNotional: 60
	},
	SOLUSDT: {
		basePrice: 148,
		tickUnits: TICK_CENT,
		stepUnits: 100_000,
		volatility: 1.4e-4,
		medianNotional: 60
	}
};

/**
 * The profile of `symbol` (any case): a known one, or one derived from the symbol's hash with a
 * base price between 10 and 1,000, so different symbols never trade at the same level.
 */
export function simProfile(symbol: string): SimProfile {
	const upper = symbol.toUpperCase();
	const known = KNOWN[upper];
	if (known) return { symbol: upper, ...known };
	const h = hashText(upper);
	const basePrice = Math.round(10 ** (1 + (h % 2000) / 1000) * 100) / 100;
	return {
		symbol: upper,
		basePrice,
		tickUnits: TICK_CENT,
		stepUnits: 100_000,
		volatility: 1.2e-4 + ((h >>> 11) % 50) * 1e-6,
		medianNotional: 40
	};
}

/** `units` × 10^-8 as Binance prints it: a plain decimal with exactly 8 decimals. */
export function formatUnits(units: number): string {
	const digits = String(units).padStart(9, '0');
	return `${digits.slice(0, -8)}.${digits.slice(-8)}`;
}
