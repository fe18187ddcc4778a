import type { SymbolInfo } from '../../protocol/feed-api';
import type { FeedCalls } from '../feed-client';
import { filterSymbols } from './symbol-filter';

/** Results shown at once: enough to scan, few enough to draw instantly. */
export const SEARCH_RESULTS = 60;

/** The symbol search dialog: every TRADING symbol of the exchange, filtered as the user types. */
export class SymbolSearchState {
	open = $state(false);
	query = $state('');
	list = $state.raw<readonly SymbolInfo[]>([]);
	loading = $state(false);
	/** Why the list could not be loaded, in words; '' when it could. */
	error = $state('');
	readonly results: readonly SymbolInfo[] = $derived(
		filterSymbols(this.list, this.query, SEARCH_RESULTS)
	);
	readonly #calls: Pick<FeedCalls, 'tradingSymbols'>;

	constructor(calls: Pick<FeedCalls, 'tradingSymbols'>) {
		this.#calls = calls;
	}

	/** Opens the dialog; the list loads the first time (and again after a failure or a host change). */
	show(): void {
		this.open = true;
		if (this.list.length === 0 && !this.loading) void this.#load();
	}

	hide(): void {
		this.open = false;
		this.query = '';
	}

	/** Another exchange host: its listing differs. */
	forget(): void {
		this.list = [];
		this.error = '';
	}

	async #load(): Promise<void> {
		this.loading = true;
		this.error = '';
		try {
			this.list = await this.#calls.tradingSymbols();
		} catch (error) {
			this.error = `Symbols could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
		} finally {
			this.loading = false;
		}
	}
}
