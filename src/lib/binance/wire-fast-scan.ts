import { decimalKind } from './wire-values';

const COMMA = 44;
const QUOTE = 34;
const COLON = 58;
const BRACE_CLOSE = 125;
const DIGIT_0 = 48;
/** 17 digits are always above Number.MAX_SAFE_INTEGER (16 digits). */
const MAX_INT_DIGITS = 16;

/**
 * A cursor over one frame for the strict trade grammar in wire-fast.ts. Every reader accepts only
 * a byte sequence that JSON.parse reads as exactly the value returned, and moves the cursor only
 * on success; on anything else it answers its failure value and the caller gives up. One instance
 * is reused for every frame, so the hot path allocates nothing but the value slices.
 *
 * Speed notes (V8): `indexOf(literal, at) === at` beats `startsWith(literal, at)` several times
 * over for literals longer than a few characters; short keys are compared code by code.
 */
export class FrameScan {
	text = '';
	at = 0;

	reset(text: string): void {
		this.text = text;
		this.at = 0;
	}

	/** Consumes `literal` when the text continues with it. */
	literal(literal: string): boolean {
		if (this.text.indexOf(literal, this.at) !== this.at) return false;
		this.at += literal.length;
		return true;
	}

	/** Consumes `,"<key>":`, the key being one character (its code). */
	key(code: number): boolean {
		const text = this.text;
		const at = this.at;
		if (
			text.charCodeAt(at) !== COMMA ||
			text.charCodeAt(at + 1) !== QUOTE ||
			text.charCodeAt(at + 2) !== code ||
			text.charCodeAt(at + 3) !== QUOTE ||
			text.charCodeAt(at + 4) !== COLON
		) {
			return false;
		}
		this.at = at + 5;
		return true;
	}

	/** Consumes `,"<key>":"`: a one-character key and the opening quote of a string value. */
	stringKey(code: number): boolean {
		if (!this.key(code)) return false;
		if (this.text.charCodeAt(this.at) === QUOTE) {
			this.at++;
			return true;
		}
		this.at -= 5;
		return false;
	}

	/** True when the text ends right here with `}}`: nothing may trail the closing braces. */
	end(): boolean {
		const text = this.text;
		const at = this.at;
		return (
			at + 2 === text.length &&
			text.charCodeAt(at) === BRACE_CLOSE &&
			text.charCodeAt(at + 1) === BRACE_CLOSE
		);
	}

	/**
	 * A JSON integer literal without sign, fraction, exponent or leading zeros, at most
	 * Number.MAX_SAFE_INTEGER; -1 otherwise. Up to 15 digits the running value is exact; a 16th
	 * digit can round only when the true value is 2^53 or more, and rounding then stays >= 2^53,
	 * so the final comparison still rejects it.
	 */
	int(): number {
		const text = this.text;
		let at = this.at;
		const first = text.charCodeAt(at) - DIGIT_0;
		if (!(first >= 0 && first <= 9)) return -1;
		let value = first;
		const limit = at + MAX_INT_DIGITS;
		for (at++; ; at++) {
			const digit = text.charCodeAt(at) - DIGIT_0;
			if (!(digit >= 0 && digit <= 9)) break;
			if (value === 0 || at === limit) return -1;
			value = value * 10 + digit;
		}
		if (value > Number.MAX_SAFE_INTEGER) return -1;
		this.at = at;
		return value;
	}

	/**
	 * The rest of a string whose opening quote was consumed, when it is a positive decimal per
	 * `decimalKind`; consumes the closing quote. Such text is only digits and one dot, so it has
	 * no escapes and the slice is the string's value. null otherwise. A slice of 13 or more
	 * characters may share the frame's memory in V8, so a kept price keeps its frame alive.
	 */
	decimal(): string | null {
		const end = this.text.indexOf('"', this.at);
		if (end < 0) return null;
		const value = this.text.slice(this.at, end);
		if (decimalKind(value) !== 'positive') return null;
		this.at = end + 1;
		return value;
	}

	/**
	 * The raw text up to the next quote, consuming that quote; null when there is none. It is
	 * the string's value only when it holds no backslash or control character: the caller checks.
	 */
	rawString(): string | null {
		const end = this.text.indexOf('"', this.at);
		if (end < 0) return null;
		const value = this.text.slice(this.at, end);
		this.at = end + 1;
		return value;
	}

	/** `true` -> 1, `false` -> 0, anything else -> -1 (compared by char code: t r u e, f a l s e). */
	bool(): number {
		const text = this.text;
		const at = this.at;
		if (text.charCodeAt(at) === 116) {
			if (text.charCodeAt(at + 1) !== 114 || text.charCodeAt(at + 2) !== 117) return -1;
			if (text.charCodeAt(at + 3) !== 101) return -1;
			this.at = at + 4;
			return 1;
		}
		if (text.charCodeAt(at) !== 102 || text.charCodeAt(at + 1) !== 97) return -1;
		if (text.charCodeAt(at + 2) !== 108 || text.charCodeAt(at + 3) !== 115) return -1;
		if (text.charCodeAt(at + 4) !== 101) return -1;
		this.at = at + 5;
		return 0;
	}
}
