import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** The repository root: this file lives in `<repo>/tests/support/`. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The shared Binance fixtures, read in place (never copied into the repository):
 * `<repo>/../shared/fixtures/binance`, or `$TICKSCOPE_FIXTURES` when set.
 */
export function fixturesDir(): string {
	const override = process.env.TICKSCOPE_FIXTURES;
	return override !== undefined && override !== ''
		? path.resolve(override)
		: path.resolve(repoRoot, '..', 'shared', 'fixtures', 'binance');
}

/** The recorded stream files, by role. */
export const RECORDINGS = {
	btc20240808: 'btcusdt-trade-depth-20240808.txt.gz',
	btc20240809: 'btcusdt-trade-depth-20240809.txt.gz',
	eth20240808: 'ethusdt-trade-depth-20240808.txt.gz',
	eth20240809: 'ethusdt-trade-depth-20240809.txt.gz',
	btc20230405: 'btcusdt-trade-depth-20230405.txt.gz',
	btcEthDot20210404: 'btc-eth-dot-aggtrade-kline1m-20210404.txt',
	tenSymbols20210405: 'ten-symbols-aggtrade-depth-20210405.txt'
} as const;

/** What the app tests replay: BTCUSDT + ETHUSDT, 2024-08-08 23:54 -> 2024-08-09 00:05 UTC. */
export const DEFAULT_RECORDINGS: readonly string[] = [
	RECORDINGS.btc20240808,
	RECORDINGS.btc20240809,
	RECORDINGS.eth20240808,
	RECORDINGS.eth20240809
];

/** A file in `ws-recordings/`; an absolute path is returned unchanged. */
export function recordingPath(name: string): string {
	return path.isAbsolute(name) ? name : path.join(fixturesDir(), 'ws-recordings', name);
}

/** A file in `rest-samples/`. */
export function restSamplePath(name: string): string {
	return path.join(fixturesDir(), 'rest-samples', name);
}

/** The whole text of a fixture file, gunzipped when its name ends in `.gz`. */
export function readFixtureText(file: string): string {
	const bytes = readFileSync(file);
	return (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}
