#!/usr/bin/env node
// Serves the built app (build/) as a static single-page app, with no dependencies:
//   node scripts/serve.js [--port 4173] [--dir build] [--host 127.0.0.1]   (PORT env also works)
// Hashed files under /_app/immutable/ are cached for a year; HTML, the service worker and
// everything else must be revalidated (no-cache), so a new deploy is picked up at once.
// Text files go out brotli- or gzip-compressed when the request accepts it (scripts/serve/
// compression.js), compressed once per file version and kept in memory.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CompressedFiles, isCompressible, negotiateEncoding } from './serve/compression.js';
import { pagePolicy } from './serve/csp.js';

const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.map': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.webp': 'image/webp',
	'.ico': 'image/x-icon',
	'.wasm': 'application/wasm',
	'.woff2': 'font/woff2',
	'.woff': 'font/woff',
	'.txt': 'text/plain; charset=utf-8',
	'.csv': 'text/csv; charset=utf-8',
	'.gz': 'application/gzip'
};

const IMMUTABLE = 'public, max-age=31536000, immutable';

const compressed = new CompressedFiles();

function options() {
	const { values } = parseArgs({
		options: {
			port: { type: 'string' },
			dir: { type: 'string', default: 'build' },
			host: { type: 'string' }
		}
	});
	const port = Number(values.port ?? process.env.PORT ?? 4173);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`not a port: ${values.port ?? process.env.PORT}`);
	}
	return { port, root: path.resolve(values.dir), host: values.host };
}

/** The file a URL path names inside root, or null when it would leave root. */
function resolveInside(root, urlPath) {
	let decoded;
	try {
		decoded = decodeURIComponent(urlPath);
	} catch {
		return null;
	}
	const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
	return file === root || file.startsWith(root + path.sep) ? file : null;
}

function isFile(file) {
	try {
		return statSync(file).isFile();
	} catch {
		return false;
	}
}

/** The file to answer with: the file itself, a directory's index.html, or the SPA shell. */
function pick(root, urlPath) {
	const file = resolveInside(root, urlPath);
	if (file === null) return null;
	if (isFile(file)) return file;
	const index = path.join(file, 'index.html');
	if (isFile(index)) return index;
	// Client-side routes have no extension; a missing asset (with one) is a real 404.
	if (path.extname(urlPath) === '') return path.join(root, 'index.html');
	return null;
}

function cacheControl(root, file) {
	const relative = path.relative(root, file).split(path.sep).join('/');
	return relative.startsWith('_app/immutable/') ? IMMUTABLE : 'no-cache';
}

/** The headers of a 200 (or 304) answer with `file` in `encoding` (null: as stored). */
function headersFor(root, file, stat, encoding) {
	const extension = path.extname(file).toLowerCase();
	// One ETag per representation: a cache must not answer a gzip request with brotli bytes.
	const tag = `${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}`;
	return {
		'Content-Type': TYPES[extension] ?? 'application/octet-stream',
		'Cache-Control': cacheControl(root, file),
		'Last-Modified': stat.mtime.toUTCString(),
		ETag: `W/"${encoding === null ? tag : `${tag}-${encoding}`}"`,
		'X-Content-Type-Options': 'nosniff',
		...cspHeader(file, stat, extension),
		// The answer depends on Accept-Encoding for every file that can be compressed.
		...(isCompressible(extension, stat.size) ? { Vary: 'Accept-Encoding' } : {}),
		...(encoding === null ? {} : { 'Content-Encoding': encoding })
	};
}

/** Pages carry their Content-Security-Policy as a header too (scripts/serve/csp.js). */
function cspHeader(file, stat, extension) {
	const policy = extension === '.html' ? pagePolicy(file, stat) : null;
	return policy === null ? {} : { 'Content-Security-Policy': policy };
}

function handle(root, req, res) {
	if (req.method !== 'GET' && req.method !== 'HEAD') {
		res.writeHead(405, { Allow: 'GET, HEAD' }).end();
		return;
	}
	const { pathname } = new URL(req.url ?? '/', 'http://localhost');
	const file = pick(root, pathname);
	if (file === null || !isFile(file)) {
		res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
		return;
	}
	const stat = statSync(file);
	const encoding = isCompressible(path.extname(file), stat.size)
		? negotiateEncoding(req.headers['accept-encoding'])
		: null;
	const headers = headersFor(root, file, stat, encoding);
	const etag = headers.ETag;
	if (req.headers['if-none-match'] === etag) {
		res.writeHead(304, headers).end();
		return;
	}
	if (encoding !== null) {
		const body = compressed.get(file, stat, encoding);
		res.writeHead(200, { ...headers, 'Content-Length': body.length });
		res.end(req.method === 'HEAD' ? undefined : body);
		return;
	}
	res.writeHead(200, { ...headers, 'Content-Length': stat.size });
	if (req.method === 'HEAD') {
		res.end();
		return;
	}
	createReadStream(file)
		.on('error', () => res.destroy())
		.pipe(res);
}

const { port, root, host } = options();
if (!existsSync(path.join(root, 'index.html'))) {
	console.error(`No ${path.join(root, 'index.html')}: build the app first (npm run build).`);
	process.exit(1);
}
const server = createServer((req, res) => handle(root, req, res));
server.listen(port, host, () => {
	const address = server.address();
	const shown = typeof address === 'object' && address !== null ? address.port : port;
	console.log(`Tickscope is running at http://localhost:${shown}/`);
});
const stop = () => {
	server.close(() => process.exit(0));
	server.closeAllConnections();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
