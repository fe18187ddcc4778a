import { INTERVALS, isInterval, type Interval } from '../interval';
import { isValidSymbol, SYMBOL_SHAPE } from '../symbol';

/**
 * The chart grid of a workspace (issue 15): a preset that names how the charts are arranged and the
 * charts in order, each with its own symbol and interval. Pure: parsed from and written to the URL's
 * `grid=` and `charts=` parameters, and changed by the add, remove and duplicate actions.
 */
export const GRID_PRESETS = ['1', '2', '2x2', '1+3', '3x3'] as const;
export type GridPreset = (typeof GRID_PRESETS)[number];

/** At most this many charts: the 3x3 preset's cells. */
export const MAX_CHARTS = 9;

export interface ChartSpec {
	/** Lower case, as everywhere (`core/symbol.ts`). */
	readonly symbol: string;
	readonly interval: Interval;
}

export interface GridLayout {
	readonly preset: GridPreset;
	/** One to `MAX_CHARTS` charts, never more than the preset's cells. */
	readonly charts: readonly ChartSpec[];
}

/** How many charts each preset holds. */
export const PRESET_CELLS: Readonly<Record<GridPreset, number>> = {
	'1': 1,
	'2': 2,
	'2x2': 4,
	'1+3': 4,
	'3x3': 9
};

/** Columns and rows of each preset's split lines; `1+3` is one large chart left of three small rows. */
export const PRESET_TRACKS: Readonly<Record<GridPreset, { columns: number; rows: number }>> = {
	'1': { columns: 1, rows: 1 },
	'2': { columns: 2, rows: 1 },
	'2x2': { columns: 2, rows: 2 },
	'1+3': { columns: 2, rows: 3 },
	'3x3': { columns: 3, rows: 3 }
};

export function isGridPreset(value: string): value is GridPreset {
	return (GRID_PRESETS as readonly string[]).includes(value);
}

/** The smallest preset that holds `count` charts, keeping `current` when it still fits. */
export function presetFor(count: number, current: GridPreset): GridPreset {
	if (PRESET_CELLS[current] >= count) return current;
	return GRID_PRESETS.find((preset) => PRESET_CELLS[preset] >= count) ?? '3x3';
}

