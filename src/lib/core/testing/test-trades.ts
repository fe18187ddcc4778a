import { epochMs } from '../time';
import type { Trade } from '../trade';

/** Builders shared by the aggregator specs. */

/** 2024-06-01 00:00:00 UTC: aligned to every interval. */
export const T0 = 1_717_200_000_000;

/** A BTCUSDT raw trade `ms` after T0; the aggressor sold unless `more` says otherwise. */
export function trade(
	id: number,
	ms: number,
	price: string,
	qty: string,
	more: Partial<Trade> = {}
): Trade {
	return {
		symbol: 'BTCUSDT',
		id,
		price,
		qty,
		time: epochMs(T0 + ms),
		buyerMaker: true,
		count: 1,
		firstTradeId: id,
		lastTradeId: id,
		...more
	};
}
