/**
 * A 24-hour rolling ticker from `<s>@miniTicker` (`{e:"24hrMiniTicker",E,s,c,o,h,l,v,q}`, every
 * 1000 ms). The window is the last 24 hours, not the UTC day.
 */
export interface MiniTicker {
	/** Upper-case, `BTCUSDT`. */
	readonly symbol: string;
	/** Event time `E`, epoch ms. */
	readonly eventTime: number;
	/** Decimal strings as sent: last price `c`, price 24 h ago `o`, high `h`, low `l`. */
	readonly close: string;
	readonly open: string;
	readonly high: string;
	readonly low: string;
	/** Base asset volume `v` and quote asset volume `q` over the window. */
	readonly volume: string;
	readonly quoteVolume: string;
}

/** 24 h change in percent, (c - o) / o * 100; null when the open is not a positive number. */
export function changePercent(ticker: Pick<MiniTicker, 'open' | 'close'>): number | null {
	const open = Number(ticker.open);
	const close = Number(ticker.close);
	if (!(open > 0) || !Number.isFinite(close)) return null;
	return ((close - open) / open) * 100;
}
