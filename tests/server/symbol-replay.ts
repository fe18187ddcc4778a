import { DepthBook } from './depth-book.ts';
import type {
	AggTrade,
	DepthDiff,
	DepthSnapshot,
	RawTrade,
	RecordedFrame,
	SymbolRecording
} from './market.ts';
import type { Lap, TradeTape } from './tape.ts';
import { miniTickerJson, MiniTickerStats, type SentMiniTicker } from './mini-ticker.ts';

/** Where replayed frames go: `wants` lets the replay skip building frames nobody reads. */
export interface Outlet {
	wants(stream: string): boolean;
	publish(stream: string, data: string): void;
}

type ReplayEvent =
	| { readonly time: number; readonly diff: DepthDiff }
	| { readonly time: number; readonly frame: RecordedFrame };

const DEPTH_TICK_MS = 100;
/** A clock that starts late folds at most this many of the trades it skips into the 24 h ticker. */
const SKIPPED_TICKER_TRADES = 200_000;
const PARTIAL_DEPTHS = [5, 10, 20] as const;

/** An outlet nobody reads: what a replay passes by without sending still moves its book. */
const NOBODY: Outlet = { wants: () => false, publish: () => {} };

/** First index from `from` on whose emit time is after `timeMs` (emit times never decrease). */
function firstEmittedAfter(tape: TradeTape, timeMs: number, from: number): number {
	if (from >= tape.length || tape.emitTime(from) > timeMs) return from;
	// Invariant: emitTime(low) <= timeMs, and the answer lies in (low, high].
	let low = from;
	let step = 1;
	let high = low + step;
	while (high < tape.length && tape.emitTime(high) <= timeMs) {
		low = high;
		step *= 2;
		high = low + step;
	}
	high = Math.min(high, tape.length);
	while (high - low > 1) {
		const mid = low + Math.floor((high - low) / 2);
		if (tape.emitTime(mid) <= timeMs) low = mid;
		else high = mid;
	}
	return high;
}

export function aggTradeJson(symbol: string, t: AggTrade): string {
	return `{"e":"aggTrade","E":${t.E},"s":"${symbol}","a":${t.a},"p":"${t.p}","q":"${t.q}","f":${t.f},"l":${t.l},"T":${t.T},"m":${t.m},"M":${t.M}}`;
}

export function tradeJson(symbol: string, t: RawTrade): string {
	return `{"e":"trade","E":${t.E},"s":"${symbol}","t":${t.t},"p":"${t.p}","q":"${t.q}","T":${t.T},"m":${t.m},"M":${t.M}}`;
}

function diffJson(symbol: string, d: DepthDiff, dt: number, dId: number): string {
	return `{"e":"depthUpdate","E":${d.E + dt},"s":"${symbol}","U":${d.U + dId},"u":${d.u + dId},"b":${JSON.stringify(d.b)},"a":${JSON.stringify(d.a)}}`;
}

/** Later laps of a recorded frame: times move by `dt`, book update ids by `dId`, trade ids by `dTrade`. */
function shiftFrame(data: string, dt: number, dId: number, dTrade: number): string {
	return data.replace(/"([EtTufL])":(\d+)/g, (_all, key: string, value: string) => {
		const shift = key === 'u' ? dId : key === 'f' || key === 'L' ? dTrade : dt;
		return `"${key}":${Number(value) + shift}`;
	});
}

/**
 * One symbol's replay: walks its trade tape, its recorded events (depth diffs, bookTicker, ...)
 * and the 100 ms partial-depth ticks in time order, up to the replay clock, keeping the order book.
 */
export class SymbolReplay {
	readonly lower: string;
	readonly book = new DepthBook();
	lastAggTradeId: number | null = null;
	lastTradeId: number | null = null;
	/** The last `<s>@miniTicker` sent, for tests to compare with the app. */
	lastMiniTicker: SentMiniTicker | null = null;
	private readonly ticker = new MiniTickerStats();
	private readonly events: ReplayEvent[];
	private readonly snapshot: DepthSnapshot | null;
	private readonly depthSpan: number;
	private readonly tradeSpan: number;
	private readonly hasDepth: boolean;
	private readonly firstTick: number;
	private tradeIndex = 0;
	private eventIndex = 0;
	private eventLap = 0;
	private lapPending = false;
	private nextTick = 0;

	constructor(
		readonly rec: SymbolRecording,
		readonly tape: TradeTape,
		private readonly lap: Lap,
		startMs: number
	) {
		this.lower = rec.symbol.toLowerCase();
		this.events = [
			...rec.depthDiffs.map((diff) => ({ time: diff.E, diff })),
			...rec.frames.map((frame) => ({ time: frame.time, frame }))
		].sort((x, y) => x.time - y.time);
		this.snapshot = rec.depthSnapshots[0] ?? null;
		const firstDiff = rec.depthDiffs[0];
		const lastDiff = rec.depthDiffs[rec.depthDiffs.length - 1];
		const low = Math.min(firstDiff?.U ?? Infinity, this.snapshot?.lastUpdateId ?? Infinity);
		this.depthSpan = lastDiff ? lastDiff.u - low + 1 : 1;
		const [firstAgg] = rec.aggTrades;
		const lastAgg = rec.aggTrades[rec.aggTrades.length - 1];
		this.tradeSpan = firstAgg && lastAgg ? lastAgg.l - firstAgg.f + 1 : 1;
		this.hasDepth = this.snapshot !== null || rec.depthDiffs.length > 0;
		this.firstTick = Math.ceil(startMs / DEPTH_TICK_MS) * DEPTH_TICK_MS;
		this.reset();
	}

