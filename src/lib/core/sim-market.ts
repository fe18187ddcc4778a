import { formatUnits, simProfile, SIM_UNIT, type SimProfile } from './sim-profile';
import { hashText, SimRandom } from './sim-random';
import { epochMs } from './time';
import { makeTrade, type Trade } from './trade';

export { simProfile, type SimProfile } from './sim-profile';

/**
 * A seeded simulated market for one symbol: aggTrade-like trades that look like a real book's
 * tape, for the demo source. Pure and deterministic: the same symbol, seed and start give the
 * same trades, however the calls to `until` slice the time.
 *
 * The model, in simulated time:
 * - Regimes: normal trading (about 12 trades/s) alternates with bursts (300 to 3,000 trades/s
 *   for 1.5 to 6 s, one-sided, with a drift) and quiet spells (about 1.5 trades/s).
 * - Price: a random walk of the log mid price whose volatility follows a mean-reverting process,
 *   kicked up by every burst, so calm and busy periods cluster. Trades print at the bid (taker
 *   sold) or the ask (taker bought), one tick apart, on the profile's tick grid.
 * - Taker side: persistent (the next trade takes the same side more often than not).
 * - Size: log-normal notional with a heavy (Pareto) tail of large orders, on the step grid; large
 *   orders fill against several makers (aggTrade count above 1).
 */

export interface SimOptions {
	/** Any number; combined with the symbol so symbols differ. */
	readonly seed: number;
	/** Simulated time of the start, ms since the epoch. */
	readonly startMs: number;
	/** Id of the first trade; default derived from the seed (a large aggTrade-like id). */
	readonly startId?: number;
	/** Price to start at (e.g. the last price of a previous run); default the profile's. */
	readonly startPrice?: number;
}

type Regime = 'normal' | 'burst' | 'quiet';

/** Seconds a volatility shock takes to fade by e. */
const VOL_REVERSION_S = 60;
/** Volatility of the log volatility, per square-root second. */
const VOL_OF_VOL = 0.06;
/** How much a burst multiplies the volatility at its start. */
const BURST_VOL_KICK = Math.log(1.6);

export class SimMarket {
	readonly profile: SimProfile;
	readonly #random: SimRandom;
	#regime: Regime = 'normal';
	#regimeEnd: number;
	#rate = 12;
	#burstSide = 1;
	/** Simulated time of the pending trade, fractional ms. */
	#nextAt: number;
	#lastAt: number;
	#logMid: number;
	#logVolShift = 0;
	#side = 1;
	#nextId: number;
	#nextTradeId: number;

	constructor(symbol: string, options: SimOptions) {
		this.profile = simProfile(symbol);
		this.#random = new SimRandom(hashText(this.profile.symbol, options.seed >>> 0));
		const idBase = options.startId ?? 1_000_000_000 + (hashText(String(options.seed)) % 1e9);
		this.#nextId = idBase;
		this.#nextTradeId = idBase * 2;
		this.#logMid = Math.log(options.startPrice ?? this.profile.basePrice);
		this.#lastAt = options.startMs;
		this.#regimeEnd = options.startMs + this.#duration('normal');
		this.#nextAt = this.#arrival(options.startMs);
	}

