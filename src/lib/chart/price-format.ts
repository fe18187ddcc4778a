import type { PriceFormat } from 'lightweight-charts';

/** Binance prices have at most 8 decimals. */
export const MAX_DECIMALS = 8;
/** Quote assets are priced to cents at least; fewer decimals would look broken next to the book. */
export const MIN_DECIMALS = 2;

/** Significant decimals of a float that came from a decimal string: `61837.63` has 2. */
export function decimalsOfNumber(value: number): number {
	if (!Number.isFinite(value)) return 0;
	const text = Math.abs(value).toFixed(MAX_DECIMALS);
	const fraction = text.slice(text.indexOf('.') + 1).replace(/0+$/, '');
	return fraction.length;
}

/** The most decimals among the prices of `columns` from index `from` on. */
export function priceDecimals(
	columns: readonly Float64Array[],
	from: number,
	known: number = MIN_DECIMALS
): number {
	let decimals = known;
	for (const column of columns) {
		for (let i = from; i < column.length && decimals < MAX_DECIMALS; i++) {
			decimals = Math.max(decimals, decimalsOfNumber(column[i] ?? 0));
		}
	}
	return decimals;
}

export function priceFormat(decimals: number): PriceFormat {
	return {
		type: 'custom',
		minMove: 10 ** -decimals,
		formatter: (price: number) => groupedPrice(price, decimals)
	};
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 });

/** Base volume for the legend: `0.01234`, `12.35`, `1.23K`. */
export function formatVolume(value: number): string {
	if (value >= 10_000) return compact.format(value);
	if (value >= 100) return value.toFixed(1);
	if (value >= 1) return value.toFixed(2);
	return value === 0 ? '0' : value.toPrecision(3);
}

/** `61837.6` with 2 decimals as `61,837.60`: the header's thousands separators, on the price axis too. */
export function groupedPrice(value: number, decimals: number): string {
	const text = Math.abs(value).toFixed(decimals);
	const dot = text.indexOf('.');
	const whole = dot < 0 ? text : text.slice(0, dot);
	const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return `${value < 0 && Number(text) !== 0 ? '-' : ''}${grouped}${dot < 0 ? '' : text.slice(dot)}`;
}
