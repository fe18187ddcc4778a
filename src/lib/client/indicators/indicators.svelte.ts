import {
	defaultSpec,
	specProblem,
	type IndicatorKind,
	type IndicatorSpec
} from '../../core/indicators/indicator-spec';
import { loadIndicators, saveIndicators, type ChartIndicators } from './indicator-store';

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * The indicators of each chart, as the user set them: added, edited and removed here, saved at
 * once (they survive a reload), and handed to `changed` so the worker computes them and the chart
 * draws them.
 */
export class IndicatorsState {
	charts: ChartIndicators = $state.raw({});
	readonly #storage: KeyValueStore | null;
	readonly #changed: (chart: string, specs: readonly IndicatorSpec[]) => void;

	constructor(
		storage: KeyValueStore | null,
		changed: (chart: string, specs: readonly IndicatorSpec[]) => void
	) {
		this.#storage = storage;
		this.#changed = changed;
		this.charts = loadIndicators(storage);
	}

	of(chart: string): readonly IndicatorSpec[] {
		return this.charts[chart] ?? [];
	}

	add(chart: string, kind: IndicatorKind): IndicatorSpec {
		const specs = this.of(chart);
		const taken = specs.map((spec) => spec.id);
		let n = 1;
		while (taken.includes(`${kind}${n}`)) n++;
		const spec = defaultSpec(kind, `${kind}${n}`);
		this.#set(chart, [...specs, spec]);
		return spec;
	}

	remove(chart: string, id: string): void {
		this.#set(
			chart,
			this.of(chart).filter((spec) => spec.id !== id)
		);
	}

	/** Replaces the indicator with `spec.id`; returns why `spec` is refused, or ''. */
	change(chart: string, spec: IndicatorSpec): string {
		const problem = specProblem(spec);
		if (problem !== null) return problem;
		this.#set(
			chart,
			this.of(chart).map((old) => (old.id === spec.id ? spec : old))
		);
		return '';
	}

	/** Restarts a VWAP at the candle opening at or after `atMs`. */
	resetVwap(chart: string, id: string, atMs: number): void {
		const spec = this.of(chart).find((s) => s.id === id);
		if (spec?.kind === 'vwap') this.change(chart, { ...spec, resetAt: Math.floor(atMs) });
	}

	/** Replaces every chart's indicators (a workspace import). */
	replaceAll(charts: ChartIndicators): void {
		const before = this.charts;
		this.charts = charts;
		saveIndicators(this.#storage, charts);
		const ids = [...Object.keys(before), ...Object.keys(charts)];
		for (const [i, chart] of ids.entries()) {
			if (ids.indexOf(chart) === i) this.#changed(chart, charts[chart] ?? []);
		}
	}

	/**
	 * The charts moved: the chart now at position `i` (named `key(i)`) was at `from[i]`, and there
	 * are `from.length` of them, out of `before` (a chart removed, or one duplicated). Indicators
	 * go with their charts; a duplicate gets a copy; the names past the end are let go. Charts
	 * whose indicators changed are told.
	 */
	reorder(key: (index: number) => string, from: readonly number[], before: number): void {
		const old = this.charts;
		const next: Record<string, readonly IndicatorSpec[]> = { ...old };
		for (let i = 0; i < Math.max(before, from.length); i++) delete next[key(i)];
		from.forEach((was, i) => {
			const specs = old[key(was)];
			if (specs !== undefined && specs.length > 0) next[key(i)] = specs;
		});
		this.charts = next;
		saveIndicators(this.#storage, next);
		for (let i = 0; i < Math.max(before, from.length); i++) {
			const name = key(i);
			if ((old[name] ?? []) !== (next[name] ?? [])) this.#changed(name, next[name] ?? []);
		}
	}

	#set(chart: string, specs: readonly IndicatorSpec[]): void {
		this.charts = { ...this.charts, [chart]: specs };
		saveIndicators(this.#storage, this.charts);
		this.#changed(chart, specs);
	}
}
