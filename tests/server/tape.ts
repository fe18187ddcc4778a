import type { AggTrade, RawTrade, SymbolRecording } from './market.ts';

/**
 * The trades of one symbol as an endless (or finite) sequence addressed by index: aggTrade `i`,
 * its raw trades, and its times. Recorded tapes repeat in laps when looping (times shifted by the
 * lap period, ids by the id span, so ids keep increasing by exactly 1); synthetic tapes space
 * recorded trades at a fixed rate with fresh ids.
 */
export interface TradeTape {
	/** Number of aggTrades: `Infinity` for a tape that repeats (the clock's end bounds what is sent). */
	readonly length: number;
	/** Event time `E` (ms) at which aggTrade `index` is streamed; non-decreasing in `index`. */
	emitTime(index: number): number;
	at(index: number): AggTrade;
	/** The raw `@trade` events behind aggTrade `index`; empty when only aggTrades were recorded. */
	rawTrades(index: number): readonly RawTrade[];
	/** How many aggTrades have a trade time `T` <= `timeMs` (what REST may show). */
	tradedCount(timeMs: number): number;
	/** First index whose id `a` >= `id`. */
	indexOfId(id: number): number;
	/** First index whose trade time `T` >= `timeMs`. */
	indexAtTime(timeMs: number): number;
}

/** First index in a non-decreasing array whose value is > `value` (`>=` when `strict` is false). */
function bound(values: readonly number[], value: number, strict: boolean): number {
	let low = 0;
	let high = values.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		const at = values[mid] as number;
		if (at < value || (strict && at === value)) low = mid + 1;
		else high = mid;
	}
	return low;
}

function runningMax(values: readonly number[]): number[] {
	let max = -Infinity;
	return values.map((value) => (max = Math.max(max, value)));
}

export interface Lap {
	/** Time of lap 0's start (the market start), ms. */
	readonly originMs: number;
	/** Lap length in ms; longer than the recording. */
	readonly periodMs: number;
}

export class RecordedTape implements TradeTape {
	readonly length: number;
	private readonly emit: number[];
	private readonly tradeTimes: number[];
	private readonly ids: number[];
	private readonly tradeIds: number[];
	private readonly aggSpan: number;
	private readonly tradeSpan: number;

	constructor(
		private readonly rec: SymbolRecording,
		private readonly lap: Lap
	) {
		const aggs = rec.aggTrades;
		const n = aggs.length;
		this.length = n > 0 ? Infinity : 0;
		this.emit = runningMax(aggs.map((agg) => agg.E));
		this.tradeTimes = runningMax(aggs.map((agg) => agg.T));
		this.ids = aggs.map((agg) => agg.a);
		const first = aggs[0];
		const last = aggs[n - 1];
		this.aggSpan = first && last ? last.a - first.a + 1 : 1;
		this.tradeSpan = first && last ? last.l - first.f + 1 : 1;
		this.tradeIds = rec.trades.map((trade) => trade.t);
	}

	private split(index: number): [lap: number, base: number] {
		const n = this.rec.aggTrades.length;
		return [Math.floor(index / n), index % n];
	}

	private lapOf(timeMs: number): number {
		return Math.max(0, Math.floor((timeMs - this.lap.originMs) / this.lap.periodMs));
	}

	emitTime(index: number): number {
		const [lap, base] = this.split(index);
		return (this.emit[base] as number) + lap * this.lap.periodMs;
	}

	at(index: number): AggTrade {
		const [lap, base] = this.split(index);
		const agg = this.rec.aggTrades[base] as AggTrade;
		if (lap === 0) return agg;
		const dt = lap * this.lap.periodMs;
		const dId = lap * this.tradeSpan;
		return {
			...agg,
			a: agg.a + lap * this.aggSpan,
			f: agg.f + dId,
			l: agg.l + dId,
			T: agg.T + dt,
			E: agg.E + dt
		};
	}

	rawTrades(index: number): readonly RawTrade[] {
		const [lap, base] = this.split(index);
		const agg = this.rec.aggTrades[base] as AggTrade;
		const from = bound(this.tradeIds, agg.f, false);
		const raw = this.rec.trades.slice(from, bound(this.tradeIds, agg.l, true));
		if (lap === 0) return raw;
		const dt = lap * this.lap.periodMs;
		return raw.map((trade) => ({
			...trade,
			t: trade.t + lap * this.tradeSpan,
			T: trade.T + dt,
			E: trade.E + dt
		}));
	}

	private lapped(values: readonly number[], lap: number, value: number, strict: boolean): number {
		const n = values.length;
		if (n === 0) return 0;
		const within = bound(values, value, strict);
		return lap * n + within;
	}

	tradedCount(timeMs: number): number {
		const lap = this.lapOf(timeMs);
		const shifted = timeMs - lap * this.lap.periodMs;
		return this.lapped(this.tradeTimes, lap, shifted, true);
	}

	indexOfId(id: number): number {
		const first = this.ids[0];
		if (first === undefined) return 0;
		const lap = Math.max(0, Math.floor((id - first) / this.aggSpan));
		return this.lapped(this.ids, lap, id - lap * this.aggSpan, false);
	}

	indexAtTime(timeMs: number): number {
		const lap = this.lapOf(timeMs);
		const shifted = timeMs - lap * this.lap.periodMs;
		return this.lapped(this.tradeTimes, lap, shifted, false);
	}
}

/** What a synthetic tape repeats: price, quantity and side of recorded trades, in order. */
export interface TapeSource {
	readonly p: string;
	readonly q: string;
	readonly m: boolean;
	readonly M: boolean;
}

/**
 * Recorded trades looped without end at `rate` messages per second of replay time: message `i`
 * has trade and event time `startMs + floor(i * 1000 / rate)`, aggTrade id `firstAggId + i`, and
 * is one trade with id `firstTradeId + i`. Everything is a pure function of `i`.
 */
export class SyntheticTape implements TradeTape {
	readonly length = Infinity;

	constructor(
		private readonly symbol: string,
		private readonly source: readonly TapeSource[],
		private readonly rate: number,
		private readonly startMs: number,
		private readonly firstAggId: number,
		private readonly firstTradeId: number
	) {
		if (source.length === 0) throw new Error(`synthetic ${symbol}: no recorded trades to loop`);
		if (!(rate > 0) || !Number.isFinite(rate))
			throw new Error(`synthetic rate must be > 0, got ${rate}`);
	}

	emitTime(index: number): number {
		return this.startMs + Math.floor((index * 1000) / this.rate);
	}

	at(index: number): AggTrade {
		const src = this.source[index % this.source.length] as TapeSource;
		const time = this.emitTime(index);
		const t = this.firstTradeId + index;
		return {
			a: this.firstAggId + index,
			p: src.p,
			q: src.q,
			f: t,
			l: t,
			T: time,
			E: time,
			m: src.m,
			M: src.M
		};
	}

	rawTrades(index: number): readonly RawTrade[] {
		const agg = this.at(index);
		return [{ t: agg.f, p: agg.p, q: agg.q, T: agg.T, E: agg.E, m: agg.m, M: agg.M }];
	}

	tradedCount(timeMs: number): number {
		if (timeMs < this.startMs) return 0;
		return Math.ceil(((timeMs - this.startMs + 1) * this.rate) / 1000);
	}

	indexOfId(id: number): number {
		return Math.max(0, id - this.firstAggId);
	}

	indexAtTime(timeMs: number): number {
		if (timeMs <= this.startMs) return 0;
		return Math.ceil(((timeMs - this.startMs) * this.rate) / 1000);
	}
}
