/**
 * Exact decimal arithmetic on scaled integers. Binance prints prices and quantities as plain
 * decimal strings with 8 decimals ("61837.63000000"); the candle engine holds them as integers
 * of 1e-8 units (`PRICE_DECIMALS`) and products of price and quantity as integers of 1e-16 units
 * (`QUOTE_DECIMALS`). A scaled integer is a `number` while it is a safe integer and a `bigint`
 * beyond that, so the common case never allocates and nothing ever rounds.
 */

/** Decimals of prices, quantities and base volumes: units of 1e-8. */
export const PRICE_DECIMALS = 8;
/** Decimals of an exact price * quantity product: units of 1e-16. */
export const QUOTE_DECIMALS = 16;

/** A non-negative integer count of 10^-decimals units: a safe-integer number or a bigint. */
export type Units = number | bigint;

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const DIGIT_ZERO = 48;
const DOT = 46;

/** 10^k as number (exact up to 10^22) and as bigint, for k = 0..16. */
export const POW10: readonly number[] = Array.from({ length: 17 }, (_, k) => 10 ** k);
export const POW10N: readonly bigint[] = Array.from({ length: 17 }, (_, k) => 10n ** BigInt(k));

/**
 * Result of `scanDecimal`: the value is mantissa * 10^-decimals, with trailing fractional zeros
 * dropped ("0.02000000" -> mantissa 2, decimals 2). `big` is null while the mantissa is a safe
 * integer; otherwise it holds the mantissa and `mantissa` is -1. Reused across calls so the hot
 * path does not allocate.
 */
export class DecimalScan {
	mantissa = 0;
	big: bigint | null = null;
	decimals = 0;
}

/**
 * Reads a plain non-negative decimal ("58001.03000000", "0.2312", "1234567890", "5.") into `out`.
 * Returns false, leaving `out` unspecified, for anything else: signs, exponents, spaces, no digit,
 * a second dot.
 */
export function scanDecimal(text: string, out: DecimalScan): boolean {
	let end = text.length;
	while (end > 0 && text.charCodeAt(end - 1) === DIGIT_ZERO) end--;
	let mantissa = 0;
	let digits = 0;
	let dot = -1;
	for (let i = 0; i < end; i++) {
		const digit = text.charCodeAt(i) - DIGIT_ZERO;
		if (digit >= 0 && digit <= 9) {
			mantissa = mantissa * 10 + digit;
			digits++;
		} else if (digit === DOT - DIGIT_ZERO && dot < 0) {
			dot = i;
		} else {
			return false;
		}
	}
	if (dot < 0) {
		// No dot: the zeros stripped above belong to the integer ("100").
		const zeros = text.length - end;
		digits += zeros;
		mantissa *= 10 ** zeros;
		end = text.length;
	}
	if (digits === 0) return false;
	out.decimals = dot < 0 ? 0 : end - dot - 1;
	if (mantissa <= MAX_SAFE) {
		out.mantissa = mantissa;
		out.big = null;
	} else {
		// Rare: more than 15 significant digits. Parse the digits again, exactly.
		out.mantissa = -1;
		out.big = BigInt(dot < 0 ? text : text.slice(0, dot) + text.slice(dot + 1, end));
	}
	return true;
}

const scratch = new DecimalScan();

/**
 * Exact value of a plain decimal string as an integer of 10^-decimals units, or null when the text
 * is not a plain non-negative decimal or has non-zero digits beyond `decimals` (0..16).
 * Not for the hot path (it allocates a bigint); the aggregator uses `scanDecimal`.
 */
export function parseUnits(text: string, decimals: number): bigint | null {
	if (!scanDecimal(text, scratch) || scratch.decimals > decimals) return null;
	const mantissa = scratch.big ?? BigInt(scratch.mantissa);
	return mantissa * 10n ** BigInt(decimals - scratch.decimals);
}

/** Drops trailing zeros of a fraction, keeping at least `minDecimals` digits. */
function trimFraction(fraction: string, minDecimals: number): string {
	let end = fraction.length;
	while (end > minDecimals && fraction.charCodeAt(end - 1) === DIGIT_ZERO) end--;
	return fraction.slice(0, end);
}

function joinParts(sign: string, whole: string, fraction: string): string {
	return fraction === '' ? sign + whole : `${sign}${whole}.${fraction}`;
}

/**
 * Decimal string of `units` * 10^-decimals with at least `minDecimals` fraction digits and any
 * further non-zero digits kept: formatUnits(5800103000000, 8) = "58001.03000000",
 * formatUnits(12345n, 16) = "0.0000000000012345". A number must be a safe integer.
 */
export function formatUnits(units: Units, decimals: number, minDecimals = PRICE_DECIMALS): string {
	const keep = Math.min(minDecimals, decimals);
	if (typeof units === 'number') {
		if (!Number.isSafeInteger(units)) throw new RangeError(`not a safe integer: ${units}`);
		const sign = units < 0 ? '-' : '';
		const magnitude = Math.abs(units);
		const scale = POW10[decimals] ?? 10 ** decimals;
		const fraction = magnitude % scale;
		const whole = (magnitude - fraction) / scale;
		const digits = decimals === 0 ? '' : String(fraction).padStart(decimals, '0');
		return joinParts(sign, String(whole), trimFraction(digits, keep));
	}
	const sign = units < 0n ? '-' : '';
	const digits = (units < 0n ? -units : units).toString().padStart(decimals + 1, '0');
	const cut = digits.length - decimals;
	return joinParts(sign, digits.slice(0, cut), trimFraction(digits.slice(cut), keep));
}

/**
 * A plain decimal string with at least `minDecimals` fraction digits, as Binance prints klines:
 * "0.2312" -> "0.23120000", "43" -> "43.00000000"; digits beyond are kept, trailing zeros beyond
 * `minDecimals` dropped. Throws RangeError for text that is not a plain non-negative decimal.
 */
export function normaliseDecimal(text: string, minDecimals = PRICE_DECIMALS): string {
	if (!scanDecimal(text, scratch)) throw new RangeError(`not a plain decimal: "${text}"`);
	const dot = text.indexOf('.');
	const whole = dot < 0 ? text : text.slice(0, dot);
	const fraction = dot < 0 ? '' : text.slice(dot + 1);
	const digits = trimFraction(fraction.padEnd(minDecimals, '0'), minDecimals);
	return joinParts('', whole === '' ? '0' : whole, digits);
}
