import { NOMINAL_MS, TICK, type Interval } from '../core/interval';
import type { Legend } from './candle-chart';
import { fromChartTime } from './chart-time';
import { formatVolume } from './price-format';
import { stampText, type TimeZoneMode } from './time-labels';

/** The legend as text, ready to show. */
export interface LegendText {
	readonly time: string;
	readonly open: string;
	readonly high: string;
	readonly low: string;
	readonly close: string;
	/** Close against open, signed percent: `+0.012%`, `-1.25%`. */
	readonly change: string;
	readonly up: boolean;
	readonly volume: string;
	/** Taker-buy share of the volume: `62% buy`; '–' for a bar without volume. */
	readonly buyShare: string;
}

/**
 * `2024-08-08 14:03:05`, shorter for coarse intervals, in the zone the axis and the crosshair
 * read time in (the chart's UTC / local switch).
 */
export function barTime(
	time: Legend['bar']['time'],
	interval: Interval,
	zone: TimeZoneMode = 'utc'
): string {
	const ms = fromChartTime(time);
	if (interval === TICK) return stampText(ms, zone, 'ms');
	const size = NOMINAL_MS[interval];
	if (size >= NOMINAL_MS['1d']) return stampText(ms, zone, 'd');
	return stampText(ms, zone, size >= NOMINAL_MS['1m'] ? 'm' : 's');
}

export function legendText(
	legend: Legend,
	interval: Interval,
	zone: TimeZoneMode = 'utc'
): LegendText {
	const { bar, decimals } = legend;
	const price = (value: number) => value.toFixed(decimals);
	const change = bar.open === 0 ? 0 : ((bar.close - bar.open) / bar.open) * 100;
	const share = bar.volume > 0 ? `${Math.round((bar.buyVolume / bar.volume) * 100)}% buy` : '–';
	return {
		time: barTime(bar.time, interval, zone),
		open: price(bar.open),
		high: price(bar.high),
		low: price(bar.low),
		close: price(bar.close),
		// 1 s bars move by thousandths of a percent: two decimals would show them all as 0.00%.
		change: `${change >= 0 ? '+' : ''}${change.toFixed(Math.abs(change) < 1 ? 3 : 2)}%`,
		up: bar.close >= bar.open,
		volume: formatVolume(bar.volume),
		buyShare: share
	};
}
