import { formatUnits, parseUnits } from '../decimal';

/**
 * The fixed-point units of paper trading, all bigint so no amount is ever rounded by a double:
 * prices and quantities in 1e-8 (Binance prints both with 8 decimals), fee rates in 1e-6 of the
 * traded amount (a percent with 4 decimals), and quote amounts in 1e-22, the exact unit of
 * price * quantity * fee rate. Only the share of a position's cost that a partial close takes
 * is divided, and that truncates at 1e-22.
 */
export const PRICE_SCALE = 8;
export const QTY_SCALE = 8;
export const FEE_SCALE = 6;
export const QUOTE_SCALE = PRICE_SCALE + QTY_SCALE + FEE_SCALE;

/** One whole unit of the fee rate's scale: 1e6, a fee of 100 %. */
export const FEE_ONE = 10n ** BigInt(FEE_SCALE);

/** price (1e-8) * qty (1e-8) -> quote (1e-22). */
export function notional(price: bigint, qty: bigint): bigint {
	return price * qty * FEE_ONE;
}

/** The fee on a fill: price * qty * rate, exact in quote units. */
export function feeOf(price: bigint, qty: bigint, feeRate: bigint): bigint {
	return price * qty * feeRate;
}

/** A decimal string as price units, or a RangeError naming `what`. */
export function priceUnits(text: string, what = 'price'): bigint {
	const units = parseUnits(text.trim(), PRICE_SCALE);
	if (units === null) {
		throw new RangeError(`${what} must be a plain decimal with at most 8 decimals: "${text}"`);
	}
	return units;
}

/** A quantity as qty units, or a RangeError naming `what`. */
export function qtyUnits(text: string, what = 'quantity'): bigint {
	return priceUnits(text, what);
}

/** A quote amount (a balance) as quote units: at most 8 decimals, as Binance prints balances. */
export function quoteUnits(text: string, what = 'amount'): bigint {
	return priceUnits(text, what) * 10n ** BigInt(QUOTE_SCALE - PRICE_SCALE);
}

/** Exact text of quote units (`formatQuote`'s output, sign allowed) back to quote units. */
export function parseQuote(text: string): bigint {
	const negative = text.startsWith('-');
	const units = parseUnits(negative ? text.slice(1) : text, QUOTE_SCALE);
	if (units === null) throw new RangeError(`not an amount of the quote asset: "${text}"`);
	return negative ? -units : units;
}

/** A fee in percent ("0.1") as a rate in 1e-6 of the amount (1000); 0 to 10 %, 4 decimals. */
export function feeRateOfPercent(text: string): bigint {
	const rate = parseUnits(text.trim(), FEE_SCALE - 2);
	if (rate === null || rate > 10n * 10n ** BigInt(FEE_SCALE - 2)) {
		throw new RangeError(`fee must be a percent from 0 to 10 with at most 4 decimals: "${text}"`);
	}
	return rate;
}

/** Quote units as an exact decimal string (trailing zeros beyond 8 decimals dropped). */
export function formatQuote(units: bigint): string {
	return formatUnits(units, QUOTE_SCALE, PRICE_SCALE);
}

export function formatPrice(units: bigint): string {
	return formatUnits(units, PRICE_SCALE, PRICE_SCALE);
}

/** Quote units as a double, for charts of the equity (never for arithmetic). */
export function quoteToNumber(units: bigint): number {
	const scale = 10n ** BigInt(QUOTE_SCALE - PRICE_SCALE);
	return Number(units / scale) / 10 ** PRICE_SCALE;
}

export function abs(value: bigint): bigint {
	return value < 0n ? -value : value;
}

export function minBig(a: bigint, b: bigint): bigint {
	return a < b ? a : b;
}
