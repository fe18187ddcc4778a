import { parseSpecs, type IndicatorSpec } from '../../core/indicators/indicator-spec';

/** The storage key; the version suffix lets a later shape live beside this one. */
export const INDICATORS_KEY = 'tickscope.indicators.v1';

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

/** Indicators per chart id, as saved. */
export type ChartIndicators = Readonly<Record<string, readonly IndicatorSpec[]>>;

/** Every chart's indicators in `value`, or the first problem, naming the chart. */
export function parseChartIndicators(
	value: unknown
): { charts: ChartIndicators } | { error: string } {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return { error: 'indicators must be an object of chart id to a list' };
	}
	const charts: Record<string, readonly IndicatorSpec[]> = {};
	for (const [chart, list] of Object.entries(value)) {
		const parsed = parseSpecs(list);
		if ('error' in parsed) return { error: `chart "${chart}": ${parsed.error}` };
		charts[chart] = parsed.specs;
	}
	return { charts };
}

/** The saved indicators; nothing when storage is missing, throws or holds something unreadable. */
export function loadIndicators(storage: KeyValueStore | null): ChartIndicators {
	try {
		const text = storage?.getItem(INDICATORS_KEY) ?? null;
		if (text === null) return {};
		const parsed = parseChartIndicators(JSON.parse(text));
		return 'charts' in parsed ? parsed.charts : {};
	} catch {
		return {};
	}
}

export function saveIndicators(storage: KeyValueStore | null, charts: ChartIndicators): void {
	try {
		storage?.setItem(INDICATORS_KEY, JSON.stringify(charts));
	} catch {
		// Quota or a disabled store: the indicators last as long as the page.
	}
}
