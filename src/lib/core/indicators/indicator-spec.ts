/**
 * What a chart asks the worker to compute: one entry per indicator on the chart, with its
 * parameters. Plain data, so it travels to the worker, persists in settings and round-trips through
 * the workspace file.
 */
export type IndicatorKind = 'sma' | 'ema' | 'vwap' | 'bb' | 'rsi' | 'macd' | 'vma';

/** Where a VWAP starts over by itself: every UTC day, every week (Monday 00:00 UTC), or never. */
export type VwapSession = 'day' | 'week' | 'none';

export type IndicatorSpec =
	| { readonly id: string; readonly kind: 'sma' | 'ema' | 'vma'; readonly period: number }
	| { readonly id: string; readonly kind: 'rsi'; readonly period: number }
	| { readonly id: string; readonly kind: 'bb'; readonly period: number; readonly mult: number }
	| {
			readonly id: string;
			readonly kind: 'macd';
			readonly fast: number;
			readonly slow: number;
			readonly signal: number;
	  }
	| {
			readonly id: string;
			readonly kind: 'vwap';
			readonly session: VwapSession;
			/** Manual reset (ms): the VWAP starts over at the first candle opening at or after it. */
			readonly resetAt: number | null;
	  };

export const INDICATOR_KINDS: readonly IndicatorKind[] = [
	'sma',
	'ema',
	'vwap',
	'bb',
	'rsi',
	'macd',
	'vma'
];

export const INDICATOR_NAMES: Readonly<Record<IndicatorKind, string>> = {
	sma: 'SMA',
	ema: 'EMA',
	vwap: 'VWAP',
	bb: 'Bollinger',
	rsi: 'RSI',
	macd: 'MACD',
	vma: 'Volume MA'
};

/** Names of each kind's output lines, in the order the worker sends them. */
export const INDICATOR_LINES: Readonly<Record<IndicatorKind, readonly string[]>> = {
	sma: ['sma'],
	ema: ['ema'],
	vwap: ['vwap'],
	bb: ['middle', 'upper', 'lower'],
	rsi: ['rsi'],
	macd: ['macd', 'signal', 'histogram'],
	vma: ['vma']
};

/** Drawn over the candles (price scale) rather than in a pane of its own. */
export const ON_PRICE: Readonly<Record<IndicatorKind, boolean>> = {
	sma: true,
	ema: true,
	vwap: true,
	bb: true,
	rsi: false,
	macd: false,
	vma: false
};

/** A new indicator of `kind` with the usual parameters. */
export function defaultSpec(kind: IndicatorKind, id: string): IndicatorSpec {
	switch (kind) {
		case 'sma':
		case 'ema':
			return { id, kind, period: 20 };
		case 'vma':
			return { id, kind, period: 20 };
		case 'rsi':
			return { id, kind, period: 14 };
		case 'bb':
			return { id, kind, period: 20, mult: 2 };
		case 'macd':
			return { id, kind, fast: 12, slow: 26, signal: 9 };
		case 'vwap':
			return { id, kind, session: 'day', resetAt: null };
	}
}

/** Short text for legends and menus: `EMA 20`, `MACD 12 26 9`, `VWAP day`. */
export function specLabel(spec: IndicatorSpec): string {
	const name = INDICATOR_NAMES[spec.kind];
	switch (spec.kind) {
		case 'bb':
			return `BB ${spec.period} ${spec.mult}`;
		case 'macd':
			return `${name} ${spec.fast} ${spec.slow} ${spec.signal}`;
		case 'vwap':
			return `${name} ${spec.session}`;
		default:
			return `${name} ${spec.period}`;
	}
}

export const MAX_PERIOD = 1000;

const isPeriod = (value: unknown): value is number =>
	typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_PERIOD;

/** Why `value` is not a valid spec, in words; null when it is one. */
export function specProblem(value: unknown): string | null {
	if (typeof value !== 'object' || value === null) return 'an indicator must be an object';
	const spec = value as Record<string, unknown>;
	if (typeof spec.id !== 'string' || spec.id === '') return 'an indicator needs a text id';
	const kind = spec.kind;
	if (typeof kind !== 'string' || !(INDICATOR_KINDS as readonly string[]).includes(kind)) {
		return `unknown indicator kind ${JSON.stringify(kind)} (one of ${INDICATOR_KINDS.join(', ')})`;
	}
	return paramsProblem(kind as IndicatorKind, spec);
}

function paramsProblem(kind: IndicatorKind, spec: Record<string, unknown>): string | null {
	const period = `${INDICATOR_NAMES[kind]} period must be a whole number from 1 to ${MAX_PERIOD}`;
	switch (kind) {
		case 'macd':
			return macdProblem(spec);
		case 'vwap':
			return vwapProblem(spec);
		case 'bb':
			if (!isPeriod(spec.period)) return period;
			return typeof spec.mult === 'number' && spec.mult > 0 && spec.mult <= 10
				? null
				: 'Bollinger width must be above 0 and at most 10 standard deviations';
		default:
			return isPeriod(spec.period) ? null : period;
	}
}

function macdProblem(spec: Record<string, unknown>): string | null {
	const { fast, slow, signal } = spec;
	if (!isPeriod(fast) || !isPeriod(slow) || !isPeriod(signal)) {
		return `MACD periods must be whole numbers from 1 to ${MAX_PERIOD}`;
	}
	return fast < slow ? null : 'MACD fast period must be below the slow one';
}

function vwapProblem(spec: Record<string, unknown>): string | null {
	if (!['day', 'week', 'none'].includes(spec.session as string)) {
		return 'VWAP session must be day, week or none';
	}
	return spec.resetAt === null || Number.isSafeInteger(spec.resetAt)
		? null
		: 'VWAP resetAt must be a time in ms or null';
}

/** Specs in `value` (an array), or the first problem with one of them. */
export function parseSpecs(value: unknown): { specs: IndicatorSpec[] } | { error: string } {
	if (!Array.isArray(value)) return { error: 'indicators must be a list' };
	const ids = new Set<string>();
	for (const [i, item] of value.entries()) {
		const problem = specProblem(item);
		if (problem !== null) return { error: `indicator ${i + 1}: ${problem}` };
		const id = (item as IndicatorSpec).id;
		if (ids.has(id)) return { error: `indicator ${i + 1}: id "${id}" is used twice` };
		ids.add(id);
	}
	return { specs: value as IndicatorSpec[] };
}