	reset(): void {
		this.tradeIndex = 0;
		this.eventIndex = 0;
		this.eventLap = 0;
		this.lapPending = false;
		this.nextTick = this.firstTick;
		this.lastAggTradeId = null;
		this.lastTradeId = null;
		this.lastMiniTicker = null;
		this.ticker.reset();
		this.book.reset(this.snapshot);
	}

	/**
	 * Passes by everything due at or before `clockMs` without sending it, as if nobody were
	 * subscribed: where a replay whose clock starts late begins. The book ends as it would have.
	 * Whole laps of trades and ticks are stepped over; events from the lap before the clock's on.
	 */
	skipTo(clockMs: number): void {
		const from = this.tradeIndex;
		this.tradeIndex = firstEmittedAfter(this.tape, clockMs, this.tradeIndex);
		// The ticker's day holds the skipped trades too (the newest of them, past a bound).
		for (
			let i = Math.max(from, this.tradeIndex - SKIPPED_TICKER_TRADES);
			i < this.tradeIndex;
			i++
		) {
			const agg = this.tape.at(i);
			this.ticker.add(agg.p, agg.q);
		}
		if (this.nextTick <= clockMs) {
			this.nextTick = (Math.floor(clockMs / DEPTH_TICK_MS) + 1) * DEPTH_TICK_MS;
		}
		// The book of lap n only depends on lap n's events: start with the lap before the clock's.
		const lap = Math.floor((clockMs - this.lap.originMs) / this.lap.periodMs) - 1;
		if (this.events.length > 0 && lap > this.eventLap) {
			this.eventLap = lap;
			this.eventIndex = 0;
			this.lapPending = true;
		}
		this.emitUntil(clockMs, NOBODY);
	}

	/** Emits everything due at or before `clockMs`, in time order. */
	emitUntil(clockMs: number, out: Outlet): void {
		for (;;) {
			const event = this.nextEventTime();
			const trade =
				this.tradeIndex < this.tape.length ? this.tape.emitTime(this.tradeIndex) : Infinity;
			// Ticks carry the partial books (with depth recorded) and the once-a-second mini ticker.
			const tick = this.nextTick;
			const next = Math.min(event, trade, tick);
			if (next > clockMs) return;
			if (event === next) this.emitEvent(out);
			else if (trade === next) this.emitTrade(out);
			else this.emitTick(out);
		}
	}

	private nextEventTime(): number {
		const event = this.events[this.eventIndex];
		if (event) return event.time + this.eventLap * this.lap.periodMs;
		if (this.events.length === 0) return Infinity;
		this.eventIndex = 0;
		this.eventLap += 1;
		this.lapPending = true;
		return this.nextEventTime();
	}

	private emitEvent(out: Outlet): void {
		const event = this.events[this.eventIndex] as ReplayEvent;
		this.eventIndex += 1;
		const lap = this.eventLap;
		const dt = lap * this.lap.periodMs;
		const dId = lap * this.depthSpan;
		if (this.lapPending) {
			this.lapPending = false;
			this.book.reset(this.snapshot, dId);
		}
		if ('diff' in event) {
			if (event.diff.u > (this.snapshot?.lastUpdateId ?? -1)) this.book.apply(event.diff, dId);
			const stream = `${this.lower}@depth@100ms`;
			if (out.wants(stream)) out.publish(stream, diffJson(this.rec.symbol, event.diff, dt, dId));
			return;
		}
		const stream = `${this.lower}@${event.frame.stream}`;
		if (!out.wants(stream)) return;
		out.publish(
			stream,
			lap === 0 ? event.frame.data : shiftFrame(event.frame.data, dt, dId, lap * this.tradeSpan)
		);
	}

	private emitTrade(out: Outlet): void {
		const index = this.tradeIndex;
		this.tradeIndex += 1;
		const aggStream = `${this.lower}@aggTrade`;
		const agg = this.tape.at(index);
		this.ticker.add(agg.p, agg.q);
		if (out.wants(aggStream)) {
			out.publish(aggStream, aggTradeJson(this.rec.symbol, agg));
			this.lastAggTradeId = agg.a;
		}
		const tradeStream = `${this.lower}@trade`;
		if (!out.wants(tradeStream)) return;
		for (const trade of this.tape.rawTrades(index)) {
			out.publish(tradeStream, tradeJson(this.rec.symbol, trade));
			this.lastTradeId = trade.t;
		}
	}

	private emitTick(out: Outlet): void {
		const tick = this.nextTick;
		this.nextTick += DEPTH_TICK_MS;
		const names: [string, number][] = [];
		for (const n of PARTIAL_DEPTHS) {
			names.push([`${this.lower}@depth${n}@100ms`, n]);
			if (tick % 1000 === 0)
				names.push([`${this.lower}@depth${n}`, n], [`${this.lower}@depth${n}@1000ms`, n]);
		}
		for (const [stream, n] of names) {
			if (this.hasDepth && out.wants(stream)) out.publish(stream, this.book.toJson(n));
		}
		if (tick % 1000 === 0) this.emitMiniTicker(tick, out);
	}

	/** `<s>@miniTicker` once a second, as Binance sends it. */
	private emitMiniTicker(tick: number, out: Outlet): void {
		const stream = `${this.lower}@miniTicker`;
		const ticker = this.ticker.at(tick);
		if (ticker === null || !out.wants(stream)) return;
		out.publish(stream, miniTickerJson(this.rec.symbol, ticker));
		this.lastMiniTicker = ticker;
	}
}
