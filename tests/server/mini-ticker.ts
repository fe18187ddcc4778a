import { formatUnits, parseUnits } from '../../src/lib/core/decimal.ts';

/** Binance prints prices and sizes with 8 decimals. */
const DECIMALS = 8;

/** What the server last sent on `<s>@miniTicker`, for tests to compare with the app. */
export interface SentMiniTicker {
	readonly E: number;
	readonly c: string;
	readonly o: string;
	readonly h: string;
	readonly l: string;
	readonly v: string;
	readonly q: string;
}

const units = (text: string): bigint => {
	const value = parseUnits(text, DECIMALS);
	if (value === null) throw new RangeError(`not a decimal with at most 8 places: "${text}"`);
	return value;
};
const text = (value: bigint): string => formatUnits(value, DECIMALS, DECIMALS);

/**
 * A symbol's 24 h mini ticker over the trades replayed so far: the recordings span minutes, far
 * less than the 24 h window, so every replayed trade is inside it and `o` is the first one's
 * price. Sums are exact (scaled integers), printed with 8 decimals like Binance.
 */
export class MiniTickerStats {
	#open: bigint | null = null;
	#close = 0n;
	#high = 0n;
	#low = 0n;
	#volume = 0n;
	/** Price times size: 16 decimals. */
	#quote = 0n;

	get empty(): boolean {
		return this.#open === null;
	}

	add(price: string, qty: string): void {
		const p = units(price);
		const q = units(qty);
		if (this.#open === null) {
			this.#open = p;
			this.#high = p;
			this.#low = p;
		}
		this.#close = p;
		if (p > this.#high) this.#high = p;
		if (p < this.#low) this.#low = p;
		this.#volume += q;
		this.#quote += p * q;
	}

	reset(): void {
		this.#open = null;
		this.#volume = 0n;
		this.#quote = 0n;
	}

	/** The ticker at event time `E`; null before the first trade. */
	at(E: number): SentMiniTicker | null {
		if (this.#open === null) return null;
		return {
			E,
			c: text(this.#close),
			o: text(this.#open),
			h: text(this.#high),
			l: text(this.#low),
			v: text(this.#volume),
			q: text(this.#quote / 10n ** BigInt(DECIMALS))
		};
	}
}

export function miniTickerJson(symbol: string, t: SentMiniTicker): string {
	return `{"e":"24hrMiniTicker","E":${t.E},"s":"${symbol}","c":"${t.c}","o":"${t.o}","h":"${t.h}","l":"${t.l}","v":"${t.v}","q":"${t.q}"}`;
}
