/** The other tabs a leader streams for: the streams each watches, and when it last said so. */
export class TabPeers {
	readonly #tabs = new Map<string, { readonly streams: readonly string[]; at: number }>();
	/** How many tabs watch each stream. */
	readonly #watchers = new Map<string, number>();

	get size(): number {
		return this.#tabs.size;
	}

	has(tab: string): boolean {
		return this.#tabs.has(tab);
	}

	/** Whether any other tab watches `stream`. */
	watch(stream: string): boolean {
		return this.#watchers.has(stream);
	}

	/** Every stream some other tab watches, each once. */
	streams(): string[] {
		return [...this.#watchers.keys()];
	}

	/** `tab` watches `streams` as of `at` (epoch ms); true when its streams changed. */
	want(tab: string, streams: readonly string[], at: number): boolean {
		const before = this.#tabs.get(tab);
		if (before !== undefined && sameStreams(before.streams, streams)) {
			before.at = at;
			return false;
		}
		if (before !== undefined) this.#count(before.streams, -1);
		this.#tabs.set(tab, { streams: [...streams], at });
		this.#count(streams, 1);
		return true;
	}

	/** `tab` went; true when it watched anything. */
	forget(tab: string): boolean {
		const before = this.#tabs.get(tab);
		if (before === undefined) return false;
		this.#tabs.delete(tab);
		this.#count(before.streams, -1);
		return before.streams.length > 0;
	}

	/** Forgets tabs last heard before `cutoff` (epoch ms); true when any went. */
	expire(cutoff: number): boolean {
		let changed = false;
		for (const [tab, { at }] of [...this.#tabs]) {
			if (at < cutoff) changed = this.forget(tab) || changed;
		}
		return changed;
	}

	#count(streams: readonly string[], by: 1 | -1): void {
		for (const stream of new Set(streams)) {
			const count = (this.#watchers.get(stream) ?? 0) + by;
			if (count > 0) this.#watchers.set(stream, count);
			else this.#watchers.delete(stream);
		}
	}
}

function sameStreams(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((name, i) => name === b[i]);
}
