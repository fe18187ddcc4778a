import { symbolFromFileName } from '../../core/dump-file-name';
import type { FeedApi, ImportProgress, ReplaySession } from '../../protocol/feed-api';

/** The worker call an import makes; the client transfers the file's bytes. */
export type ImportPort = Pick<FeedApi, 'importFile'>;

/** A picked or dropped file: the part of `File` the import reads. */
export interface ImportSource {
	readonly name: string;
	readonly size: number;
	arrayBuffer(): Promise<ArrayBuffer>;
}

const describe = (error: unknown): string =>
	error instanceof Error ? error.message : String(error);

/**
 * One import at a time: its progress, then either the new session or the worker's error, verbatim
 * (it names the file and line). `onImported` lists the session for replay.
 */
export class ImportState {
	busy = $state(false);
	name = $state('');
	progress = $state.raw<ImportProgress | null>(null);
	error = $state('');
	done = $state.raw<ReplaySession | null>(null);
	/** The refused file's name does not say its symbol: the user may name it and try again. */
	canName = $state(false);

	readonly fraction = $derived(
		this.progress === null || this.progress.bytesTotal <= 0
			? 0
			: Math.min(1, this.progress.bytesDone / this.progress.bytesTotal)
	);

	readonly #port: ImportPort;
	readonly #onImported: (session: ReplaySession) => void;
	/** The last refused file, for a retry with a symbol. */
	#refused: ImportSource | null = null;

	constructor(port: ImportPort, onImported: (session: ReplaySession) => void) {
		this.#port = port;
		this.#onImported = onImported;
	}

	/**
	 * Imports `file`, its symbol from its name unless `symbol` is given; a second file while one is
	 * running is refused with a message.
	 */
	async run(file: ImportSource, symbol?: string): Promise<ReplaySession | null> {
		if (this.busy) {
			this.error = `${file.name}: wait until ${this.name} is imported`;
			return null;
		}
		this.busy = true;
		this.name = file.name;
		this.error = '';
		this.done = null;
		this.canName = false;
		this.#refused = null;
		this.progress = { bytesDone: 0, bytesTotal: file.size, ticks: 0 };
		try {
			const data = await file.arrayBuffer();
			const listener = {
				progress: (progress: ImportProgress) => {
					if (this.busy) this.progress = progress;
				}
			};
			const session = await this.#port.importFile(file.name, data, listener, symbol);
			this.done = session;
			this.#onImported(session);
			return session;
		} catch (error) {
			this.error = describe(error);
			this.#refused = file;
			this.canName = symbolFromFileName(file.name) === null;
			return null;
		} finally {
			this.busy = false;
			this.progress = null;
		}
	}

	/** The refused file again, as trades of `symbol` (`BTCUSDT`); the worker checks the name. */
	retry(symbol: string): Promise<ReplaySession | null> {
		const file = this.#refused;
		return file === null ? Promise.resolve(null) : this.run(file, symbol.trim());
	}

	dismiss(): void {
		this.error = '';
		this.done = null;
		this.canName = false;
		this.#refused = null;
	}
}
