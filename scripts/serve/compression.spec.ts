import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CompressedFiles, isCompressible, negotiateEncoding } from './compression.js';

describe('negotiateEncoding', () => {
	it('prefers brotli when both are accepted equally', () => {
		expect(negotiateEncoding('gzip, deflate, br, zstd')).toBe('br');
	});
	it('takes gzip when brotli is not accepted or refused', () => {
		expect(negotiateEncoding('gzip, deflate')).toBe('gzip');
		expect(negotiateEncoding('br;q=0, gzip')).toBe('gzip');
	});
	it('follows q-values', () => {
		expect(negotiateEncoding('br;q=0.5, gzip;q=0.9')).toBe('gzip');
	});
	it('sends identity when nothing usable is accepted', () => {
		expect(negotiateEncoding(undefined)).toBeNull();
		expect(negotiateEncoding('')).toBeNull();
		expect(negotiateEncoding('identity')).toBeNull();
		expect(negotiateEncoding('*;q=0')).toBeNull();
	});
	it('honours the wildcard', () => {
		expect(negotiateEncoding('*')).toBe('br');
	});
});

describe('isCompressible', () => {
	it('compresses text types above the minimum size only', () => {
		expect(isCompressible('.js', 5000)).toBe(true);
		expect(isCompressible('.JS', 5000)).toBe(true);
		expect(isCompressible('.js', 100)).toBe(false);
		expect(isCompressible('.png', 50_000)).toBe(false);
	});
});

describe('CompressedFiles', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'tickscope-compress-'));
	const file = path.join(dir, 'app.js');
	const text = 'const candle = { open: 1, high: 2, low: 0.5, close: 1.5 };\n'.repeat(200);

	it('round-trips both encodings and shrinks text', () => {
		writeFileSync(file, text);
		const files = new CompressedFiles();
		const br = files.get(file, statSync(file), 'br');
		const gz = files.get(file, statSync(file), 'gzip');
		expect(brotliDecompressSync(br).toString()).toBe(text);
		expect(gunzipSync(gz).toString()).toBe(text);
		expect(br.length).toBeLessThan(text.length / 10);
	});

	it('compresses a changed file again', () => {
		writeFileSync(file, text);
		const files = new CompressedFiles();
		const first = files.get(file, statSync(file), 'gzip');
		expect(files.get(file, statSync(file), 'gzip')).toBe(first);
		writeFileSync(file, 'changed '.repeat(300));
		utimesSync(file, new Date(), new Date(Date.now() + 5000));
		expect(gunzipSync(files.get(file, statSync(file), 'gzip')).toString()).toBe(
			'changed '.repeat(300)
		);
	});
});
