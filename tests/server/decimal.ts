/**
 * Exact decimal arithmetic for the test server: Binance decimal strings as BigInt scaled integers,
 * so sums of quantities and quote volumes never drift. Written independently of src/lib/core, so the
 * server is an oracle the app's own arithmetic can be checked against.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d*))?$/;

/** `"61837.63000000"` at scale 8 -> `6183763000000n`. Throws on digits beyond the scale. */
export function parseScaled(text: string, scale = 8): bigint {
	const match = DECIMAL.exec(text);
	if (!match) throw new Error(`not a decimal: ${JSON.stringify(text)}`);
	const [, sign = '', whole = '0', fraction = ''] = match;
	const kept = fraction.replace(/0+$/, '');
	if (kept.length > scale) throw new Error(`${text} has more than ${scale} decimals`);
	const digits = BigInt(whole + kept.padEnd(scale, '0'));
	return sign === '-' ? -digits : digits;
}

/**
 * A scaled integer back to a string with `decimals` digits after the point. A value with a larger
 * scale is truncated toward zero (Binance prints 8 decimals).
 */
export function formatScaled(value: bigint, scale = 8, decimals = scale): string {
	const negative = value < 0n;
	let magnitude = negative ? -value : value;
	if (scale > decimals) magnitude /= 10n ** BigInt(scale - decimals);
	const text = magnitude.toString().padStart(decimals + 1, '0');
	const whole = text.slice(0, text.length - decimals);
	const fraction = text.slice(text.length - decimals);
	const body = decimals === 0 ? whole : `${whole}.${fraction}`;
	return negative && magnitude !== 0n ? `-${body}` : body;
}

/** True for `"0"`, `"0.00000000"` and the like: a depth level to remove. */
export function isZeroDecimal(text: string): boolean {
	return /^-?0*(\.0*)?$/.test(text);
}
