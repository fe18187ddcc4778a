import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What a test seam or a spec helper leaves in a built file, and which files to look in. */
export interface Marker {
	readonly what: string;
	readonly text: string | RegExp;
	/** Only files whose path (relative, with `/`) matches; default every file. */
	readonly files?: RegExp;
}

/**
 * The test and bench seams (src/lib/core/test-seams.ts) as they appear in a bundle. The test
 * build shows every one (so a marker cannot go stale unnoticed); the production build none.
 */
export const SEAM_MARKERS: readonly Marker[] = [
	{ what: 'the debug hook (window.__tickscope)', text: '__tickscope' },
	{ what: "the debug hook's slow render", text: 'setSlowRender' },
	{ what: "the debug hook's render figures", text: 'renderStats' },
	{ what: 'the debugSlowRenderMs URL parameter', text: 'debugSlowRenderMs' },
	{ what: 'the debugBudgetShare URL parameter', text: 'debugBudgetShare' },
	{ what: 'the throttle=off URL parameter', text: /[`'"]throttle[`'"]/ },
	{ what: "the page's lag samples (RenderStats)", text: 'tradeLagsMs' },
	{
		what: "the worker's per-trade arrival recorder",
		text: /\barrivals\b/,
		files: /^_app\/immutable\/workers\/feed\.worker-[^/]+\.js$/
	}
];

/**
 * Spec helpers (src/lib/<layer>/testing/): no build may hold them. vite.config.ts already fails a
 * build that imports one; these strings are a second look.
 */
export const TEST_HELPER_MARKERS: readonly Marker[] = [
	{ what: 'binance/testing/connection-fakes.ts', text: 'no socket yet' },
	{ what: 'client/testing/test-feed.ts', text: 'no import result set' },
	{ what: 'feed/testing/lock-fakes.ts', text: 'The request was aborted' }
];

/** Files a build must have, so a scan provably covered the page, the worker and the service worker. */
export const REQUIRED_FILES: readonly RegExp[] = [
	/^index\.html$/,
	/^sw\.js$/,
	/^_app\/immutable\/workers\/feed\.worker-[^/]+\.js$/,
	/^_app\/immutable\/nodes\/[^/]+\.js$/
];

const TEXT = /\.(js|mjs|html|css|json|webmanifest|svg|txt)$/;

/** Every text file under `dir`, relative with `/`. */
export function textFiles(dir: string): string[] {
	return readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.map((file) => file.split(path.sep).join('/'))
		.filter((file) => TEXT.test(file));
}

export interface Hit {
	readonly marker: Marker;
	readonly file: string;
}

/** Each marker found in `dir`, with the first file that holds it. */
export function findMarkers(dir: string, markers: readonly Marker[]): Hit[] {
	const files = textFiles(dir).map((file) => ({
		file,
		text: readFileSync(path.join(dir, file), 'utf8')
	}));
	const hits: Hit[] = [];
	for (const marker of markers) {
		const found = files.find(
			({ file, text }) =>
				(marker.files?.test(file) ?? true) &&
				(typeof marker.text === 'string' ? text.includes(marker.text) : marker.text.test(text))
		);
		if (found) hits.push({ marker, file: found.file });
	}
	return hits;
}

/** The REQUIRED_FILES patterns no file in `dir` matches. */
export function missingFiles(dir: string): RegExp[] {
	const files = textFiles(dir);
	return REQUIRED_FILES.filter((pattern) => !files.some((file) => pattern.test(file)));
}
