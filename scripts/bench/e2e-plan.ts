import type { ThrottleMode } from '../../src/lib/client/render/render-params';

/**
 * The order the end-to-end bench measures in, and the medians of its repeats. Under a load that
 * changes during a run (other processes, thermal limits), whatever runs first or last in a fixed
 * order is measured on a different machine from the rest: issue 19 saw `--cpu-throttle 4` results
 * depend on which mode ran first. So the variants of one rate and view (each mode, each build)
 * run interleaved, round after round, every other round in reverse order (ABBA ABBA...): a load
 * that drifts steadily falls on each variant alike, and the median per variant of `repeat` rounds
 * is what to compare.
 */

export type BenchView = 'chart' | 'panels' | 'grid';

/** The app measured: the build this checkout makes, or a prebuilt one given as a baseline. */
export type BenchBuild = 'current' | 'baseline';

export interface BenchRun {
	readonly rate: number;
	readonly view: BenchView;
	readonly mode: ThrottleMode;
	readonly build: BenchBuild;
	/** 1-based: which repeat of this variant this is. */
	readonly round: number;
}

export interface PlanOptions {
	readonly rates: readonly number[];
	readonly views: readonly BenchView[];
	readonly modes: readonly ThrottleMode[];
	readonly builds: readonly BenchBuild[];
	readonly repeat: number;
}

/** Every run, in order: per rate and view, `repeat` rounds of every mode x build, ABBA. */
export function benchPlan(options: PlanOptions): BenchRun[] {
	const runs: BenchRun[] = [];
	const variants = options.builds.flatMap((build) =>
		options.modes.map((mode) => ({ mode, build }))
	);
	for (const rate of options.rates) {
		for (const view of options.views) {
			for (let round = 1; round <= options.repeat; round++) {
				const order = round % 2 === 1 ? variants : [...variants].reverse();
				for (const variant of order) runs.push({ rate, view, ...variant, round });
			}
		}
	}
	return runs;
}

export type BenchLine = Record<string, number | string | boolean | null>;

/** Fields that name a variant rather than measure it. */
const IDENTITY = ['rate', 'throttle', 'view', 'build', 'contend', 'cpu_throttle'] as const;

function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	const upper = sorted[mid] as number;
	return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

/**
 * One line per variant (same rate, view, mode, build and conditions): each numeric figure's median
 * over that variant's lines, taken figure by figure (so a median line is no single run), with
 * `runs` the number of lines. A figure some lines lack or hold as null is the median of the rest.
 */
export function medianLines(lines: readonly BenchLine[]): BenchLine[] {
	const groups = new Map<string, BenchLine[]>();
	for (const line of lines) {
		const key = JSON.stringify(IDENTITY.map((field) => line[field] ?? null));
		groups.set(key, [...(groups.get(key) ?? []), line]);
	}
	return [...groups.values()].map((group) => {
		const first = group[0] as BenchLine;
		const out: BenchLine = { summary: 'median', runs: group.length };
		for (const field of IDENTITY) if (field in first) out[field] = first[field] ?? null;
		for (const field of Object.keys(first)) {
			if (field in out || field === 'round' || typeof first[field] === 'string') continue;
			const values = group.map((line) => line[field]).filter((v) => typeof v === 'number');
			out[field] = values.length === 0 ? null : Math.round(median(values) * 10) / 10;
		}
		return out;
	});
}
