import type { ReplayClock } from './clock.ts';
import type { Market, RawTrade, SymbolRecording } from './market.ts';
import { SymbolReplay, type Outlet } from './symbol-replay.ts';
import { RecordedTape, SyntheticTape, type Lap, type TapeSource, type TradeTape } from './tape.ts';

export interface SyntheticOptions {
	/** Upper-case symbol whose recorded trades are looped, `BTCUSDT`. */
	readonly symbol: string;
	/** aggTrade messages per second of replay time (per real second at speed 1). */
	readonly rate: number;
}

/** A lap is whole minutes long, so looped trades keep their place in every kline bucket. */
export function lapFor(market: Market): Lap {
	const minutes = Math.ceil((market.endMs - market.startMs + 1) / 60_000);
	return { originMs: market.startMs, periodMs: minutes * 60_000 };
}

function syntheticTape(
	rec: SymbolRecording,
	options: SyntheticOptions,
	startMs: number
): TradeTape {
	const source: readonly TapeSource[] = rec.trades.length > 0 ? rec.trades : rec.aggTrades;
	const firstTrade: RawTrade | undefined = rec.trades[0];
	const firstAgg = rec.aggTrades[0];
	return new SyntheticTape(
		rec.symbol,
		source,
		options.rate,
		startMs,
		firstAgg?.a ?? 1,
		firstTrade?.t ?? firstAgg?.f ?? 1
	);
}

/**
 * Drives every symbol's replay from the shared clock. One timer loop sends everything due per
 * tick (never a timer per frame), so high message rates cost one wake-up per `tickMs`.
 */
export class ReplayScheduler {
	readonly replays: ReadonlyMap<string, SymbolReplay>;
	private readonly tickMs: number;
	private timer: NodeJS.Timeout | null = null;
	/** Replay time everything has been sent up to (the clock at the last tick), ms. */
	emittedMs: number;

	constructor(
		market: Market,
		private readonly clock: ReplayClock,
		private readonly out: Outlet,
		options: { synthetic: SyntheticOptions | readonly SyntheticOptions[] | null; tickMs: number }
	) {
		const lap = lapFor(market);
		const replays = new Map<string, SymbolReplay>();
		// Several symbols may be synthetic at once (the bench's grid streams three).
		const given = options.synthetic;
		const synthetics: readonly SyntheticOptions[] =
			given === null ? [] : 'symbol' in given ? [given] : given;
		for (const rec of market.symbols.values()) {
			const synthetic = synthetics.find((s) => s.symbol === rec.symbol) ?? null;
			const tape = synthetic
				? syntheticTape(rec, synthetic, market.startMs)
				: new RecordedTape(rec, lap);
			replays.set(rec.symbol, new SymbolReplay(rec, tape, lap, market.startMs));
		}
		for (const { symbol } of synthetics) {
			if (!replays.has(symbol)) {
				throw new Error(`synthetic symbol ${symbol} is not in the loaded recordings`);
			}
		}
		this.replays = replays;
		this.tickMs = options.tickMs;
		this.emittedMs = clock.startMs - 1;
		this.skipHistory();
	}

	/** Sends what is due now; returns whether anything can still become due. */
	tick(): boolean {
		const now = this.clock.now();
		for (const replay of this.replays.values()) replay.emitUntil(now, this.out);
		this.emittedMs = now;
		const end = this.clock.end;
		return end === null || now < end;
	}

	/**
	 * The first replay time at or after `fromMs` by which every trade REST shows (traded by then)
	 * is due on the streams too. A trade's event time `E` comes after its trade time `T`: in
	 * between, REST shows a trade no stream has sent yet.
	 */
	settledAt(fromMs: number): number {
		let at = fromMs;
		for (;;) {
			let settled = at;
			for (const { tape } of this.replays.values()) {
				const traded = tape.tradedCount(at);
				if (traded > 0) settled = Math.max(settled, tape.emitTime(traded - 1));
			}
			if (settled === at) return at;
			at = settled;
		}
	}

	/** Starts the tick loop if the clock runs and it is not looping already. */
	wake(): void {
		if (this.timer || !this.clock.running) return;
		const loop = () => {
			this.timer = null;
			if (this.tick()) this.timer = setTimeout(loop, this.tickMs);
		};
		this.timer = setTimeout(loop, 0);
	}

	stop(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
	}

	/** Every replay back to the clock's start (the clock is reset by its owner first). */
	reset(): void {
		this.stop();
		this.emittedMs = this.clock.startMs - 1;
		for (const replay of this.replays.values()) replay.reset();
		this.skipHistory();
	}

	/** A clock that starts after the recordings do: what lies before it is history, never streamed. */
	private skipHistory(): void {
		for (const replay of this.replays.values()) replay.skipTo(this.emittedMs);
	}
}
