import { PaperAccount, type PaperSide } from './paper-account';
import { PaperRecord } from './paper-record';
import { refusal, sizeQty } from './paper-sizing';
import type {
	FillReason,
	OrderSize,
	PaperFill,
	PaperMode,
	PaperOrder,
	PaperSessionRecord,
	PaperSettings,
	PaperSnapshot
} from './paper-types';
import {
	feeRateOfPercent,
	formatPrice,
	formatQuote,
	priceUnits,
	qtyUnits,
	quoteUnits
} from './paper-units';

/** A book quote older than this (receive clock) no longer prices a market order: the last trade does. */
export const QUOTE_FRESH_MS = 1000;
/** Fills the snapshot carries (the session keeps all of them). */
export const SNAPSHOT_FILLS = 200;

interface RestingOrder {
	readonly id: number;
	readonly side: PaperSide;
	readonly qty: bigint;
	readonly price: bigint;
	readonly placedAtMs: number;
}

/**
 * One paper-trading session on one symbol: a cash balance, one position, resting limit orders, a
 * stop-loss and a take-profit on the position, and its record. It sees every trade of its symbol
 * (`trade`), so a limit fills at its price when a later trade goes through it, and a stop or a
 * target becomes a market order at the first trade that reaches it. Market orders take the best
 * ask or bid when a quote is fresher than 1 s, the last trade otherwise (replays have no book).
 * Throws RangeError with the reason for any order it refuses; a refused order changes nothing.
 */
export class PaperSession {
	readonly id: string;
	readonly mode: PaperMode;
	readonly replayId: string | null;
	readonly settings: PaperSettings;
	readonly createdAtMs: number;
	readonly #account: PaperAccount;
	readonly #record: PaperRecord;
	readonly #step: bigint | null;
	readonly #fills: PaperFill[] = [];
	#orders: RestingOrder[] = [];
	#nextOrderId = 1;
	#stopLoss: bigint | null = null;
	#takeProfit: bigint | null = null;
	#last: bigint | null = null;
	#lastTime: number | null = null;
	readonly #upper: string;
	#bid: bigint | null = null;
	#ask: bigint | null = null;
	#quotedAt = -Infinity;

	constructor(
		id: string,
		mode: PaperMode,
		replayId: string | null,
		settings: PaperSettings,
		createdAtMs: number
	) {
		this.id = id;
		this.mode = mode;
		this.replayId = replayId;
		this.settings = settings;
		this.createdAtMs = createdAtMs;
		this.#upper = settings.symbol.toUpperCase();
		const start = quoteUnits(settings.startBalance, 'starting balance');
		if (start <= 0n) throw new RangeError('the starting balance must be more than 0');
		this.#account = new PaperAccount(start, feeRateOfPercent(settings.feePercent));
		this.#record = new PaperRecord(start, createdAtMs);
		this.#step = settings.stepSize === null ? null : qtyUnits(settings.stepSize, 'step size');
	}

