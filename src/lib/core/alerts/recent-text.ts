const DOT = 46;
const ZERO = 48;
const NINE = 57;
/** Up to this many significant digits, a decimal is the shortest text of the double nearest it. */
const EXACT_DIGITS = 15;
/** Zeros after the point before the first digit from which JavaScript prints an exponent (1e-7). */
const EXPONENT_ZEROS = 6;

/**
 * A number's decimal text, kept for the last number asked: the alerts that fire together on one
 * trade (five size alerts on one large trade, every volume alert in one busy second) say the same
 * price, quantity, volume or median, and a double's shortest text is costly to make.
 */
export class RecentText {
	#value = NaN;
	#text = 'NaN';

	/**
	 * `${value}`, made again only when `value` differs from the last one. `decimal`, when given, is
	 * the text `value` was read from (a trade's price or quantity as Binance sends it): its zeros
	 * trimmed make the same text for less than printing the double.
	 */
	of(value: number, decimal?: string): string {
		if (value !== this.#value) {
			this.#value = value;
			this.#text = (decimal === undefined ? null : printedDecimal(decimal)) ?? `${value}`;
		}
		return this.#text;
	}
}

/**
 * How JavaScript prints `Number(text)` for a plain decimal text ("61689.88000000" -> "61689.88",
 * "100.00000000" -> "100"), made by trimming zeros; null where printing could differ from trimming:
 * anything but digits and one point, a leading zero before more digits, an empty integer part,
 * more than 15 significant digits (the double's shortest text may then be another decimal), or a
 * value under 1e-6 (printed with an exponent).
 */
export function printedDecimal(text: string): string | null {
	const dot = pointOf(text);
	if (dot === INVALID) return null;
	const end = trimmedEnd(text, dot);
	let first = 0;
	while (first < end && (first === dot || text.charCodeAt(first) === ZERO)) first++;
	if (first === end) return '0';
	const digits = end - first - (dot > first && dot < end ? 1 : 0);
	if (digits > EXACT_DIGITS || (dot >= 0 && first - dot - 1 >= EXPONENT_ZEROS)) return null;
	return end === text.length ? text : text.slice(0, end);
}

const INVALID = -2;

/**
 * Index of the decimal point (-1 for none) of a text of digits with at most one point, an integer
 * part and no leading zero before more digits; INVALID for any other text.
 */
function pointOf(text: string): number {
	let dot = -1;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code === DOT && dot < 0) dot = i;
		else if (code < ZERO || code > NINE) return INVALID;
	}
	const integerEnd = dot < 0 ? text.length : dot;
	if (integerEnd === 0 || (integerEnd > 1 && text.charCodeAt(0) === ZERO)) return INVALID;
	return dot;
}

/** End of `text` without the zeros after its point (and the point, when only zeros follow it). */
function trimmedEnd(text: string, dot: number): number {
	let end = text.length;
	if (dot < 0) return end;
	while (end > dot + 1 && text.charCodeAt(end - 1) === ZERO) end--;
	return end === dot + 1 ? dot : end;
}
