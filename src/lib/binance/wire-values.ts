/**
 * Cheap checks for the values inside Binance frames and dumps. They run once per trade on the
 * worker's hot path, so they are plain loops over char codes: no regexes, no allocation.
 */

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const DOT_OFFSET = 46 - DIGIT_0;

/**
 * Binance prints 8 decimals; the candle engine counts in 1e-8 units. A value with a non-zero
 * digit beyond the 8th decimal cannot come from Binance and cannot be summed exactly there.
 */
export const MAX_DECIMALS = 8;

/**
 * A plain positive decimal: digits, optionally one dot followed by digits (`"61837.63000000"`,
 * `"2619.4"`, `"5"`), not zero, no non-zero digit beyond the 8th decimal. No sign, exponent,
 * spaces or bare dots.
 */
export function isPositiveDecimal(value: unknown): value is string {
	return typeof value === 'string' && decimalKind(value) === 'positive';
}

export type DecimalKind = 'invalid' | 'too-precise' | 'zero' | 'positive';

/** Classifies a text as a plain decimal, in one pass over its char codes (zeros are the common case). */
export function decimalKind(text: string): DecimalKind {
	const length = text.length;
	let dot = -1;
	let lastNonZero = -1;
	for (let i = 0; i < length; i++) {
		const digit = text.charCodeAt(i) - DIGIT_0;
		if (digit === 0) continue;
		if (digit > 0 && digit <= 9) {
			lastNonZero = i;
			continue;
		}
		if (digit !== DOT_OFFSET || dot >= 0 || i === 0) return 'invalid';
		dot = i;
	}
	if (length === 0 || dot === length - 1) return 'invalid';
	if (lastNonZero < 0) return 'zero';
	return dot >= 0 && lastNonZero - dot > MAX_DECIMALS ? 'too-precise' : 'positive';
}

/** A non-negative safe integer: trade ids, aggTrade ids, update ids. */
export function isCount(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A positive safe integer: event and trade times in ms. */
export function isPositiveInt(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** Only digits (at least one): integer columns of CSV dumps. */
export function isDigits(text: string): boolean {
	const length = text.length;
	if (length === 0) return false;
	for (let i = 0; i < length; i++) {
		const code = text.charCodeAt(i);
		if (code < DIGIT_0 || code > DIGIT_9) return false;
	}
	return true;
}

const SHOWN_LIMIT = 40;

/** A value as it appears in a rejection detail: JSON-quoted, cut short, `missing` for absent. */
export function showValue(value: unknown): string {
	if (value === undefined) return 'missing';
	const text = JSON.stringify(value);
	return text.length > SHOWN_LIMIT ? `${text.slice(0, SHOWN_LIMIT)}...` : text;
}
