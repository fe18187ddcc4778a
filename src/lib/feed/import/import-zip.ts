import { Unzip, UnzipInflate, UnzipPassThrough, unzipSync, type UnzipFile } from 'fflate';
import { ImportError } from './import-csv';

/** A CSV file inside a zip archive. */
export interface ZipCsv {
	readonly name: string;
	/** Compressed bytes. */
	readonly size: number;
}

/** Deflate and stored, what every zip tool writes. */
const SUPPORTED = new Set([0, 8]);

/** Folders, and the resource forks macOS adds to the zips it makes (`__MACOSX/._x.csv`). */
const isJunk = (name: string): boolean =>
	name.endsWith('/') || name.startsWith('__MACOSX/') || /(^|\/)\._/.test(name);

/**
 * The CSV files of a zip archive, from its central directory (nothing is decompressed). Throws
 * an `ImportError` for a damaged archive, one without CSV files, or an unsupported compression.
 */
export function zipCsvFiles(data: Uint8Array, zipName: string): ZipCsv[] {
	const found: { name: string; size: number; compression: number }[] = [];
	try {
		unzipSync(data, {
			filter: (file) => {
				found.push(file);
				return false;
			}
		});
	} catch {
		throw new ImportError(`${zipName} is not a valid zip archive (damaged or cut short)`);
	}
	const csvs = found.filter((file) => !isJunk(file.name) && /\.csv$/i.test(file.name));
	if (csvs.length === 0) {
		const names = found.filter((file) => !isJunk(file.name)).map((file) => file.name);
		const held = names.length > 0 ? `it holds ${names.slice(0, 5).join(', ')}` : 'it is empty';
		throw new ImportError(`${zipName} holds no .csv file (${held})`);
	}
	const odd = csvs.find((file) => !SUPPORTED.has(file.compression));
	if (odd) {
		throw new ImportError(
			`${zipName}: ${odd.name} uses compression method ${odd.compression}; only deflate zips can be read`
		);
	}
	return csvs.map(({ name, size }) => ({ name, size }));
}

export interface ZipStreamEvents {
	/** Decompressed bytes of a wanted file, in order; `final` on its last piece. */
	data(name: string, bytes: Uint8Array, final: boolean): void;
	/** After each slice of the archive: compressed bytes read so far. */
	read(bytes: number): Promise<void>;
}

/**
 * Decompresses the `wanted` files of a zip archive, streaming, `sliceBytes` of the archive at a
 * time (awaiting `events.read` between slices). An error thrown by `events.data` stops the
 * stream and is rethrown; a wanted file that never ends means the archive is cut short.
 */
export async function streamZip(
	data: Uint8Array,
	zipName: string,
	wanted: ReadonlySet<string>,
	events: ZipStreamEvents,
	sliceBytes = 256 * 1024
): Promise<void> {
	const state: { failure: Error | null } = { failure: null };
	const ended = new Set<string>();
	const unzip = new Unzip();
	unzip.register(UnzipInflate);
	unzip.register(UnzipPassThrough);
	unzip.onfile = (file: UnzipFile) => {
		if (!wanted.has(file.name)) {
			file.ondata = () => undefined;
			return;
		}
		file.ondata = (error, bytes, final) => {
			if (state.failure !== null) return;
			try {
				if (error) throw new ImportError(`${zipName}: ${file.name} is damaged (${error.message})`);
				events.data(file.name, bytes, final);
				if (final) ended.add(file.name);
			} catch (thrown) {
				state.failure = thrown instanceof Error ? thrown : new Error(String(thrown));
			}
		};
		file.start();
	};
	for (let at = 0; at < data.length && state.failure === null; at += sliceBytes) {
		unzip.push(data.subarray(at, at + sliceBytes), at + sliceBytes >= data.length);
		if (state.failure === null) await events.read(Math.min(data.length, at + sliceBytes));
	}
	if (state.failure !== null) throw state.failure;
	const unfinished = [...wanted].find((name) => !ended.has(name));
	if (unfinished !== undefined) {
		throw new ImportError(`${zipName} is cut short: ${unfinished} ends early`);
	}
}
