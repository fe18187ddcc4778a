import type { ColumnsResult, SymbolAggregator } from '../../core/aggregator';
import type { TickColumns } from '../../core/tick-codec';

/** One chunk of a replay's ticks, decoded when the cursor reaches it (imports stay encoded until then). */
export type ChunkSource = () => TickColumns;

export type ReplayTally = ColumnsResult;

export const emptyTally = (): ReplayTally => ({
	added: 0,
	duplicate: 0,
	'out-of-order': 0,
	invalid: 0
});

/**
 * A position in a replay's ticks (chunks in time order), feeding them to an aggregator in time
 * order through `addColumns`, the same aggregation the live cache restore uses. Only the chunk
 * being read is held decoded.
 */
export class TickCursor {
	#index = 0;
	#row = 0;
	#columns: TickColumns | null = null;
	#lastTime: number | null = null;
	readonly #sources: readonly ChunkSource[];

	constructor(sources: readonly ChunkSource[]) {
		this.#sources = sources;
	}

	/** Trade time of the last tick fed, ms; null before the first. */
	get lastTime(): number | null {
		return this.#lastTime;
	}

	/** Back to the first tick. */
	rewind(): void {
		this.#index = 0;
		this.#row = 0;
		this.#columns = null;
		this.#lastTime = null;
	}

	/** Trade time of the next tick, ms; null at the end. */
	nextTime(): number | null {
		const columns = this.#current();
		return columns ? (columns.time[this.#row] ?? null) : null;
	}

	/**
	 * Feeds the ticks with `time <= untilMs` to `aggregator`, at most `budget` of them, adding what
	 * became of each to `tally`. Returns how many were fed.
	 */
	feed(
		aggregator: SymbolAggregator,
		untilMs: number,
		budget: number,
		tally: ReplayTally,
		/** Sees each run of ticks fed, after the aggregator (paper trading). */
		tap?: (columns: TickColumns, start: number, end: number) => void
	): number {
		let fed = 0;
		for (let columns = this.#current(); columns && fed < budget; columns = this.#current()) {
			const start = this.#row;
			const limit = Math.min(columns.length, start + budget - fed);
			let end = start;
			while (end < limit && (columns.time[end] ?? Infinity) <= untilMs) end++;
			if (end === start) break;
			const result = aggregator.addColumns(columns, start, end);
			tap?.(columns, start, end);
			tally.added += result.added;
			tally.duplicate += result.duplicate;
			tally['out-of-order'] += result['out-of-order'];
			tally.invalid += result.invalid;
			fed += end - start;
			this.#row = end;
			this.#lastTime = columns.time[end - 1] ?? this.#lastTime;
		}
		return fed;
	}

	/** The chunk holding the next tick, decoding it on arrival; null at the end. */
	#current(): TickColumns | null {
		for (;;) {
			const columns = this.#columns;
			if (columns !== null && this.#row < columns.length) return columns;
			if (columns !== null) {
				this.#index++;
				this.#columns = null;
			}
			const source = this.#sources[this.#index];
			if (source === undefined) return null;
			this.#columns = source();
			this.#row = 0;
		}
	}
}
