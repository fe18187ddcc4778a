import type { SymbolInfo } from '../../core/symbol-info';
import { openSymbolInfoStore } from '../../storage/idb-symbol-info-store';
import { MemorySymbolInfoStore } from '../../storage/memory-symbol-info-store';
import type { SymbolInfoStore, SymbolVerdict } from '../../storage/symbol-info-store';
import type { KnownSymbols, Verdict } from './symbol-check';

/** A verdict is trusted this long, then the exchange is asked again. */
export const SYMBOL_INFO_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export interface SymbolInfoCacheDeps {
	/** The browser's IndexedDB; absent or null: verdicts are kept in memory for the worker's life. */
	readonly indexedDB?: IDBFactory | null;
	/** Database name; default `tickscope`. */
	readonly name?: string;
	/** Local clock, epoch ms: dates verdicts and ages them. */
	readonly now: () => number;
	readonly log?: (message: string, error: unknown) => void;
}

/**
 * The exchange's `exchangeInfo` answers per host namespace (feed/cache/cache-keys.ts
 * `cacheNamespace`), kept in the tick database so symbols are checked with the exchange about
 * once a day, not on every start. Any tab writes: a verdict is a record of its own, and a later
 * one only replaces it with news as good. Failures are logged, never thrown: an unreadable cache
 * only means the exchange is asked.
 *
 * Read API for the page's features (symbol search, price formatting): `symbolInfo`.
 */
export class SymbolInfoCache {
	readonly #deps: SymbolInfoCacheDeps;
	#opening: Promise<void> | null = null;
	#store: SymbolInfoStore | null = null;
	#closed = false;

	constructor(deps: SymbolInfoCacheDeps) {
		this.#deps = deps;
	}

	/**
	 * What the exchange of `namespace` last said of `symbol` (any case), however long ago: its
	 * info (`tickSize` and `stepSize` for formatting, assets for search), null when it has no
	 * such symbol, undefined when it was never asked (or the cache cannot be read).
	 */
	async symbolInfo(namespace: string, symbol: string): Promise<SymbolInfo | null | undefined> {
		const [verdict] = await this.#get(namespace, [symbol.toUpperCase()]);
		return verdict?.info;
	}

	/**
	 * Every symbol the exchange of `namespace` lists as TRADING, sorted by symbol: from the cache
	 * when a full listing younger than a day is stored, else from `fetchAll` (the exchange's whole
	 * `exchangeInfo`), which is then stored. A failed fetch rejects; a failed store is only logged.
	 */
	async trading(namespace: string, fetchAll: () => Promise<SymbolInfo[]>): Promise<SymbolInfo[]> {
		const now = this.#deps.now();
		const stored = await this.#all(namespace);
		const young = (v: SymbolVerdict) =>
			now - v.fetchedAt >= 0 && now - v.fetchedAt < SYMBOL_INFO_MAX_AGE_MS;
		const listed = stored.some((v) => v.listed === true && young(v));
		const infos = listed
			? stored.flatMap((v) => (v.info ? [v.info] : []))
			: await this.#fetchListing(namespace, fetchAll);
		return infos
			.filter((info) => info.status === 'TRADING')
			.sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
	}

	async #fetchListing(
		namespace: string,
		fetchAll: () => Promise<SymbolInfo[]>
	): Promise<SymbolInfo[]> {
		const infos = await fetchAll();
		const fetchedAt = this.#deps.now();
		const records = infos.map((info) => ({
			namespace,
			symbol: info.symbol,
			info,
			fetchedAt,
			listed: true
		}));
		try {
			await (await this.#open()).put(records);
		} catch (error) {
			this.#deps.log?.('Symbol cache: could not store the listing', error);
		}
		return infos;
	}

	async #all(namespace: string): Promise<SymbolVerdict[]> {
		try {
			return await (await this.#open()).all(namespace);
		} catch (error) {
			this.#deps.log?.('Symbol cache: could not read', error);
			return [];
		}
	}

	/** The verdicts of one namespace, as the symbol check takes them (see KnownSymbols). */
	of(namespace: string): KnownSymbols {
		return {
			fresh: async (symbols) => {
				const now = this.#deps.now();
				const verdicts = await this.#get(namespace, symbols);
				// A verdict from the future (the clock was set back) is as good as an old one.
				const young = verdicts.filter(
					(v) => now - v.fetchedAt >= 0 && now - v.fetchedAt < SYMBOL_INFO_MAX_AGE_MS
				);
				return new Map(young.map((v): [string, Verdict] => [v.symbol, v.info]));
			},
			remember: (verdicts) => this.#put(namespace, verdicts)
		};
	}

	close(): void {
		this.#closed = true;
		this.#store?.close();
	}

	async #get(namespace: string, symbols: readonly string[]): Promise<SymbolVerdict[]> {
		try {
			return await (await this.#open()).get(namespace, symbols);
		} catch (error) {
			this.#deps.log?.('Symbol cache: could not read', error);
			return [];
		}
	}

	async #put(namespace: string, verdicts: ReadonlyMap<string, Verdict>): Promise<void> {
		const fetchedAt = this.#deps.now();
		const records = [...verdicts].map(([symbol, info]) => ({ namespace, symbol, info, fetchedAt }));
		try {
			await (await this.#open()).put(records);
		} catch (error) {
			this.#deps.log?.('Symbol cache: could not store', error);
		}
	}

	async #open(): Promise<SymbolInfoStore> {
		this.#opening ??= this.#connect();
		await this.#opening;
		if (this.#closed || this.#store === null) throw new Error('the symbol cache is closed');
		return this.#store;
	}

	async #connect(): Promise<void> {
		const factory = this.#deps.indexedDB ?? null;
		if (factory === null) return this.#useMemory();
		try {
			const onLost = () => this.#useMemory();
			const store = await openSymbolInfoStore({ factory, name: this.#deps.name, onLost });
			if (this.#closed) return store.close();
			this.#store = store;
		} catch (error) {
			this.#deps.log?.('Symbol cache: IndexedDB did not open; keeping verdicts in memory', error);
			this.#useMemory();
		}
	}

	/** A lost database leaves the rest of the worker's life in memory, like the tick cache. */
	#useMemory(): void {
		if (!this.#closed) this.#store = new MemorySymbolInfoStore();
	}
}
