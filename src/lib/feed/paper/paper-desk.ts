import { PaperSession, QUOTE_FRESH_MS } from '../../core/paper/paper-session';
import type {
	OrderSize,
	PaperFill,
	PaperMode,
	PaperSessionRecord,
	PaperSide
} from '../../core/paper/paper-types';
import { priceUnits } from '../../core/paper/paper-units';
import type { SymbolInfo } from '../../core/symbol-info';
import type { TickColumns } from '../../core/tick-codec';
import type { Trade } from '../../core/trade';
import type {
	PaperOpenRequest,
	PaperOrderRequest,
	PaperSessionSummary,
	PaperView
} from '../../protocol/paper-api';
import { columnPrice } from './column-price';
import { assetsOf } from './symbol-assets';
import { PaperSaver } from './paper-saver';
import type { PaperStore } from '../../storage/paper-store';

/** A mark-only change (the price moved) goes to the page at most this often. */
export const MARK_NEWS_MS = 250;

export interface PaperDeskDeps {
	/** Opens the store; a rejection leaves the sessions in memory, with a notice. */
	readonly openStore: () => Promise<PaperStore>;
	readonly memoryStore: () => PaperStore;
	/** Epoch ms, the receive clock. */
	readonly now: () => number;
	/** The exchange's description of a symbol (lower case), if known. */
	readonly symbolInfo: (symbol: string) => Promise<SymbolInfo | null | undefined>;
	readonly log?: (message: string, error: unknown) => void;
}

/**
 * The feed worker's paper-trading desk. It sees every trade, so resting orders and stops fill on
 * the exact trade that reaches them, in the background too. Live trades go to the live session,
 * replayed ticks to the replay's own session: the two never mix. The page addresses the current
 * one (the replay's while a replay runs). Sessions are saved on every fill and order change, and
 * every few seconds while only the price moves (drawdown and the equity curve).
 */
export class PaperDesk {
	readonly #deps: PaperDeskDeps;
	readonly #saver: PaperSaver;
	#live: PaperSession | null = null;
	#replay: PaperSession | null = null;
	/** The replay session id (`cache:btcusdt`) while a replay runs. */
	#replaying: string | null = null;
	#loaded: Promise<void> | null = null;
	#changed = false;
	#marked = false;
	#sentAt = -Infinity;
	#nextId = 0;
	/** When the last bookTicker quote came (receive clock). */
	#tickerAt = -Infinity;

	constructor(deps: PaperDeskDeps) {
		this.#deps = deps;
		this.#saver = new PaperSaver(deps);
	}

