import type { RefusedSymbol } from '../../protocol/feed-api';

/**
 * What a run tells the user about the market beyond the stream: symbols the exchange refused,
 * and the last symbol whose history could not be loaded (unless it was refused: its refusal
 * already says why).
 */
export class MarketNotices {
	#refused: readonly RefusedSymbol[] = [];
	#historyError = '';
	/** Upper-case symbol whose history failed last. */
	#historyFailed = '';

	/** Records a history failure; false when there is nothing new to say (a refused symbol). */
	historyFailed(upperSymbol: string, message: string): boolean {
		if (this.#isRefused(upperSymbol)) return false;
		this.#historyError = `History of ${upperSymbol} unavailable: ${message}`;
		this.#historyFailed = upperSymbol;
		return true;
	}

	refused(refused: readonly RefusedSymbol[]): void {
		this.#refused = refused;
		if (this.#isRefused(this.#historyFailed)) this.#historyError = '';
	}

	/** The status fields: `history` (words, empty when none failed) and `refused`. */
	status(): { readonly history: string; readonly refused: readonly RefusedSymbol[] } {
		return { history: this.#historyError, refused: this.#refused };
	}

	#isRefused(upperSymbol: string): boolean {
		return this.#refused.some((refused) => refused.symbol.toUpperCase() === upperSymbol);
	}
}
