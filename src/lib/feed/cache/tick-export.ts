import { klineToCsvLine } from '../../core/kline-csv';
import { normaliseDecimal } from '../../core/decimal';
import type { KlineRow } from '../../core/kline';
import type { TickColumns } from '../../core/tick-codec';

const MIN_DECIMALS = 8;

/**
 * `mantissa / 10^scale` as Binance prints it: at least 8 decimals ("61837.63000000"), more only
 * when the value has them. Exact for any non-negative safe-integer mantissa.
 */
export function binanceDecimal(mantissa: number, scale: number): string {
	const digits = String(mantissa).padStart(scale + 1, '0');
	const whole = digits.slice(0, digits.length - scale);
	let fraction = digits.slice(digits.length - scale);
	if (fraction.length < MIN_DECIMALS) fraction = fraction.padEnd(MIN_DECIMALS, '0');
	else fraction = fraction.replace(/0+$/, '').padEnd(MIN_DECIMALS, '0');
	return `${whole}.${fraction}`;
}

/** A value the codec kept as text: a plain decimal printed as above, anything else as received. */
function textDecimal(text: string): string {
	try {
		return normaliseDecimal(text, MIN_DECIMALS);
	} catch {
		return text;
	}
}

/** Lines joined, each ending in a newline; empty for none. */
export const linesToText = (lines: readonly string[]): string =>
	lines.length === 0 ? '' : `${lines.join('\n')}\n`;

/** Appends the aggTrades CSV line of each tick (see `ticksToAggTradesCsv`), in column order. */
export function appendAggTradesLines(columns: TickColumns, lines: string[]): void {
	const { id, price, qty, priceScale, qtyScale, priceText, qtyText, time, buyerMaker } = columns;
	const { firstTradeId, lastTradeId } = columns;
	for (let i = 0; i < columns.length; i++) {
		const p = priceText
			? textDecimal(priceText[i] ?? '')
			: binanceDecimal(price[i] ?? 0, priceScale);
		const q = qtyText ? textDecimal(qtyText[i] ?? '') : binanceDecimal(qty[i] ?? 0, qtyScale);
		const maker = buyerMaker[i] === 1 ? 'True' : 'False';
		lines.push(`${id[i]},${p},${q},${firstTradeId[i]},${lastTradeId[i]},${time[i]},${maker},True`);
	}
}

/**
 * Ticks as a Binance public-data aggTrades CSV (data.binance.vision): `agg_trade_id, price,
 * quantity, first_trade_id, last_trade_id, transact_time (ms), is_buyer_maker, is_best_match`, no
 * header, one line per tick ending in a newline, exact decimals. The cache does not keep
 * `is_best_match`; Binance spot trades always have it, so it is `True`.
 */
export function ticksToAggTradesCsv(chunks: readonly TickColumns[]): string {
	const lines: string[] = [];
	for (const columns of chunks) appendAggTradesLines(columns, lines);
	return linesToText(lines);
}

/** Klines as the candles CLI prints them: Binance kline CSV lines, each ending in a newline. */
export function klinesToCsv(rows: readonly KlineRow[]): string {
	return linesToText(rows.map(klineToCsvLine));
}
