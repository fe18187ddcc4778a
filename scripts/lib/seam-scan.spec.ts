import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findMarkers, missingFiles, SEAM_MARKERS } from './seam-scan';

const dirs: string[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A build folder holding `files` (relative path to text). */
function build(files: Record<string, string>): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'tickscope-scan-'));
	dirs.push(dir);
	for (const [file, text] of Object.entries(files)) {
		mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		writeFileSync(path.join(dir, file), text);
	}
	return dir;
}

const WORKER = '_app/immutable/workers/feed.worker-abc123.js';
const PAGE = '_app/immutable/nodes/2.abc123.js';

describe('findMarkers', () => {
	it('finds a leaked hook in any file, the service worker too', () => {
		const dir = build({ 'index.html': '', 'sw.js': 'self.__tickscope=1', [PAGE]: '' });
		const hits = findMarkers(dir, SEAM_MARKERS);
		expect(hits.map((hit) => [hit.marker.text, hit.file])).toEqual([['__tickscope', 'sw.js']]);
	});

	it('looks for the arrival recorder in the worker chunk only', () => {
		const dir = build({ [PAGE]: 'e.arrivals', [WORKER]: 'x.arrivalsCount=1' });
		expect(findMarkers(dir, SEAM_MARKERS)).toEqual([]);
		const leaked = build({ [WORKER]: '{seq:1,arrivals:a}' });
		expect(findMarkers(leaked, SEAM_MARKERS).map((hit) => hit.file)).toEqual([WORKER]);
	});

	it('tells the throttle parameter from the throttle option', () => {
		expect(findMarkers(build({ [PAGE]: '{throttle:{minFrames:4}}' }), SEAM_MARKERS)).toEqual([]);
		const leaked = build({ [PAGE]: 't.get(`throttle`)===`off`' });
		expect(findMarkers(leaked, SEAM_MARKERS)).toHaveLength(1);
	});
});

describe('missingFiles', () => {
	it('names the page, worker and service worker files a build lacks', () => {
		expect(
			missingFiles(build({ 'index.html': '', 'sw.js': '', [WORKER]: '', [PAGE]: '' }))
		).toEqual([]);
		expect(missingFiles(build({ 'index.html': '', [PAGE]: '' })).map(String)).toEqual([
			String(/^sw\.js$/),
			String(/^_app\/immutable\/workers\/feed\.worker-[^/]+\.js$/)
		]);
	});
});
