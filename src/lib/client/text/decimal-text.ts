/**
 * Display helpers for Binance's decimal strings (`"61837.63000000"`). They work on the text, so a
 * price is never rounded through a binary float on its way to the screen.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d*))?$/;

interface Parts {
	readonly negative: boolean;
	readonly whole: string;
	readonly fraction: string;
}

function parts(text: string): Parts | null {
	const match = DECIMAL.exec(text.trim());
	if (match === null) return null;
	const whole = (match[2] ?? '0').replace(/^0+(?=\d)/, '');
	const fraction = (match[3] ?? '').replace(/0+$/, '');
	return { negative: match[1] === '-' && /[1-9]/.test(whole + fraction), whole, fraction };
}

/** Significant decimals: `"61837.63000000"` has 2, `"0.00001230"` has 7, `"12"` has 0; -1 for non-decimals. */
export function decimalsOf(text: string): number {
	return parts(text)?.fraction.length ?? -1;
}

const group = (whole: string): string => whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * `text` with at least `decimals` decimals (padded with zeros, never cut) and thousands separators:
 * `formatDecimal("61837.60000000", 2)` is `"61,837.60"`. Non-decimal text comes back as it is.
 */
export function formatDecimal(text: string, decimals: number): string {
	const p = parts(text);
	if (p === null) return text;
	const fraction = p.fraction.padEnd(decimals, '0');
	const sign = p.negative ? '-' : '';
	return fraction === '' ? `${sign}${group(p.whole)}` : `${sign}${group(p.whole)}.${fraction}`;
}

function scaled(p: Parts, decimals: number): bigint {
	const value = BigInt(p.whole + p.fraction.padEnd(decimals, '0'));
	return p.negative ? -value : value;
}

/** Exact `a - b` as decimal text, or null when either is not a decimal. */
export function subtractDecimal(a: string, b: string): string | null {
	const pa = parts(a);
	const pb = parts(b);
	if (pa === null || pb === null) return null;
	const decimals = Math.max(pa.fraction.length, pb.fraction.length);
	const diff = scaled(pa, decimals) - scaled(pb, decimals);
	const negative = diff < 0n;
	const digits = (negative ? -diff : diff).toString().padStart(decimals + 1, '0');
	const whole = digits.slice(0, digits.length - decimals);
	const fraction = digits.slice(digits.length - decimals);
	const text = fraction === '' ? whole : `${whole}.${fraction}`;
	return negative ? `-${text}` : text;
}

/**
 * `text` rounded half away from zero to exactly `decimals` decimals, with thousands separators:
 * `roundDecimal("-1.12105", 4)` is `"-1.1211"`, `roundDecimal("0.00004", 4)` is `"0.0000"`.
 * Non-decimal text comes back as it is.
 */
export function roundDecimal(text: string, decimals: number): string {
	const p = parts(text);
	if (p === null) return text;
	const keep = p.fraction.slice(0, decimals).padEnd(decimals, '0');
	let units = BigInt(p.whole + keep);
	if ((p.fraction[decimals] ?? '0') >= '5') units += 1n;
	const digits = units.toString().padStart(decimals + 1, '0');
	const whole = digits.slice(0, digits.length - decimals);
	const fraction = digits.slice(digits.length - decimals);
	const sign = p.negative && /[1-9]/.test(digits) ? '-' : '';
	return fraction === '' ? `${sign}${group(whole)}` : `${sign}${group(whole)}.${fraction}`;
}
