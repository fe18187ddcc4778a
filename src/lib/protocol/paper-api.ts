import type { OrderSize, PaperMode, PaperSide, PaperSnapshot } from '../core/paper/paper-types';

export type {
	EquityPoint,
	FillReason,
	OrderSize,
	PaperFill,
	PaperMode,
	PaperOrder,
	PaperSettings,
	PaperSide,
	PaperSnapshot
} from '../core/paper/paper-types';

/** The paper-trading desk as the page sees it: the current session (the replay's during a replay). */
export interface PaperView {
	readonly mode: PaperMode;
	/** The replay session being traded against while a replay runs, else null. */
	readonly replayId: string | null;
	readonly session: PaperSnapshot | null;
	/** Words for the user when sessions cannot be saved (no IndexedDB, a full disk); empty otherwise. */
	readonly notice: string;
}

/** A new session on `symbol` (lower case); it replaces the current one of the same mode. */
export interface PaperOpenRequest {
	readonly symbol: string;
	readonly startBalance: string;
	readonly feePercent: string;
}

export type PaperOrderRequest =
	| { readonly type: 'market'; readonly side: PaperSide; readonly size: OrderSize }
	| {
			readonly type: 'limit';
			readonly side: PaperSide;
			readonly size: OrderSize;
			readonly limitPrice: string;
	  };

/** One line of the session list. */
export interface PaperSessionSummary {
	readonly id: string;
	readonly mode: PaperMode;
	readonly replayId: string | null;
	readonly symbol: string;
	readonly quoteAsset: string;
	readonly createdAtMs: number;
	readonly endedAtMs: number | null;
	readonly fillCount: number;
	readonly pnl: string;
	readonly winRate: number | null;
}
