// Compressed answers for the static server (scripts/serve.js): the encoding a request accepts
// (brotli before gzip), and the compressed bytes of a file, made once per file version and kept in
// memory. Only text types are worth it; images and fonts are compressed already.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = new Set([
	'.html',
	'.js',
	'.mjs',
	'.css',
	'.json',
	'.map',
	'.webmanifest',
	'.svg',
	'.txt',
	'.csv',
	'.wasm'
]);

/** Below this a compressed answer saves less than its headers cost. */
const MIN_BYTES = 1024;

/**
 * Whether a file of this extension and size should be sent compressed when the client allows.
 * @param {string} extension
 * @param {number} size
 */
export function isCompressible(extension, size) {
	return COMPRESSIBLE.has(extension.toLowerCase()) && size >= MIN_BYTES;
}

/**
 * The q-value of each coding an Accept-Encoding header names (RFC 9110, 12.5.3).
 * @param {string} header
 */
function acceptedCodings(header) {
	/** @type {Map<string, number>} */
	const codings = new Map();
	for (const part of header.split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		if (name === undefined || name === '') continue;
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		const value = q === undefined ? 1 : Number(q.slice(2));
		codings.set(name, Number.isFinite(value) ? value : 0);
	}
	return codings;
}

/**
 * 'br', 'gzip' or null (identity) for an Accept-Encoding header; brotli wins a tie.
 * @param {string | undefined} header
 * @returns {'br' | 'gzip' | null}
 */
export function negotiateEncoding(header) {
	if (typeof header !== 'string' || header === '') return null;
	const codings = acceptedCodings(header);
	const weight = (/** @type {string} */ name) => codings.get(name) ?? codings.get('*') ?? 0;
	const best = /** @type {const} */ (['br', 'gzip']).filter((name) => weight(name) > 0);
	if (best.length === 0) return null;
	return best.reduce((a, b) => (weight(b) > weight(a) ? b : a));
}

/**
 * @param {Buffer} bytes
 * @param {'br' | 'gzip'} encoding
 * @returns {Buffer}
 */
function compress(bytes, encoding) {
	if (encoding === 'gzip') return gzipSync(bytes, { level: 9 });
	return brotliCompressSync(bytes, {
		params: {
			[constants.BROTLI_PARAM_QUALITY]: 11,
			[constants.BROTLI_PARAM_SIZE_HINT]: bytes.length
		}
	});
}

/**
 * A memory cache of compressed files, keyed by path, encoding and version (size and mtime), so
 * a rebuilt file is compressed again and an old version is dropped.
 */
export class CompressedFiles {
	/** @type {Map<string, { version: string, bytes: Buffer }>} */
	#entries = new Map();

	/**
	 * The compressed bytes of `file` (whose stat is `stat`) in `encoding`.
	 * @param {string} file
	 * @param {{ size: number, mtimeMs: number }} stat
	 * @param {'br' | 'gzip'} encoding
	 * @returns {Buffer}
	 */
	get(file, stat, encoding) {
		const key = `${encoding}:${file}`;
		const version = `${stat.size}-${stat.mtimeMs}`;
		const cached = this.#entries.get(key);
		if (cached !== undefined && cached.version === version) return cached.bytes;
		const bytes = compress(readFileSync(file), encoding);
		this.#entries.set(key, { version, bytes });
		return bytes;
	}
}