	/** Loads the last live session that was not reset; later calls wait for the same load. */
	load(): Promise<void> {
		this.#loaded ??= this.#saver.list().then((records) => {
			const last = records.find((r) => r.mode === 'live' && r.endedAtMs === null);
			if (last && this.#live === null) this.#live = this.#restore(last);
			this.#changed = true;
		});
		return this.#loaded;
	}

	// Feed hooks: called for every trade and book change, so they do little when no session trades.

	liveTrade(trade: Trade): void {
		const session = this.#live;
		if (session === null || session.upperSymbol !== trade.symbol) return;
		const now = this.#deps.now();
		this.#fills(session, session.trade(priceUnits(trade.price), trade.time, now));
	}

	/**
	 * The best bid and ask of a symbol: from `@bookTicker` as they change, or from the top-20 book
	 * every 100 ms, which only stands in while no bookTicker came for a second.
	 */
	liveQuote(
		upperSymbol: string,
		bid: string | undefined,
		ask: string | undefined,
		from: 'ticker' | 'depth'
	): void {
		const session = this.#live;
		if (session === null || session.upperSymbol !== upperSymbol || !bid || !ask) return;
		const now = this.#deps.now();
		if (from === 'ticker') this.#tickerAt = now;
		else if (now - this.#tickerAt <= QUOTE_FRESH_MS) return;
		session.quote(bid, ask, now);
	}

	/** The live session's symbol, whose bookTicker the feed should follow; null without one. */
	get quotedSymbol(): string | null {
		return this.#live?.symbol ?? null;
	}

	replayBegan(replayId: string): void {
		this.#endReplay();
		this.#replaying = replayId;
		this.#changed = true;
	}

	replayEnded(): void {
		this.#endReplay();
		this.#replaying = null;
		this.#changed = true;
	}

	/** Replayed ticks `start..end` of `symbol` (lower case), fed in time order. */
	replayTicks(symbol: string, columns: TickColumns, start: number, end: number): void {
		const session = this.#replay;
		if (session === null || session.symbol !== symbol) return;
		for (let i = start; i < end; i++) {
			const price = columnPrice(columns, i);
			const time = columns.time[i];
			if (price === null || time === undefined) continue;
			this.#fills(session, session.trade(price, time, time));
		}
	}

	/** What the next batch carries: the current session when it changed. */
	news(): PaperView | undefined {
		const now = this.#deps.now();
		const due = this.#changed || (this.#marked && now - this.#sentAt >= MARK_NEWS_MS);
		if (!due) return undefined;
		if (this.#marked) this.#saver.saveSoon(this.#current(), now);
		this.#changed = false;
		this.#marked = false;
		this.#sentAt = now;
		return this.view();
	}

	// The page's calls.

	view(): PaperView {
		const session = this.#current();
		return {
			mode: this.#mode(),
			replayId: this.#replaying,
			session: session?.snapshot() ?? null,
			notice: this.#saver.notice
		};
	}

	/** Ends the current session of this mode (it stays in the list) and starts a new one. */
	async open(request: PaperOpenRequest): Promise<PaperView> {
		await this.load();
		const info = await this.#deps.symbolInfo(request.symbol).catch(() => undefined);
		const mode = this.#mode();
		const now = this.#deps.now();
		const session = new PaperSession(
			`${mode}-${now}-${++this.#nextId}`,
			mode,
			this.#replaying,
			{
				symbol: request.symbol,
				...assetsOf(request.symbol, info ?? null),
				startBalance: request.startBalance,
				feePercent: request.feePercent,
				stepSize: info?.stepSize ?? null
			},
			now
		);
		const previous = this.#current();
		if (previous !== null) this.#saver.saveNow(previous, now);
		if (mode === 'live') this.#live = session;
		else this.#replay = session;
		this.#touch(session);
		return this.view();
	}

	async order(request: PaperOrderRequest): Promise<PaperFill | null> {
		const session = await this.#needCurrent();
		const now = this.#deps.now();
		// On the market's clock (the last trade's time), so a fill sits on the candle it traded in
		// even when the local clock is off; a replay's clock is its replayed trades' anyway.
		const time = session.lastTimeMs ?? now;
		const fill =
			request.type === 'market'
				? session.market(request.side, request.size, time, now)
				: session.limit(request.side, request.size, request.limitPrice, time, now);
		this.#touch(session);
		return fill;
	}

	async cancel(orderId: number): Promise<void> {
		const session = await this.#needCurrent();
		session.cancel(orderId);
		this.#touch(session);
	}

	async protect(stopLoss: string | null, takeProfit: string | null): Promise<void> {
		const session = await this.#needCurrent();
		session.protect(stopLoss, takeProfit);
		this.#touch(session);
	}

	async sessions(): Promise<PaperSessionSummary[]> {
		await this.load();
		const records = await this.#saver.list();
		return records.map((record) => summaryOf(record));
	}

	/** A session's fills as CSV: the current one from memory, an older one from the store. */
	async exportCsv(sessionId: string): Promise<string> {
		await this.load();
		const current = [this.#live, this.#replay].find((s) => s?.id === sessionId);
		if (current) return current.fillsCsv();
		const record = (await this.#saver.list()).find((r) => r.id === sessionId);
		if (!record) throw new RangeError(`no paper session "${sessionId}"`);
		return PaperSession.restore(record).fillsCsv();
	}

	close(): void {
		this.#saver.close();
	}

	#mode(): PaperMode {
		return this.#replaying === null ? 'live' : 'replay';
	}

	#current(): PaperSession | null {
		return this.#mode() === 'live' ? this.#live : this.#replay;
	}

	async #needCurrent(): Promise<PaperSession> {
		await this.load();
		const session = this.#current();
		if (session === null) {
			throw new RangeError(
				this.#mode() === 'replay'
					? 'start a replay session first: replayed trading never mixes with the live session'
					: 'start a session first'
			);
		}
		return session;
	}

	#restore(record: PaperSessionRecord): PaperSession | null {
		try {
			return PaperSession.restore(record);
		} catch (error) {
			(this.#deps.log ?? console.error)(`Paper: session ${record.id} could not be read`, error);
			return null;
		}
	}

	#endReplay(): void {
		const session = this.#replay;
		this.#replay = null;
		if (session !== null) this.#saver.saveNow(session, this.#deps.now(), true);
	}

	#fills(session: PaperSession, fills: readonly PaperFill[]): void {
		if (fills.length > 0) this.#touch(session);
		else this.#marked = true;
	}

	/** A fill, an order or a stop changed: the page hears at once, the store is written. */
	#touch(session: PaperSession): void {
		this.#changed = true;
		this.#saver.saveNow(session, this.#deps.now());
	}
}

function summaryOf(record: PaperSessionRecord): PaperSessionSummary {
	const restored = PaperSession.restore(record);
	const snapshot = restored.snapshot();
	return {
		id: record.id,
		mode: record.mode,
		replayId: record.replayId,
		symbol: record.settings.symbol,
		quoteAsset: record.settings.quoteAsset,
		createdAtMs: record.createdAtMs,
		endedAtMs: record.endedAtMs,
		fillCount: snapshot.fillCount,
		pnl: snapshot.pnl,
		winRate: snapshot.winRate
	};
}

export type { OrderSize, PaperSide };
