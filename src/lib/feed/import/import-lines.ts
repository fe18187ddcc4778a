import { ImportError } from './import-csv';

/**
 * Bytes of a text file in, numbered lines out (without their line breaks), across chunk
 * boundaries. UTF-8 only, strictly: bytes that are not UTF-8 mean the file is not a CSV export.
 */
export class LineSplitter {
	readonly #decoder = new TextDecoder('utf-8', { fatal: true });
	#rest = '';
	#number = 0;
	readonly #where: string;
	readonly #onLine: (text: string, number: number) => void;

	constructor(where: string, onLine: (text: string, number: number) => void) {
		this.#where = where;
		this.#onLine = onLine;
	}

	push(bytes: Uint8Array, final: boolean): void {
		let text: string;
		try {
			text = this.#decoder.decode(bytes, { stream: !final });
		} catch {
			throw new ImportError(
				`${this.#where}:${this.#number + 1}: not UTF-8 text, so not a CSV export`
			);
		}
		const lines = (this.#rest + text).split('\n');
		this.#rest = final ? '' : (lines.pop() ?? '');
		for (const line of lines) this.#onLine(line, ++this.#number);
	}
}
