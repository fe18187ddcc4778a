import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/**
 * The lines of a text file, streamed (files can be hundreds of MB), gunzipped when the name ends
 * in `.gz`. Read and decompression errors reject the iteration.
 */
export function readLines(path: string): AsyncIterable<string> {
	const file = createReadStream(path);
	let input: Readable = file;
	if (path.endsWith('.gz')) {
		const gunzip = createGunzip();
		file.on('error', (error) => gunzip.destroy(error));
		input = file.pipe(gunzip);
	}
	return createInterface({ input, crlfDelay: Infinity });
}