	/** A session as it was saved: the account replays its fills. */
	static restore(saved: PaperSessionRecord): PaperSession {
		const session = new PaperSession(
			saved.id,
			saved.mode,
			saved.replayId,
			saved.settings,
			saved.createdAtMs
		);
		for (const fill of saved.fills) {
			const effect = session.#account.fill(fill.side, qtyUnits(fill.qty), priceUnits(fill.price));
			if (effect.realised !== null) session.#record.closed(effect.realised);
			session.#fills.push(fill);
		}
		session.#orders = saved.orders.map((order) => ({
			...order,
			qty: qtyUnits(order.qty),
			price: priceUnits(order.price)
		}));
		session.#nextOrderId = saved.nextOrderId;
		session.#stopLoss = saved.stopLoss === null ? null : priceUnits(saved.stopLoss);
		session.#takeProfit = saved.takeProfit === null ? null : priceUnits(saved.takeProfit);
		session.#last = saved.lastPrice === null ? null : priceUnits(saved.lastPrice);
		session.#record.restore(saved);
		return session;
	}

	get symbol(): string {
		return this.settings.symbol;
	}

	/** The symbol as trades carry it, `BTCUSDT`. */
	get upperSymbol(): string {
		return this.#upper;
	}

	/** Time of the last trade seen, ms; null before the first. */
	get lastTimeMs(): number | null {
		return this.#lastTime;
	}

	/** True while a trade can change something beyond the mark: orders rest, stops wait, a position is open. */
	get watchesTrades(): boolean {
		return this.#orders.length > 0 || this.#account.position !== 0n;
	}

	/** The best bid and ask, as received at `receivedAtMs` (receive clock). */
	quote(bid: string, ask: string, receivedAtMs: number): void {
		this.#bid = priceUnits(bid, 'bid');
		this.#ask = priceUnits(ask, 'ask');
		this.#quotedAt = receivedAtMs;
	}

	/**
	 * One trade of the symbol at `price` (price units), trade time `timeMs`, received at `nowMs`.
	 * Returns the fills it caused, oldest first.
	 */
	trade(price: bigint, timeMs: number, nowMs: number): PaperFill[] {
		this.#last = price;
		this.#lastTime = timeMs;
		const fills: PaperFill[] = [];
		if (this.#orders.length > 0) this.#fillCrossed(price, timeMs, fills);
		if (this.#account.position !== 0n) {
			this.#trigger(price, timeMs, nowMs, fills);
			this.#record.mark(this.#account.equity(price), timeMs);
		}
		return fills;
	}

	/** A market order now; returns its fill. */
	market(side: PaperSide, size: OrderSize, timeMs: number, nowMs: number): PaperFill {
		const price = this.#marketPrice(side, nowMs);
		const qty = sizeQty(this.#account, side, size, price, this.#step);
		return this.#execute(side, qty, price, timeMs, 'market');
	}

	/**
	 * A limit order at `limitText`. One that the market already reaches (a buy at or above the
	 * ask, a sell at or below the bid) fills at once at the market price, as on the exchange;
	 * returns that fill, or null when it rests.
	 */
	limit(
		side: PaperSide,
		size: OrderSize,
		limitText: string,
		timeMs: number,
		nowMs: number
	): PaperFill | null {
		const limit = priceUnits(limitText, 'limit price');
		if (limit <= 0n) throw new RangeError('the limit price must be more than 0');
		const qty = sizeQty(this.#account, side, size, limit, this.#step);
		const market = this.#marketPriceOrNull(side, nowMs);
		if (market !== null && (side === 'buy' ? market <= limit : market >= limit)) {
			return this.#execute(side, qty, market, timeMs, 'limit');
		}
		const why = refusal(this.#account, side, qty, limit, this.settings.quoteAsset);
		if (why !== null) throw new RangeError(why);
		this.#orders.push({ id: this.#nextOrderId++, side, qty, price: limit, placedAtMs: timeMs });
		return null;
	}

	cancel(orderId: number): void {
		const before = this.#orders.length;
		this.#orders = this.#orders.filter((order) => order.id !== orderId);
		if (this.#orders.length === before) throw new RangeError(`no open order ${orderId}`);
	}

	/** Sets (a decimal) or clears (null) the stop-loss and take-profit of the open position. */
	protect(stopLossText: string | null, takeProfitText: string | null): void {
		const position = this.#account.position;
		if (position === 0n) throw new RangeError('a stop-loss or take-profit needs an open position');
		const stop = stopLossText === null ? null : priceUnits(stopLossText, 'stop-loss');
		const target = takeProfitText === null ? null : priceUnits(takeProfitText, 'take-profit');
		const mark = this.#last;
		if (mark !== null) {
			const long = position > 0n;
			if (stop !== null && (long ? stop >= mark : stop <= mark)) {
				throw new RangeError(`the stop-loss must be ${long ? 'below' : 'above'} the last price`);
			}
			if (target !== null && (long ? target <= mark : target >= mark)) {
				throw new RangeError(`the take-profit must be ${long ? 'above' : 'below'} the last price`);
			}
		}
		this.#stopLoss = stop;
		this.#takeProfit = target;
	}

	snapshot(): PaperSnapshot {
		const account = this.#account;
		const record = this.#record;
		const mark = this.#last;
		const unrealised = mark === null ? 0n : account.unrealised(mark);
		const entry = account.averageEntry();
		return {
			id: this.id,
			mode: this.mode,
			replayId: this.replayId,
			settings: this.settings,
			createdAtMs: this.createdAtMs,
			balance: formatQuote(account.balance),
			position: formatPrice(account.position),
			averageEntry: entry === null ? null : formatPrice(entry),
			mark: mark === null ? null : formatPrice(mark),
			realised: formatQuote(account.realised),
			unrealised: formatQuote(unrealised),
			pnl: formatQuote(account.realised + unrealised),
			equity: formatQuote(mark === null ? account.balance : account.equity(mark)),
			feesPaid: formatQuote(account.feesPaid),
			fillCount: this.#fills.length,
			wins: record.wins,
			losses: record.losses,
			winRate: record.winRate,
			largestWin: formatQuote(record.largestWin),
			largestLoss: formatQuote(record.largestLoss),
			maxDrawdown: formatQuote(record.maxDrawdown),
			maxDrawdownShare: record.maxDrawdownShare,
			curve: record.curve.slice(),
			fills: this.#fills.slice(-SNAPSHOT_FILLS),
			orders: this.#orders.map((order) => this.#orderOut(order)),
			stopLoss: this.#stopLoss === null ? null : formatPrice(this.#stopLoss),
			takeProfit: this.#takeProfit === null ? null : formatPrice(this.#takeProfit)
		};
	}

	/** What to save: the fills, orders and stops, and the record the fills cannot rebuild. */
	toRecord(endedAtMs: number | null = null): PaperSessionRecord {
		const record = this.#record;
		return {
			id: this.id,
			mode: this.mode,
			replayId: this.replayId,
			settings: this.settings,
			createdAtMs: this.createdAtMs,
			endedAtMs,
			fills: this.#fills.slice(),
			orders: this.#orders.map((order) => this.#orderOut(order)),
			stopLoss: this.#stopLoss === null ? null : formatPrice(this.#stopLoss),
			takeProfit: this.#takeProfit === null ? null : formatPrice(this.#takeProfit),
			nextOrderId: this.#nextOrderId,
			peak: formatQuote(record.peak),
			maxDrawdown: formatQuote(record.maxDrawdown),
			maxDrawdownShare: record.maxDrawdownShare,
			curve: record.curve.slice(),
			lastPrice: this.#last === null ? null : formatPrice(this.#last)
		};
	}

	/** Every fill as CSV with a header: what a spreadsheet needs to check the arithmetic. */
	fillsCsv(): string {
		const { baseAsset, quoteAsset } = this.settings;
		const header = `seq,time_utc,time_ms,side,qty_${baseAsset},price_${quoteAsset},fee_${quoteAsset},realised_${quoteAsset},reason`;
		const rows = this.#fills.map((fill) =>
			[
				fill.seq,
				new Date(fill.timeMs).toISOString(),
				fill.timeMs,
				fill.side,
				fill.qty,
				fill.price,
				fill.fee,
				fill.realised ?? '',
				fill.reason
			].join(',')
		);
		return [header, ...rows].join('\n') + '\n';
	}

	#orderOut(order: RestingOrder): PaperOrder {
		return {
			id: order.id,
			side: order.side,
			qty: formatPrice(order.qty),
			price: formatPrice(order.price),
			placedAtMs: order.placedAtMs
		};
	}

	#marketPriceOrNull(side: PaperSide, nowMs: number): bigint | null {
		if (nowMs - this.#quotedAt <= QUOTE_FRESH_MS) {
			const quoted = side === 'buy' ? this.#ask : this.#bid;
			if (quoted !== null) return quoted;
		}
		return this.#last;
	}

	#marketPrice(side: PaperSide, nowMs: number): bigint {
		const price = this.#marketPriceOrNull(side, nowMs);
		if (price === null) throw new RangeError('no price yet: wait for the first trade');
		return price;
	}

	/** Fills resting orders a trade at `price` went through, at their limit price. */
	#fillCrossed(price: bigint, timeMs: number, fills: PaperFill[]): void {
		const resting: RestingOrder[] = [];
		for (const order of this.#orders) {
			const crossed = order.side === 'buy' ? price < order.price : price > order.price;
			if (!crossed) {
				resting.push(order);
				continue;
			}
			// An order the account can no longer afford is dropped, not filled into debt.
			const why = refusal(
				this.#account,
				order.side,
				order.qty,
				order.price,
				this.settings.quoteAsset
			);
			if (why === null)
				fills.push(this.#apply(order.side, order.qty, order.price, timeMs, 'limit'));
		}
		this.#orders = resting;
	}

	/** A stop-loss or take-profit the trade reached closes the whole position at the market. */
	#trigger(price: bigint, timeMs: number, nowMs: number, fills: PaperFill[]): void {
		const long = this.#account.position > 0n;
		const stop = this.#stopLoss;
		const target = this.#takeProfit;
		let reason: FillReason | null = null;
		if (stop !== null && (long ? price <= stop : price >= stop)) reason = 'stop-loss';
		else if (target !== null && (long ? price >= target : price <= target)) reason = 'take-profit';
		if (reason === null) return;
		const side: PaperSide = long ? 'sell' : 'buy';
		const market = this.#marketPriceOrNull(side, nowMs) ?? price;
		const qty = long ? this.#account.position : -this.#account.position;
		fills.push(this.#apply(side, qty, market, timeMs, reason));
	}

	#execute(
		side: PaperSide,
		qty: bigint,
		price: bigint,
		timeMs: number,
		reason: FillReason
	): PaperFill {
		const why = refusal(this.#account, side, qty, price, this.settings.quoteAsset);
		if (why !== null) throw new RangeError(why);
		return this.#apply(side, qty, price, timeMs, reason);
	}

	#apply(
		side: PaperSide,
		qty: bigint,
		price: bigint,
		timeMs: number,
		reason: FillReason
	): PaperFill {
		const before = this.#account.position;
		const effect = this.#account.fill(side, qty, price);
		if (effect.realised !== null) this.#record.closed(effect.realised);
		const after = this.#account.position;
		// Stops belong to the position they were set on: gone when it closes or turns around.
		if (after === 0n || after > 0n !== before > 0n) {
			this.#stopLoss = null;
			this.#takeProfit = null;
		}
		this.#record.mark(this.#account.equity(price), timeMs);
		const fill: PaperFill = {
			seq: this.#fills.length + 1,
			timeMs,
			side,
			qty: formatPrice(qty),
			price: formatPrice(price),
			fee: formatQuote(effect.fee),
			realised: effect.realised === null ? null : formatQuote(effect.realised),
			reason
		};
		this.#fills.push(fill);
		return fill;
	}
}
