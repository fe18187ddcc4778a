#!/usr/bin/env node
// Draws the Tickscope mark (static/favicon.svg: a dark rounded square with a green rising line)
// into the PNG icons the web app manifest names, with no image library:
//   node scripts/make-icons.js [--out static/icons]
// The shapes are evaluated as signed distances per pixel (one-pixel anti-aliased edges), and the
// pixels are written by the small PNG encoder below (8-bit RGBA, no filtering, zlib from node).
// The output is deterministic: running it again rewrites the same bytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { deflateSync } from 'node:zlib';

/** The mark in the favicon's 64-unit coordinates. */
const VIEW = 64;
const CORNER_RADIUS = 12;
const BACKGROUND = [0x0f, 0x14, 0x19];
const STROKE = [0x26, 0xa6, 0x9a];
const STROKE_HALF_WIDTH = 3;
const LINE = [
	[14, 44],
	[26, 30],
	[34, 36],
	[50, 18]
];
/** The line's bounding box centre, so a scaled mark stays centred. */
const LINE_CENTRE = [32, 31];

/**
 * `any` icons are the favicon as drawn (transparent outside the rounded corners). Full-bleed ones
 * are opaque squares the platform masks itself: `maskable` keeps the line inside the central safe
 * circle (radius 40% of the size), the Apple touch icon only loses its corners.
 */
const ICONS = [
	{ file: 'icon-192.png', size: 192, corner: CORNER_RADIUS, scale: 1 },
	{ file: 'icon-512.png', size: 512, corner: CORNER_RADIUS, scale: 1 },
	{ file: 'icon-maskable-512.png', size: 512, corner: 0, scale: 0.8 },
	{ file: 'apple-touch-icon-180.png', size: 180, corner: 0, scale: 1 }
];

// ---- geometry (64-unit space) ----

function roundedSquareDistance(x, y, corner) {
	const half = VIEW / 2;
	const qx = Math.abs(x - half) - (half - corner);
	const qy = Math.abs(y - half) - (half - corner);
	const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
	return outside + Math.min(Math.max(qx, qy), 0) - corner;
}

function segmentDistance(x, y, [ax, ay], [bx, by]) {
	const dx = bx - ax;
	const dy = by - ay;
	const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
	return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** Distance to the stroke's edge: round caps and joins are what a distance to the polyline gives. */
function strokeDistance(x, y, line) {
	let nearest = Infinity;
	for (let i = 1; i < line.length; i += 1) {
		nearest = Math.min(nearest, segmentDistance(x, y, line[i - 1], line[i]));
	}
	return nearest - STROKE_HALF_WIDTH;
}

function scaledLine(scale) {
	return LINE.map(([x, y]) => [
		(x - LINE_CENTRE[0]) * scale + VIEW / 2,
		(y - LINE_CENTRE[1]) * scale + VIEW / 2
	]);
}

// ---- raster ----

/** Share of a pixel `unit` wide covered by a shape whose signed distance is `distance`. */
const coverage = (distance, unit) => Math.min(1, Math.max(0, 0.5 - distance / unit));

/** Straight-alpha RGBA of the stroke drawn over the background. */
function shade(background, stroke) {
	const alpha = stroke + background * (1 - stroke);
	if (alpha === 0) return [0, 0, 0, 0];
	const channel = (i) =>
		Math.round((STROKE[i] * stroke + BACKGROUND[i] * background * (1 - stroke)) / alpha);
	return [channel(0), channel(1), channel(2), Math.round(alpha * 255)];
}

function render({ size, corner, scale }) {
	const unit = VIEW / size;
	const line = scaledLine(scale);
	const pixels = Buffer.alloc(size * size * 4);
	for (let row = 0; row < size; row += 1) {
		for (let col = 0; col < size; col += 1) {
			const x = (col + 0.5) * unit;
			const y = (row + 0.5) * unit;
			const background = coverage(roundedSquareDistance(x, y, corner), unit);
			const stroke = Math.min(background, coverage(strokeDistance(x, y, line), unit));
			pixels.set(shade(background, stroke), (row * size + col) * 4);
		}
	}
	return pixels;
}

// ---- PNG ----

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes) {
	let c = 0xffffffff;
	for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

/** One chunk: length, type, data, CRC of type + data. */
function chunk(type, data) {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'latin1');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
	return Buffer.concat([head, data, crc]);
}

/** A truecolour-with-alpha PNG: every scanline starts with filter type 0 (none). */
function encodePng(size, rgba) {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, no filter set, no interlace
	const stride = size * 4;
	const raw = Buffer.alloc(size * (stride + 1));
	for (let row = 0; row < size; row += 1) {
		rgba.copy(raw, row * (stride + 1) + 1, row * stride, (row + 1) * stride);
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(raw, { level: 9 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

const { values } = parseArgs({ options: { out: { type: 'string', default: 'static/icons' } } });
const outDir = path.resolve(values.out);
mkdirSync(outDir, { recursive: true });
for (const icon of ICONS) {
	const png = encodePng(icon.size, render(icon));
	writeFileSync(path.join(outDir, icon.file), png);
	console.log(
		`${path.join(values.out, icon.file)}  ${icon.size}x${icon.size}  ${png.length} bytes`
	);
}
