import { roundDecimal } from '$lib/client/text/decimal-text';

/** Decimals a quote amount is shown with: cents are too coarse for a 100 USDT scalp, 8 for coin quotes. */
export function quoteDecimals(quoteAsset: string): number {
	return ['BTC', 'ETH', 'BNB'].includes(quoteAsset) ? 8 : 4;
}

/** A quote amount with its sign always shown: `+0.3795`, `-1.1210`, `0.0000`. */
export function signed(text: string, decimals: number): string {
	const rounded = roundDecimal(text, decimals);
	return rounded.startsWith('-') || /^[0.,]+$/.test(rounded) ? rounded : `+${rounded}`;
}

/** `up`, `down` or `flat` for a signed decimal, for its colour. */
export function tone(text: string): 'up' | 'down' | 'flat' {
	if (text.startsWith('-')) return 'down';
	return /[1-9]/.test(text) ? 'up' : 'flat';
}

/** A share 0..1 as a percent with `decimals` decimals (default 1); a dash for none. */
export const percent = (share: number | null, decimals = 1): string =>
	share === null ? '–' : `${(share * 100).toFixed(decimals)} %`;
