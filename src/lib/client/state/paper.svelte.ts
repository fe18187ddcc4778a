import type { FeedApi } from '../../protocol/feed-api';
import type {
	OrderSize,
	PaperSessionSummary,
	PaperSide,
	PaperView
} from '../../protocol/paper-api';
import { fileStamp } from '../text/time-text';
import type { SaveFile } from './export.svelte';

/** The worker calls the trade panel makes. */
export type PaperPort = Pick<
	FeedApi,
	| 'paperView'
	| 'paperOpen'
	| 'paperOrder'
	| 'paperCancel'
	| 'paperProtect'
	| 'paperSessions'
	| 'paperExport'
>;

/** A new session's defaults: 100 USDT, Binance's base spot fee of 0.1 %. */
export const DEFAULT_START_BALANCE = '100';
export const DEFAULT_FEE_PERCENT = '0.1';

const describe = (error: unknown): string =>
	error instanceof Error ? error.message : String(error);

/** `BTCUSDT-paper-live-2024-08-08T235415Z.csv`. */
export const fillsFileName = (summary: { symbol: string; mode: string; createdAtMs: number }) =>
	`${summary.symbol.toUpperCase()}-paper-${summary.mode}-${fileStamp(summary.createdAtMs)}.csv`;

/**
 * The trade panel: the worker's paper desk as the page shows it. The desk itself (sessions,
 * fills, P&L) lives in the worker, which sees every trade; this keeps its latest view, the list
 * of sessions, and the last refusal in words.
 */
export class PaperState {
	open = $state(false);
	view = $state.raw<PaperView | null>(null);
	sessions = $state.raw<PaperSessionSummary[]>([]);
	/** Why the last order or setting was refused; empty when it went through. */
	error = $state('');
	busy = $state(false);

	readonly #port: PaperPort;
	readonly #saveFile: SaveFile;

	constructor(port: PaperPort, saveFile: SaveFile) {
		this.#port = port;
		this.#saveFile = saveFile;
	}

	/** The current session, null before one was started (in this mode). */
	get session() {
		return this.view?.session ?? null;
	}

	show(): void {
		this.open = true;
		void this.refresh();
	}

	hide(): void {
		this.open = false;
	}

	/** A batch brought the desk's news. */
	apply(view: PaperView): void {
		this.view = view;
	}

	async refresh(): Promise<void> {
		await this.#run(async () => {
			this.view = await this.#port.paperView();
			this.sessions = await this.#port.paperSessions();
		});
	}

	/** Ends the current session (it stays in the list) and starts a new one. */
	async start(symbol: string, startBalance: string, feePercent: string): Promise<void> {
		await this.#run(async () => {
			this.view = await this.#port.paperOpen({ symbol, startBalance, feePercent });
			this.sessions = await this.#port.paperSessions();
		});
	}

	market(side: PaperSide, size: OrderSize): Promise<void> {
		return this.#run(() => this.#port.paperOrder({ type: 'market', side, size }));
	}

	limit(side: PaperSide, size: OrderSize, limitPrice: string): Promise<void> {
		return this.#run(() => this.#port.paperOrder({ type: 'limit', side, size, limitPrice }));
	}

	cancel(orderId: number): Promise<void> {
		return this.#run(() => this.#port.paperCancel(orderId));
	}

	/** Empty text clears a level. */
	protect(stopLoss: string, takeProfit: string): Promise<void> {
		const level = (text: string) => (text.trim() === '' ? null : text.trim());
		return this.#run(() => this.#port.paperProtect(level(stopLoss), level(takeProfit)));
	}

	async exportCsv(summary: PaperSessionSummary): Promise<void> {
		await this.#run(async () => {
			const csv = await this.#port.paperExport(summary.id);
			this.#saveFile(fillsFileName(summary), csv);
		});
	}

	async #run(work: () => Promise<unknown>): Promise<void> {
		this.busy = true;
		try {
			await work();
			this.error = '';
		} catch (error) {
			this.error = describe(error);
		} finally {
			this.busy = false;
		}
	}
}
