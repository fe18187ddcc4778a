import type { TickColumns } from '../../core/tick-codec';
import { PRICE_SCALE, priceUnits } from '../../core/paper/paper-units';

const SCALES = Array.from({ length: PRICE_SCALE + 1 }, (_, k) => 10n ** BigInt(PRICE_SCALE - k));

/** Row `i`'s price in paper price units (1e-8), exact; null for a price with more than 8 decimals. */
export function columnPrice(columns: TickColumns, i: number): bigint | null {
	const text = columns.priceText?.[i];
	if (text !== undefined) {
		try {
			return priceUnits(text);
		} catch {
			return null;
		}
	}
	const mantissa = columns.price[i];
	const scale = SCALES[columns.priceScale];
	if (mantissa === undefined || scale === undefined) return null;
	return BigInt(mantissa) * scale;
}
