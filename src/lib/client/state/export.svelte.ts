import type { Interval } from '../../core/interval';
import type { FeedApi } from '../../protocol/feed-api';
import { fileStamp } from '../text/time-text';

/** The worker calls an export makes. */
export type ExportPort = Pick<FeedApi, 'sessions' | 'exportTicks' | 'exportKlines'>;

/** Hands a finished file to the user (a download in the browser). */
export type SaveFile = (name: string, text: string) => void;

/** Ticks to export: a session and a range of it. */
export interface TickRange {
	readonly sessionId: string;
	readonly symbol: string;
	readonly fromMs: number;
	readonly toMs: number;
}

/** `BTCUSDT-aggTrades-2024-08-08T235415Z-2024-08-08T235959Z.csv`: Binance's naming, so a re-import finds the symbol. */
export const ticksFileName = (range: TickRange): string =>
	`${range.symbol.toUpperCase()}-aggTrades-${fileStamp(range.fromMs)}-${fileStamp(range.toMs)}.csv`;

/** `BTCUSDT-1m-klines.csv`. */
export const klinesFileName = (symbol: string, interval: Interval): string =>
	`${symbol.toUpperCase()}-${interval}-klines.csv`;

const lineCount = (text: string): number => text.split('\n').filter((l) => l.trim() !== '').length;
const withNewline = (text: string): string => (text.endsWith('\n') ? text : `${text}\n`);

const describe = (error: unknown): string =>
	error instanceof Error ? error.message : String(error);

/** The export menu: what it is doing, what it saved, what went wrong. */
export class ExportState {
	busy = $state(false);
	error = $state('');
	/** The last saved file and what it holds, for a short confirmation. */
	saved = $state('');

	readonly #port: ExportPort;
	readonly #save: SaveFile;

	constructor(port: ExportPort, save: SaveFile) {
		this.#port = port;
		this.#save = save;
	}

	/** The cached ticks of `symbol` (its whole cache session), or the given range of a replay. */
	ticks(symbol: string, replay: TickRange | null): Promise<void> {
		return this.#run(async () => {
			const range = replay ?? (await this.#cacheRange(symbol));
			const text = await this.#port.exportTicks(range.sessionId, range.fromMs, range.toMs);
			const ticks = lineCount(text);
			if (ticks === 0) throw new Error(`No ticks of ${symbol.toUpperCase()} in the cache yet`);
			const name = ticksFileName(range);
			this.#save(name, withNewline(text));
			return `${name} · ${ticks.toLocaleString('en-US')} ticks`;
		});
	}

	/** The candles of the chart as a Binance kline CSV (the CLI's layout). */
	klines(symbol: string, interval: Interval): Promise<void> {
		return this.#run(async () => {
			const text = await this.#port.exportKlines(symbol, interval);
			const candles = lineCount(text);
			if (candles === 0) throw new Error(`No ${symbol.toUpperCase()} ${interval} candles yet`);
			const name = klinesFileName(symbol, interval);
			this.#save(name, withNewline(text));
			return `${name} · ${candles.toLocaleString('en-US')} candles`;
		});
	}

	async #cacheRange(symbol: string): Promise<TickRange> {
		const id = `cache:${symbol}`;
		const session = (await this.#port.sessions()).find((s) => s.id === id);
		if (session === undefined)
			throw new Error(`No ticks of ${symbol.toUpperCase()} in the cache yet`);
		return { sessionId: id, symbol, fromMs: session.fromMs, toMs: session.toMs };
	}

	async #run(body: () => Promise<string>): Promise<void> {
		if (this.busy) return;
		this.busy = true;
		this.error = '';
		this.saved = '';
		try {
			this.saved = await body();
		} catch (error) {
			this.error = describe(error);
		} finally {
			this.busy = false;
		}
	}
}
