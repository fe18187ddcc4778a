// The Content-Security-Policy header of an HTML page: the policy SvelteKit wrote into the page's
// <meta http-equiv="content-security-policy"> (svelte.config.js kit.csp, with the hash of the
// inline bootstrap), plus what a meta tag cannot carry: frame-ancestors, so no other site frames
// the app. Read once per file version.
import { readFileSync } from 'node:fs';

const META = /<meta http-equiv="content-security-policy" content="([^"]*)"/i;
const HEADER_ONLY = "frame-ancestors 'none'";

/** @type {Map<string, { version: string, policy: string | null }>} */
const policies = new Map();

/**
 * The header for the HTML file `file` (stat: its fs.Stats); null when the page has no policy.
 * @param {string} file
 * @param {import('node:fs').Stats} stat
 * @returns {string | null}
 */
export function pagePolicy(file, stat) {
	const version = `${stat.size}-${stat.mtimeMs}`;
	const known = policies.get(file);
	if (known?.version === version) return known.policy;
	const meta = META.exec(readFileSync(file, 'utf8'))?.[1];
	const policy =
		meta === undefined ? null : `${unescapeHtml(meta).trim().replace(/;?$/, ';')} ${HEADER_ONLY}`;
	policies.set(file, { version, policy });
	return policy;
}

/**
 * Attribute text back to the policy: SvelteKit escapes quotes as &quot; (and & as &amp;).
 * @param {string} text
 */
function unescapeHtml(text) {
	return text.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');
}
