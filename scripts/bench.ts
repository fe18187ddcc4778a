import { runCoreBench } from './bench/core';

/**
 * `npm run bench [-- NAME ...]`: runs the named benchmarks (all when none is named) and prints
 * one JSON line per measurement, each with a `bench` field. Figures only; nothing is asserted.
 */
const BENCHES: Readonly<Record<string, () => Record<string, number | string>>> = {
	core: runCoreBench
};

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
	process.stderr.write(
		`bench: unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}\n`
	);
	process.exitCode = 2;
} else {
	for (const name of asked.length > 0 ? asked : Object.keys(BENCHES)) {
		const run = BENCHES[name];
		if (run !== undefined) console.log(JSON.stringify({ bench: name, ...run() }));
	}
}
