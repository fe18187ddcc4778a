/** One timed workload: runs over the whole input once and returns how many items it handled. */
export type Workload = () => number;

export interface Rate {
	/** Items per CPU second, median over the timed rounds. */
	readonly median: number;
	/** Items per CPU second of the fastest round. */
	readonly best: number;
}

export interface MeasureOptions {
	/** Untimed rounds first, so the JIT has settled. */
	readonly warmupRounds: number;
	readonly rounds: number;
	/** Workload runs per round: a round should last tens of ms at least. */
	readonly passesPerRound: number;
}

function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 === 1
		? (sorted[mid] ?? 0)
		: ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * Items per CPU second of this process (user + system, all threads, so GC helpers count). CPU
 * time rather than wall time: on a shared machine, time spent waiting for a core is not ours.
 */
function timeRound(workload: Workload, passes: number): number {
	const start = process.cpuUsage();
	let items = 0;
	for (let pass = 0; pass < passes; pass++) items += workload();
	const used = process.cpuUsage(start);
	return items / ((used.user + used.system) / 1e6);
}

/**
 * Rates of several workloads measured round-robin in the same process, so drift (other load on
 * the machine, thermal state) hits each alike.
 */
export function measureRates<K extends string>(
	workloads: Readonly<Record<K, Workload>>,
	options: MeasureOptions
): Record<K, Rate> {
	const names = Object.keys(workloads) as K[];
	const samples = new Map<K, number[]>(names.map((name) => [name, []]));
	for (let round = 0; round < options.warmupRounds + options.rounds; round++) {
		for (const name of names) {
			const rate = timeRound(workloads[name], options.passesPerRound);
			if (round >= options.warmupRounds) samples.get(name)?.push(rate);
		}
	}
	const rates = {} as Record<K, Rate>;
	for (const name of names) {
		const values = samples.get(name) ?? [];
		rates[name] = { median: median(values), best: Math.max(...values) };
	}
	return rates;
}
