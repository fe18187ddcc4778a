import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILDS } from '../tests/support/builds';
import {
	findMarkers,
	missingFiles,
	SEAM_MARKERS,
	TEST_HELPER_MARKERS,
	type Marker
} from './lib/seam-scan';

/**
 * `npm run check:build` (after `npm run build` and `npm run build:test`; `npm test` runs it): the
 * production build holds no test seam and no spec helper, in any file (page, worker, service
 * worker); the test build holds every seam marker, which proves the markers are what a leak
 * would look like. Exits 1 with each problem on its own line.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const production = path.join(ROOT, BUILDS.production.dir);
const test = path.join(ROOT, BUILDS.test.dir);
const problems: string[] = [];

for (const dir of [production, test]) {
	if (!existsSync(path.join(dir, 'index.html'))) {
		problems.push(`${dir}: no build (npm run build && npm run build:test)`);
		continue;
	}
	for (const pattern of missingFiles(dir)) problems.push(`${dir}: no file matches ${pattern}`);
}
if (problems.length === 0) {
	for (const { marker, file } of findMarkers(production, [
		...SEAM_MARKERS,
		...TEST_HELPER_MARKERS
	])) {
		problems.push(`${BUILDS.production.dir}/${file} holds ${marker.what} (${String(marker.text)})`);
	}
	for (const { marker, file } of findMarkers(test, TEST_HELPER_MARKERS)) {
		problems.push(`${BUILDS.test.dir}/${file} holds ${marker.what} (${String(marker.text)})`);
	}
	const shown = new Set(findMarkers(test, SEAM_MARKERS).map((hit) => hit.marker));
	const stale = SEAM_MARKERS.filter((marker: Marker) => !shown.has(marker));
	for (const marker of stale) {
		problems.push(
			`${BUILDS.test.dir} lacks ${marker.what} (${String(marker.text)}): a stale marker proves nothing`
		);
	}
}

if (problems.length > 0) {
	for (const problem of problems) console.error(`check:build: ${problem}`);
	process.exitCode = 1;
} else {
	const markers = SEAM_MARKERS.length + TEST_HELPER_MARKERS.length;
	console.log(
		`check:build: ${BUILDS.production.dir}/ is free of ${markers} test-seam and spec-helper markers; ${BUILDS.test.dir}/ shows every seam`
	);
}
