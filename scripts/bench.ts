import { runCoreBench } from './bench/core';
import { runE2eBench } from './bench/e2e';
import { runHistoryBench } from './bench/history';
import { runRepairBench } from './bench/repair';
import { runStoreBench } from './bench/store';

type Figures = Record<string, number | string | boolean | null>;

/**
 * A benchmark: returns its one line of figures, or prints several as it measures them. `args` are
 * the command line's options (everything from the first `-`), e.g. `--duration 5`.
 */
type Bench = (
	args: readonly string[],
	print: (figures: Figures) => void
) => Figures | void | Promise<Figures | void>;

/**
 * `npm run bench [-- NAME ... [--OPTION VALUE ...]]`: runs the named benchmarks (all when none is
 * named) and prints one JSON line per measurement, each with a `bench` field. Figures only;
 * nothing is asserted.
 */
const BENCHES: Readonly<Record<string, Bench>> = {
	core: runCoreBench,
	// Chromium against the test build (npm run build:test), which it builds first.
	store: runStoreBench,
	// Chromium against the test build (built first) and the test server, 10 runs of ~30 s.
	e2e: runE2eBench,
	// Chromium against the test build (built first) and the test server with 17 h of history.
	history: runHistoryBench,
	// Chromium against the test build (built first) and the test server: a 5-minute gap, 20 drops.
	repair: runRepairBench
};

const argv = process.argv.slice(2);
const firstOption = argv.findIndex((arg) => arg.startsWith('-'));
const asked = firstOption === -1 ? argv : argv.slice(0, firstOption);
const options = firstOption === -1 ? [] : argv.slice(firstOption);
const unknown = asked.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
	process.stderr.write(
		`bench: unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}\n`
	);
	process.exitCode = 2;
} else {
	for (const name of asked.length > 0 ? asked : Object.keys(BENCHES)) {
		const run = BENCHES[name];
		const print = (figures: Figures) => console.log(JSON.stringify({ bench: name, ...figures }));
		const figures = await run?.(options, print);
		if (figures) print(figures);
	}
}