export type Parsed<T> =
	{ readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** A user's value for a message, cut short so a pasted essay cannot flood the banner. */
const shown = (raw: string): string =>
	JSON.stringify(raw.length > 48 ? `${raw.slice(0, 45)}...` : raw);

/** A preset's name; `1 3` is `1+3` typed into a URL, where `+` reads as a space. */
export function parsePreset(raw: string): Parsed<GridPreset> {
	const text = raw.trim().toLowerCase().replace(' ', '+');
	if (isGridPreset(text)) return { ok: true, value: text };
	return { ok: false, reason: `${shown(raw)} is not a grid (${GRID_PRESETS.join(', ')})` };
}

/** One `symbol:interval` item; the symbol's case is folded, the interval's is kept (1m is not 1M). */
function parseChart(item: string): Parsed<ChartSpec> {
	const [rawSymbol = '', rawInterval, ...rest] = item.split(':');
	const symbol = rawSymbol.trim().toLowerCase();
	if (rawInterval === undefined || rest.length > 0) {
		return { ok: false, reason: `${shown(item)} is not symbol:interval (e.g. btcusdt:1m)` };
	}
	if (!isValidSymbol(symbol)) {
		return {
			ok: false,
			reason: `${shown(item)}: ${shown(rawSymbol)} is not a symbol (${SYMBOL_SHAPE})`
		};
	}
	const interval = rawInterval.trim();
	if (!isInterval(interval)) {
		return {
			ok: false,
			reason: `${shown(item)}: ${shown(rawInterval)} is not an interval (${INTERVALS.join(' ')})`
		};
	}
	return { ok: true, value: { symbol, interval } };
}

/**
 * Comma-separated `symbol:interval` charts in order, 1 to `MAX_CHARTS`. Blank items (a trailing
 * comma) are ignored; any other refused item refuses the whole list, naming it. The same chart may
 * appear twice (a duplicate the user made on purpose).
 */
export function parseCharts(raw: string): Parsed<ChartSpec[]> {
	const charts: ChartSpec[] = [];
	for (const item of raw.split(',')) {
		if (item.trim() === '') continue;
		const chart = parseChart(item.trim());
		if (!chart.ok) return chart;
		charts.push(chart.value);
	}
	if (charts.length === 0) return { ok: false, reason: 'no chart given (e.g. btcusdt:1m)' };
	if (charts.length > MAX_CHARTS) {
		return { ok: false, reason: `${charts.length} charts given, at most ${MAX_CHARTS}` };
	}
	return { ok: true, value: charts };
}

/** `charts=` as written to a link. */
export function chartsToText(charts: readonly ChartSpec[]): string {
	return charts.map((chart) => `${chart.symbol}:${chart.interval}`).join(',');
}

/**
 * The layout from a link's `grid` and `charts` values (either may be absent). Without `charts`
 * the grid holds `main`, the chart an old `symbol`/`interval` link names; a grid too small for the
 * charts is refused rather than silently dropping charts.
 */
export function resolveGrid(
	grid: string | undefined,
	charts: string | undefined,
	main: ChartSpec
): { layout: GridLayout; errors: { param: 'grid' | 'charts'; reason: string }[] } {
	const errors: { param: 'grid' | 'charts'; reason: string }[] = [];
	let list: readonly ChartSpec[] = [main];
	if (charts !== undefined) {
		const parsed = parseCharts(charts);
		if (parsed.ok) list = parsed.value;
		else errors.push({ param: 'charts', reason: parsed.reason });
	}
	let preset = presetFor(list.length, '1');
	if (grid !== undefined) {
		const parsed = parsePreset(grid);
		if (!parsed.ok) errors.push({ param: 'grid', reason: parsed.reason });
		else if (PRESET_CELLS[parsed.value] < list.length) {
			errors.push({
				param: 'grid',
				reason: `${shown(grid)} holds ${PRESET_CELLS[parsed.value]} charts, the link has ${list.length}`
			});
		} else preset = parsed.value;
	}
	return { layout: { preset, charts: list }, errors };
}

/** A copy of chart `index` right after it; the grid grows to the next preset when it is full. */
export function duplicateChart(layout: GridLayout, index: number): GridLayout {
	const chart = layout.charts[index];
	if (chart === undefined || layout.charts.length >= MAX_CHARTS) return layout;
	const charts = [...layout.charts.slice(0, index + 1), chart, ...layout.charts.slice(index + 1)];
	return { preset: presetFor(charts.length, layout.preset), charts };
}

/** A new chart at the end (the grid grows when it is full); nothing when there are 9. */
export function addChart(layout: GridLayout, chart: ChartSpec): GridLayout {
	if (layout.charts.length >= MAX_CHARTS) return layout;
	const charts = [...layout.charts, chart];
	return { preset: presetFor(charts.length, layout.preset), charts };
}

/** Chart `index` removed; the last chart stays. The preset stays: its empty cells offer "Add chart". */
export function removeChart(layout: GridLayout, index: number): GridLayout {
	if (layout.charts.length <= 1 || index < 0 || index >= layout.charts.length) return layout;
	return { ...layout, charts: layout.charts.filter((_, i) => i !== index) };
}

/** Another preset; refused (unchanged) when it has fewer cells than there are charts. */
export function choosePreset(layout: GridLayout, preset: GridPreset): GridLayout {
	return PRESET_CELLS[preset] >= layout.charts.length ? { ...layout, preset } : layout;
}

/** Chart `index` with another symbol or interval. */
export function replaceChart(layout: GridLayout, index: number, chart: ChartSpec): GridLayout {
	if (index < 0 || index >= layout.charts.length) return layout;
	return { ...layout, charts: layout.charts.map((c, i) => (i === index ? chart : c)) };
}
