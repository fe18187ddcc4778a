import type { EquityPoint } from './paper-record';
import type { PaperSide } from './paper-account';

export type { EquityPoint, PaperSide };

/** A session trades live prices, or the ticks of one replay: never both. */
export type PaperMode = 'live' | 'replay';

/** What a session is set up with; decimals as strings, as the user typed them. */
export interface PaperSettings {
	/** Lower case, `btcusdt`. */
	readonly symbol: string;
	readonly baseAsset: string;
	readonly quoteAsset: string;
	/** Starting quote balance, `"100"`. */
	readonly startBalance: string;
	/** Fee on every fill in percent of its value, `"0.1"`. */
	readonly feePercent: string;
	/** The symbol's `LOT_SIZE.stepSize`: quantities are rounded down to it; null when unknown. */
	readonly stepSize: string | null;
}

/** How much to trade: an amount of the quote or base asset, or a share of what is available. */
export type OrderSize =
	| { readonly unit: 'quote' | 'base'; readonly amount: string }
	| { readonly unit: 'percent'; readonly amount: 25 | 50 | 100 };

export type FillReason = 'market' | 'limit' | 'stop-loss' | 'take-profit';

/** One execution, exact decimals. */
export interface PaperFill {
	/** 1, 2, ... within the session. */
	readonly seq: number;
	/** Time of the trade (or the order, for a market fill) that filled it, ms. */
	readonly timeMs: number;
	readonly side: PaperSide;
	readonly qty: string;
	readonly price: string;
	/** Fee paid in the quote asset. */
	readonly fee: string;
	/** P&L the fill realised (net of fees), null when it only opened or added to the position. */
	readonly realised: string | null;
	readonly reason: FillReason;
}

/** A resting limit order. */
export interface PaperOrder {
	readonly id: number;
	readonly side: PaperSide;
	readonly qty: string;
	readonly price: string;
	readonly placedAtMs: number;
}

/** What a session persists: the account is rebuilt from its fills. */
export interface PaperSessionRecord {
	readonly id: string;
	readonly mode: PaperMode;
	/** The replay session traded in replay mode (`cache:btcusdt`, `import:3`). */
	readonly replayId: string | null;
	readonly settings: PaperSettings;
	readonly createdAtMs: number;
	/** Set when the user reset it: it then only stays in the list. */
	readonly endedAtMs: number | null;
	readonly fills: readonly PaperFill[];
	readonly orders: readonly PaperOrder[];
	readonly stopLoss: string | null;
	readonly takeProfit: string | null;
	readonly nextOrderId: number;
	/** The record between fills that the fills alone cannot rebuild. */
	readonly peak: string;
	readonly maxDrawdown: string;
	readonly maxDrawdownShare: number;
	readonly curve: readonly EquityPoint[];
	readonly lastPrice: string | null;
}

/** Everything the page shows of a session, exact decimals in the quote (or base) asset. */
export interface PaperSnapshot {
	readonly id: string;
	readonly mode: PaperMode;
	readonly replayId: string | null;
	readonly settings: PaperSettings;
	readonly createdAtMs: number;
	/** Quote balance (cash). */
	readonly balance: string;
	/** Signed base quantity. */
	readonly position: string;
	readonly averageEntry: string | null;
	/** Last trade price the session saw, null before the first. */
	readonly mark: string | null;
	readonly realised: string;
	readonly unrealised: string;
	/** realised + unrealised: equity minus the starting balance. */
	readonly pnl: string;
	readonly equity: string;
	readonly feesPaid: string;
	readonly fillCount: number;
	readonly wins: number;
	readonly losses: number;
	/** 0..1, null before the first closing fill that won or lost. */
	readonly winRate: number | null;
	readonly largestWin: string;
	readonly largestLoss: string;
	readonly maxDrawdown: string;
	readonly maxDrawdownShare: number;
	readonly curve: readonly EquityPoint[];
	/** Newest last, at most the last 200. */
	readonly fills: readonly PaperFill[];
	readonly orders: readonly PaperOrder[];
	readonly stopLoss: string | null;
	readonly takeProfit: string | null;
}
