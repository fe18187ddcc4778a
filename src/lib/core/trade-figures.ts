import {
	DecimalScan,
	POW10,
	POW10N,
	PRICE_DECIMALS,
	QUOTE_DECIMALS,
	scanDecimal,
	type Units
} from './decimal';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * The exact figures of one trade, in scaled integers. One instance is reused for every trade:
 * the hot path fills it and the candle reads it at once, so no trade allocates.
 * `volume` and `quote` are -1 when the figure is not a safe integer; `volumeBig` and `quoteBig`
 * then hold it.
 */
export class TradeFigures {
	/** Price in 1e-8 units. */
	price: Units = 0;
	/** Quantity in 1e-8 units, or -1. */
	volume = 0;
	volumeBig = 0n;
	/** price * quantity in 1e-8 units, or -1 (also when the product needs more than 8 decimals). */
	quote = 0;
	/** price * quantity in 1e-16 units, exact; only meaningful when `quote` is -1. */
	quoteBig = 0n;
}

const priceScan = new DecimalScan();
const qtyScan = new DecimalScan();

function readScan(text: string, what: string, out: DecimalScan): void {
	if (!scanDecimal(text, out) || out.decimals > PRICE_DECIMALS) {
		throw new RangeError(
			`${what} must be a plain non-negative decimal with at most 8 decimals: "${text}"`
		);
	}
}

/** mantissa * 10^shift as Units: a number while safe. */
function scaleUp(scan: DecimalScan, shift: number): Units {
	if (scan.big !== null) return scan.big * (POW10N[shift] ?? 1n);
	const units = scan.mantissa * (POW10[shift] ?? 1);
	return units <= MAX_SAFE ? units : BigInt(scan.mantissa) * (POW10N[shift] ?? 1n);
}

function bigMantissa(scan: DecimalScan): bigint {
	return scan.big ?? BigInt(scan.mantissa);
}

/**
 * The quote figure. Binance mantissas are short once trailing zeros go ("61837.63000000" is
 * 6183763e-2, "0.02000000" is 2e-2), so the product usually is a safe integer with at most 8
 * decimals and stays a number; otherwise it is computed in bigint at 1e-16.
 */
function measureQuote(out: TradeFigures): void {
	const decimals = priceScan.decimals + qtyScan.decimals;
	if (priceScan.big === null && qtyScan.big === null && decimals <= PRICE_DECIMALS) {
		const product = priceScan.mantissa * qtyScan.mantissa;
		if (product <= MAX_SAFE) {
			const units = product * (POW10[PRICE_DECIMALS - decimals] ?? 1);
			if (units <= MAX_SAFE) {
				out.quote = units;
				return;
			}
		}
	}
	out.quote = -1;
	out.quoteBig =
		bigMantissa(priceScan) * bigMantissa(qtyScan) * (POW10N[QUOTE_DECIMALS - decimals] ?? 1n);
}

/**
 * Fills `out` with the figures of a trade. Throws RangeError when price or quantity is not a plain
 * non-negative decimal with at most 8 significant decimals (Binance never sends one; the wire
 * layer rejects such frames before they get here).
 */
export function measureTrade(price: string, qty: string, out: TradeFigures): void {
	readScan(price, 'price', priceScan);
	readScan(qty, 'qty', qtyScan);
	out.price = scaleUp(priceScan, PRICE_DECIMALS - priceScan.decimals);
	const volume = scaleUp(qtyScan, PRICE_DECIMALS - qtyScan.decimals);
	if (typeof volume === 'number') {
		out.volume = volume;
	} else {
		out.volume = -1;
		out.volumeBig = volume;
	}
	measureQuote(out);
}

/**
 * Fills `out` from integer mantissas: price `priceMantissa / 10^priceScale`, quantity
 * `qtyMantissa / 10^qtyScale` (scales 0..8, mantissas non-negative safe integers), the same
 * figures `measureTrade` gives for the decimal strings of those values. Returns false, leaving
 * `out` unspecified, when a figure would not be a safe integer: the caller then takes the string
 * path, which holds any size exactly.
 */
export function measureMantissas(
	priceMantissa: number,
	priceScale: number,
	qtyMantissa: number,
	qtyScale: number,
	out: TradeFigures
): boolean {
	const price = priceMantissa * (POW10[PRICE_DECIMALS - priceScale] ?? NaN);
	const volume = qtyMantissa * (POW10[PRICE_DECIMALS - qtyScale] ?? NaN);
	const product = priceMantissa * qtyMantissa;
	if (!(price <= MAX_SAFE && volume <= MAX_SAFE && product <= MAX_SAFE)) return false;
	const decimals = priceScale + qtyScale;
	if (decimals <= PRICE_DECIMALS) {
		const quote = product * (POW10[PRICE_DECIMALS - decimals] ?? NaN);
		if (!(quote <= MAX_SAFE)) return false;
		out.quote = quote;
	} else {
		// Exact integer division of a safe integer: a whole number of 1e-8 units, or else 1e-16 units.
		const divisor = POW10[decimals - PRICE_DECIMALS] ?? NaN;
		if (product % divisor === 0) {
			out.quote = product / divisor;
		} else {
			out.quote = -1;
			out.quoteBig = BigInt(product) * (POW10N[QUOTE_DECIMALS - decimals] ?? 0n);
		}
	}
	out.price = price;
	out.volume = volume;
	return true;
}

/**
 * A figure in 1e-8 units as a number: the nearest double to the decimal, which is what `Number()`
 * reads from its text. A safe integer and 1e8 are both exact, so the division rounds once, to
 * that same double.
 */
export function unitsValue(units: Units): number {
	return typeof units === 'number' ? units / 1e8 : Number(`${units}e-8`);
}
