import { verdictKey, type SymbolInfoStore, type SymbolVerdict } from './symbol-info-store';

/** Verdicts for the life of the worker, where IndexedDB is unavailable. */
export class MemorySymbolInfoStore implements SymbolInfoStore {
	readonly #verdicts = new Map<string, SymbolVerdict>();
	#closed = false;

	get(namespace: string, symbols: readonly string[]): Promise<SymbolVerdict[]> {
		return this.#run(() =>
			symbols.flatMap((symbol) => this.#verdicts.get(id({ namespace, symbol })) ?? [])
		);
	}

	all(namespace: string): Promise<SymbolVerdict[]> {
		return this.#run(() =>
			[...this.#verdicts.values()]
				.filter((verdict) => verdict.namespace === namespace)
				.sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0))
		);
	}

	put(verdicts: readonly SymbolVerdict[]): Promise<void> {
		return this.#run(() => {
			for (const verdict of verdicts) this.#verdicts.set(id(verdict), verdict);
		});
	}

	close(): void {
		this.#closed = true;
		this.#verdicts.clear();
	}

	#run<T>(work: () => T): Promise<T> {
		if (this.#closed) return Promise.reject(new Error('the symbol store is closed (closed)'));
		return Promise.resolve(work());
	}
}

const id = (v: { namespace: string; symbol: string }): string => JSON.stringify(verdictKey(v));