	/** Time of the next trade, ms (integer, as its `time` will be). */
	get nextTime(): number {
		return Math.floor(this.#nextAt);
	}

	/** Trades whose time is at or before `untilMs`, oldest first, at most `limit` (the rest next call). */
	until(untilMs: number, limit = 100_000): Trade[] {
		const trades: Trade[] = [];
		while (trades.length < limit && Math.floor(this.#nextAt) <= untilMs) {
			trades.push(this.#trade());
			this.#nextAt = this.#arrival(this.#nextAt);
		}
		return trades;
	}

	#duration(regime: Regime): number {
		const r = this.#random;
		if (regime === 'burst') return 1500 + r.next() * 4500;
		if (regime === 'quiet') return 3000 + r.exponential(9000);
		return 2000 + r.exponential(18_000);
	}

	/** Enters the regime that follows the current one, at `at`. */
	#switchRegime(at: number): void {
		const r = this.#random;
		const next: Regime = this.#regime !== 'normal' ? 'normal' : r.chance(0.25) ? 'burst' : 'quiet';
		this.#regime = next;
		this.#regimeEnd = at + this.#duration(next);
		if (next === 'burst') {
			this.#rate = 250 * 10 ** r.next();
			this.#burstSide = r.chance(0.5) ? 1 : -1;
			this.#logVolShift += BURST_VOL_KICK;
		} else {
			this.#rate = next === 'quiet' ? 1.5 : 8 + r.next() * 8;
		}
	}

	/** Simulated time of the first trade after `from`: Poisson arrivals restarted at regime ends. */
	#arrival(from: number): number {
		let at = from;
		for (;;) {
			const candidate = at + this.#random.exponential(1000 / this.#rate);
			if (candidate <= this.#regimeEnd) return candidate;
			at = this.#regimeEnd;
			this.#switchRegime(at);
		}
	}

	#trade(): Trade {
		const at = this.#nextAt;
		this.#move((at - this.#lastAt) / 1000);
		this.#lastAt = at;
		const side = this.#takeSide();
		const { price, qty, count } = this.#fill(side);
		const id = this.#nextId++;
		const firstTradeId = this.#nextTradeId;
		this.#nextTradeId += count;
		return makeTrade(
			this.profile.symbol,
			id,
			formatUnits(price),
			formatUnits(qty),
			epochMs(Math.floor(at)),
			side < 0,
			firstTradeId,
			firstTradeId + count - 1
		);
	}

	/** Moves volatility and mid price over `dt` seconds. */
	#move(dt: number): void {
		const r = this.#random;
		const decay = Math.exp(-dt / VOL_REVERSION_S);
		this.#logVolShift = this.#logVolShift * decay + VOL_OF_VOL * Math.sqrt(dt) * r.normal();
		const sigma = this.profile.volatility * Math.exp(this.#logVolShift);
		const drift = this.#regime === 'burst' ? this.#burstSide * 1.5 * sigma * dt : 0;
		this.#logMid += drift + sigma * Math.sqrt(dt) * r.normal();
	}

	#takeSide(): number {
		const r = this.#random;
		if (this.#regime === 'burst') this.#side = r.chance(0.8) ? this.#burstSide : -this.#burstSide;
		else if (!r.chance(this.#regime === 'quiet' ? 0.75 : 0.65)) this.#side = -this.#side;
		return this.#side;
	}

	/** Price (bid or ask on the tick grid), size (on the step grid) and fill count, 10^-8 units. */
	#fill(side: number): { price: number; qty: number; count: number } {
		const r = this.#random;
		const { tickUnits, stepUnits, medianNotional } = this.profile;
		const midUnits = Math.exp(this.#logMid) / SIM_UNIT;
		const bidTicks = Math.max(1, Math.floor(midUnits / tickUnits));
		const price = (side > 0 ? bidTicks + 1 : bidTicks) * tickUnits;
		const boost = this.#regime === 'burst' ? 1.5 : 1;
		let notional = medianNotional * boost * Math.exp(1.5 * r.normal());
		if (r.chance(0.015))
			notional = Math.min(medianNotional * 5000, notional * 20 * r.open() ** -0.8);
		const steps = Math.max(1, Math.round(notional / (price * SIM_UNIT) / (stepUnits * SIM_UNIT)));
		const count = 1 + Math.floor(r.exponential(0.3 + Math.log1p(notional / (10 * medianNotional))));
		// Impact: a large taker order leaves the book a little further its way.
		this.#logMid += side * 2e-7 * Math.sqrt(notional / medianNotional);
		return { price, qty: steps * stepUnits, count };
	}
}
