import type {
	CandlesOnlySpan,
	ConnectionEvent,
	ConnectionEventKind,
	OpenGap,
	SymbolQuality
} from '../../protocol/data-quality';
import type { Gap, GapOutcome } from './gap-fetch';

const MAX_EVENTS = 200;
const MAX_OPEN_GAPS = 20;

interface GapFigures {
	gaps: number;
	repaired: number;
	unrecoverable: number;
	repairing: boolean;
	open: OpenGap[];
	candlesOnly: CandlesOnlySpan[];
}

const noFigures = (): GapFigures => ({
	gaps: 0,
	repaired: 0,
	unrecoverable: 0,
	repairing: false,
	open: [],
	candlesOnly: []
});

/** Per symbol gap figures and the connection's event log, for one run of the feed. */
export class QualityLog {
	readonly #symbols = new Map<string, GapFigures>();
	readonly #events: ConnectionEvent[] = [];

	event(at: number, kind: ConnectionEventKind, text: string): void {
		this.#events.push({ at, kind, text });
		if (this.#events.length > MAX_EVENTS) this.#events.shift();
	}

	get events(): readonly ConnectionEvent[] {
		return this.#events;
	}

	repairStarted(gap: Gap, at: number): void {
		const figures = this.#figures(gap.symbol);
		figures.gaps += 1;
		figures.repairing = true;
		const count = gap.toId - gap.fromId + 1;
		this.event(at, 'repair-start', `${gap.symbol}: ${count} missing trades (ids ${idRange(gap)})`);
	}

	/** `fromMs`/`toMs`: trade times around the gap, for an open one. */
	repairEnded(gap: Gap, outcome: GapOutcome, at: number, fromMs: number, toMs: number): void {
		const figures = this.#figures(gap.symbol);
		figures.repairing = false;
		figures.repaired += outcome.repaired;
		figures.unrecoverable += outcome.unrecoverable;
		const words = `${gap.symbol}: ${outcome.repaired} trades repaired`;
		if (outcome.unrecoverable === 0) {
			this.event(at, 'repair-end', words);
			return;
		}
		const reason = outcome.stopped ?? 'the exchange skipped some ids';
		figures.open.push({ fromId: gap.fromId, toId: gap.toId, fromMs, toMs, reason });
		if (figures.open.length > MAX_OPEN_GAPS) figures.open.shift();
		this.event(at, 'repair-end', `${words}, ${outcome.unrecoverable} unrecoverable: ${reason}`);
	}

	/** A long gap's part before its cut has candles only (see CandlesOnlySpan). */
	candlesOnly(symbol: string, span: CandlesOnlySpan, at: number): void {
		const figures = this.#figures(symbol);
		figures.candlesOnly.push(span);
		if (figures.candlesOnly.length > MAX_OPEN_GAPS) figures.candlesOnly.shift();
		// Whole seconds, down, as the panel shows the span.
		const seconds = Math.floor((span.toMs - span.fromMs) / 1000);
		const length = seconds < 120 ? `${seconds} s` : `${Math.floor(seconds / 60)} min`;
		const text =
			`${symbol}: the gap is longer than the ticks kept: its first ${length} ` +
			`(${span.trades} trades) has the exchange's candles only, the trades after are fetched`;
		this.event(at, 'candles-only', text);
	}

	/** The figures of `symbols` (lower case), with the per-symbol counters of the run. */
	symbols(
		symbols: readonly string[],
		counts: (upper: string) => { duplicates: number; outOfOrder: number },
		lastTradeMs: (upper: string) => number | null
	): SymbolQuality[] {
		return symbols.map((symbol) => {
			const upper = symbol.toUpperCase();
			const { open, candlesOnly, ...figures } = this.#symbols.get(upper) ?? noFigures();
			return {
				symbol,
				...figures,
				...counts(upper),
				lastTradeMs: lastTradeMs(upper),
				open: [...open],
				candlesOnly: [...candlesOnly]
			};
		});
	}

	#figures(symbol: string): GapFigures {
		let figures = this.#symbols.get(symbol);
		if (!figures) {
			figures = noFigures();
			this.#symbols.set(symbol, figures);
		}
		return figures;
	}
}

const idRange = (gap: Gap): string =>
	gap.fromId === gap.toId ? `${gap.fromId}` : `${gap.fromId} to ${gap.toId}`;
