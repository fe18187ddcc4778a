import type { Trade } from '../../src/lib/core/trade';

/**
 * Binance public-data CSVs (data.binance.vision layouts) built from a recorded stream, so import
 * tests can compare the app's candles with the CLI's over the very same trades.
 */

/** Exact product of two plain decimal strings (`"61837.63" x "0.0012"`). */
export function multiplyDecimals(a: string, b: string): string {
	const [ai = '0', af = ''] = a.split('.');
	const [bi = '0', bf = ''] = b.split('.');
	const scale = af.length + bf.length;
	const digits = (BigInt(ai + af) * BigInt(bi + bf)).toString().padStart(scale + 1, '0');
	const whole = digits.slice(0, digits.length - scale);
	const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
	return fraction === '' ? whole : `${whole}.${fraction}`;
}

const flag = (value: boolean): string => (value ? 'True' : 'False');

/** aggTrades layout, no header (as Binance's older files): one aggregate per recorded trade. */
export function aggTradesCsv(trades: readonly Trade[]): string {
	return trades
		.map((t) =>
			[
				t.id,
				t.price,
				t.qty,
				t.firstTradeId,
				t.lastTradeId,
				t.time,
				flag(t.buyerMaker),
				'True'
			].join(',')
		)
		.join('\n')
		.concat('\n');
}

/** trades layout, with the header Binance's newer files carry. */
export function tradesCsv(trades: readonly Trade[]): string {
	const header = 'id,price,qty,quote_qty,time,is_buyer_maker,is_best_match';
	const rows = trades.map((t) =>
		[
			t.id,
			t.price,
			t.qty,
			multiplyDecimals(t.price, t.qty),
			t.time,
			flag(t.buyerMaker),
			'True'
		].join(',')
	);
	return [header, ...rows, ''].join('\n');
}
