import { symbolFromFileName } from '../../core/dump-file-name';
import type { ImportProgress } from '../../protocol/feed-api';
import { CsvTickParser, ImportError, unknownSymbolMessage, type ParsedTicks } from './import-csv';
import { LineSplitter } from './import-lines';
import { streamZip, zipCsvFiles } from './import-zip';

export { ImportError, type ParsedTicks } from './import-csv';

/** What reading a file takes from its host. */
export interface ImportHost {
	/** Wall clock, ms: progress goes out at most every `PROGRESS_MS`. */
	readonly now: () => number;
	/** Lets the event loop run between slices of a big file (control messages, batches). */
	readonly breathe: () => Promise<void>;
}

export interface ImportInput {
	/** The file name as the user chose it: messages name it, symbols come from it. */
	readonly name: string;
	readonly data: ArrayBuffer;
	/** Upper- or lower-case symbol when the caller knows it; otherwise from the file name. */
	readonly symbol?: string;
	readonly progress?: (progress: ImportProgress) => void;
}

export const PROGRESS_MS = 100;
/** Text decoded and parsed per slice. */
const TEXT_SLICE = 1024 * 1024;
const SYMBOL = /^[A-Za-z0-9]{2,30}$/;

type Sniffed = 'zip' | 'gzip' | 'text';

function sniff(bytes: Uint8Array, name: string): Sniffed {
	const [a, b, c] = bytes;
	if (a === 0x50 && b === 0x4b && (c === 3 || c === 5)) return 'zip';
	if (a === 0x1f && b === 0x8b) return 'gzip';
	return /\.zip$/i.test(name) ? 'zip' : 'text';
}

/** Sends progress at most every `PROGRESS_MS`, and always the last figure. */
class ProgressGate {
	#sentAt = -Infinity;
	readonly #host: ImportHost;
	readonly #total: number;
	readonly #send: ((progress: ImportProgress) => void) | undefined;

	constructor(host: ImportHost, total: number, send?: (progress: ImportProgress) => void) {
		this.#host = host;
		this.#total = total;
		this.#send = send;
	}

	async report(bytesDone: number, ticks: number, last = false): Promise<void> {
		const now = this.#host.now();
		if (this.#send && (last || now - this.#sentAt >= PROGRESS_MS)) {
			this.#sentAt = now;
			this.#send({ bytesDone, bytesTotal: this.#total, ticks });
		}
		if (!last) await this.#host.breathe();
	}
}

/**
 * Reads a Binance public-data aggTrades or trades CSV (or the app's own tick export, the same
 * aggTrades layout), plain or zipped, into encoded ticks. A zip with several CSV files is read as
 * one session, the files in name order, when they are of one symbol and follow each other.
 * Nothing is kept on failure: the caller stores the result only when this resolves.
 */
export async function readImport(input: ImportInput, host: ImportHost): Promise<ParsedTicks> {
	const { name, data } = input;
	const bytes = new Uint8Array(data);
	if (bytes.length === 0) throw new ImportError(`${name} is empty`);
	const given = input.symbol?.trim();
	if (given !== undefined && given !== '' && !SYMBOL.test(given)) {
		throw new ImportError(`"${given}" is not a symbol (expected letters and digits, e.g. BTCUSDT)`);
	}
	const symbol = given ? given.toUpperCase() : null;
	const gate = new ProgressGate(host, bytes.length, input.progress);
	const kind = sniff(bytes, name);
	if (kind === 'gzip') {
		throw new ImportError(`${name} is gzip-compressed: import the CSV itself or a .zip`);
	}
	const parsed =
		kind === 'zip'
			? await readZip(bytes, name, symbol, gate)
			: await readText(bytes, name, symbol, gate);
	await gate.report(bytes.length, parsed.ticks, true);
	return parsed;
}

async function readText(
	bytes: Uint8Array,
	name: string,
	symbol: string | null,
	gate: ProgressGate
): Promise<ParsedTicks> {
	const parser = new CsvTickParser(
		name,
		symbol ?? symbolFromFileName(name),
		unknownSymbolMessage(name)
	);
	const lines = new LineSplitter(name, (text, number) => parser.line(text, number));
	for (let at = 0; at < bytes.length; at += TEXT_SLICE) {
		const end = Math.min(bytes.length, at + TEXT_SLICE);
		lines.push(bytes.subarray(at, end), end === bytes.length);
		await gate.report(end, parser.ticks);
	}
	return parser.finish();
}

async function readZip(
	bytes: Uint8Array,
	zipName: string,
	symbol: string | null,
	gate: ProgressGate
): Promise<ParsedTicks> {
	const files = zipCsvFiles(bytes, zipName);
	const readers = new Map(
		files.map(({ name }) => {
			const parser = new CsvTickParser(
				`${zipName}/${name}`,
				symbol ?? symbolFromFileName(name) ?? symbolFromFileName(zipName),
				unknownSymbolMessage(zipName)
			);
			const lines = new LineSplitter(`${zipName}/${name}`, (t, n) => parser.line(t, n));
			return [name, { parser, lines }] as const;
		})
	);
	const ticks = () => [...readers.values()].reduce((n, r) => n + r.parser.ticks, 0);
	await streamZip(bytes, zipName, new Set(readers.keys()), {
		data: (name, chunk, final) => readers.get(name)?.lines.push(chunk, final),
		read: (done) => gate.report(done, ticks())
	});
	const names = [...readers.keys()].sort();
	const parts = names.map((name) => ({ name, ticks: readers.get(name)?.parser.finish() }));
	return joinFiles(zipName, parts);
}

/** Several files of one archive as one session: one symbol, each starting after the previous. */
function joinFiles(
	zipName: string,
	parts: readonly { readonly name: string; readonly ticks: ParsedTicks | undefined }[]
): ParsedTicks {
	const present = parts.flatMap((p) => (p.ticks ? [{ name: p.name, ticks: p.ticks }] : []));
	const [first, ...rest] = present;
	if (first === undefined) throw new ImportError(`${zipName} holds no trades`);
	const symbols = [...new Set(present.map((p) => p.ticks.symbol))];
	if (symbols.length > 1) {
		throw new ImportError(
			`${zipName} holds files of different symbols (${symbols.join(', ')}): import one symbol at a time`
		);
	}
	let joined = first.ticks;
	let previous = first.name;
	for (const { name, ticks } of rest) {
		if (ticks.firstId <= joined.lastId || ticks.fromMs < joined.toMs) {
			throw new ImportError(
				`${zipName}: ${name} (ids ${ticks.firstId}..${ticks.lastId}) does not follow ${previous} (ids up to ${joined.lastId}): the files must be consecutive`
			);
		}
		joined = {
			...joined,
			chunks: [...joined.chunks, ...ticks.chunks],
			ticks: joined.ticks + ticks.ticks,
			lastId: ticks.lastId,
			toMs: ticks.toMs
		};
		previous = name;
	}
	return joined;
}
