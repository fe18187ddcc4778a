import { changePercent, type MiniTicker } from '../../core/ticker';

const NONE = '–';

/** 24 h change as `+1.23%` / `-0.40%`, '–' when unknown. */
export function changeText(ticker: Pick<MiniTicker, 'open' | 'close'> | undefined): string {
	const change = ticker ? changePercent(ticker) : null;
	if (change === null) return NONE;
	const sign = change > 0 ? '+' : change < 0 ? '-' : '';
	return `${sign}${Math.abs(change).toFixed(2)}%`;
}

const UNITS: readonly [number, string][] = [
	[1e12, 'T'],
	[1e9, 'B'],
	[1e6, 'M'],
	[1e3, 'K']
];

/** A volume in a few readable digits: `745000000.12` is `745.0M`, `12.3` is `12.30`. */
export function compactVolume(text: string): string {
	const value = Number(text);
	if (!Number.isFinite(value)) return NONE;
	for (const [size, unit] of UNITS) {
		if (value >= size) return `${(value / size).toFixed(value / size >= 100 ? 0 : 1)}${unit}`;
	}
	return value.toFixed(2);
}
