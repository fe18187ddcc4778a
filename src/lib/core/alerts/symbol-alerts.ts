import { VOLUME_MIN_SAMPLES, VOLUME_WINDOW_SECONDS, type AlertSpec } from './alert-spec';
import { RecentText } from './recent-text';
import { SecondVolumes } from './second-volumes';
import { Thresholds } from './thresholds';
import { WindowExtreme } from './window-extreme';

/** An active alert and its own state; the state it shares with others lives in SymbolAlerts. */
export interface Armed {
	readonly spec: AlertSpec;
	/** The spec's symbol in upper case, as trades carry it. */
	readonly symbol: string;
	/**
	 * The spec's figures a firing reads, copied once when armed: every armed alert has this one
	 * shape, while specs come in a shape per kind (and per sender), so reading them where alerts
	 * fire would be a lookup by shape each time.
	 */
	readonly id: string;
	/** The spec's symbol as configured (lower case), as the firings name it. */
	readonly configuredSymbol: string;
	readonly kind: AlertSpec['kind'];
	readonly repeat: boolean;
	/** Cool-down, ms. */
	readonly cooldownMs: number;
	/** A move alert's window, s (NaN for other kinds). */
	readonly seconds: number;
	/** A price alert's level or a volume alert's multiple as its message says it, else ''. */
	readonly figure: string;
	/**
	 * The spec as JSON, made when first needed: an unchanged alert (equal content) keeps its state
	 * when the list is set again.
	 */
	key: string | null;
	/** Place in the list as set: alerts firing on one trade are reported in this order. */
	order: number;
	/** Trade time before which a repeating alert stays quiet. */
	quietUntil: number;
	/**
	 * Sequence number (SymbolAlerts.seq) of the first trade the alert judges: the one after it was
	 * armed, and for a move alert the one after it last fired (it judges only what comes after).
	 */
	fromSeq: number;
	active: boolean;
}

/** The move alerts of a symbol and the windows of extremes they share. */
interface Moves {
	/** Alert `r` is reader `r` of the symbol's WindowExtremes. */
	readonly alerts: readonly Armed[];
	readonly percents: Float64Array;
	/** A shade under each percent: a move below it cannot fire the alert. */
	readonly shades: Float64Array;
	/** The least shade: a move below it fires none of them. */
	readonly least: number;
}

/** A price crossing is judged from the previous trade's price: the alert must have seen it. */
const AFTER_PREVIOUS = 1;
const NO_ALERTS = new Thresholds<Armed>([]);
/** Relative slack of the move pre-check: far above the few roundings of a computed move. */
const MOVE_MARGIN = 1e-9;
const round = (value: number): number => Math.round(value * 1e8) / 1e8;

/**
 * The active alerts of one symbol, evaluated together on each of its trades with state shared by
 * kind, so a trade costs about one comparison per kind rather than work per alert:
 * - price: levels sorted; only those between the last and the new price are looked at;
 * - size and volume: thresholds sorted; only those the trade or the second exceeds are looked at;
 * - move: one window of extremes per window length, O(1) amortised per trade, read per alert.
 * Quiet (cooling-down) alerts are skipped. Volume alerts share the symbol's per-second history,
 * kept while it has any volume alert: a new one compares with the seconds already seen.
 */
export class SymbolAlerts {
	/** Trades seen, the last one's sequence number. */
	seq = 0;
	/**
	 * Alerts firing on the last trade, in no particular order: the first `firingCount` entries.
	 * The lists are reused, not emptied, from trade to trade (emptying one is a call into the
	 * runtime that drops its storage, and the next firing grows it again).
	 */
	readonly firing: Armed[] = [];
	firingCount = 0;
	/**
	 * What happened, in words, for each of `firing` (`messages[i]` is `firing[i]`'s): parallel
	 * lists rather than an object per firing, as busy markets fire on every few trades.
	 */
	readonly messages: string[] = [];
	/** Upper case, as trades carry it: the first word of every message. */
	readonly #symbol: string;
	#alerts: readonly Armed[] = [];
	#last = NaN;
	#levels = NO_ALERTS;
	/** `#levels.firstAbove(#last)` and `#levels.firstAtOrAbove(#last)`. */
	#aboveLast = 0;
	#atOrAboveLast = 0;
	#sizes = NO_ALERTS;
	#multiples = NO_ALERTS;
	#seconds: SecondVolumes | null = null;
	readonly #lows = new WindowExtreme('min');
	readonly #highs = new WindowExtreme('max');
	#moves: Moves = movesOf([]);
	/** Words of the firings: figures that several alerts firing together share. */
	readonly #priceText = new RecentText();
	readonly #qtyText = new RecentText();
	readonly #volumeText = new RecentText();
	readonly #medianText = new RecentText();
	/** Time and price of the last trade the move alerts judged. */
	#movedTime = NaN;
	#movedPrice = NaN;
	/** The current trade's price and quantity as sent, if known (RecentText.of). */
	#priceSource: string | undefined;
	#qtySource: string | undefined;

	constructor(symbol: string) {
		this.#symbol = symbol;
	}

	get alerts(): readonly Armed[] {
		return this.#alerts;
	}

	/** Evaluates `alerts` from now on; windows still in use keep what they saw. */
	arm(alerts: readonly Armed[]): void {
		this.#alerts = alerts;
		const levels: [number, Armed][] = [];
		const sizes: [number, Armed][] = [];
		const multiples: [number, Armed][] = [];
		for (const armed of alerts) {
			const { spec } = armed;
			if (spec.kind === 'price') levels.push([spec.level, armed]);
			else if (spec.kind === 'size') sizes.push([spec.size, armed]);
			else if (spec.kind === 'volume') multiples.push([spec.k, armed]);
		}
		this.#levels = new Thresholds(levels);
		this.#aboveLast = this.#levels.firstAbove(this.#last);
		this.#atOrAboveLast = this.#levels.firstAtOrAbove(this.#last);
		this.#sizes = new Thresholds(sizes);
		this.#multiples = new Thresholds(multiples);
		if (this.#multiples.size === 0) this.#seconds = null;
		else this.#seconds ??= new SecondVolumes(VOLUME_WINDOW_SECONDS, VOLUME_MIN_SAMPLES);
		this.#moves = movesOf(alerts);
		const windows = this.#moves.alerts.map(
			({ spec }) => (spec.kind === 'move' ? spec.seconds : 0) * 1000
		);
		const fromSeqs = this.#moves.alerts.map((armed) => armed.fromSeq);
		this.#lows.follow(windows, fromSeqs);
		this.#highs.follow(windows, fromSeqs);
	}

	/**
	 * Takes the symbol's next trade; `firing` then lists the alerts it fires. `priceText` and
	 * `qtyText` are the texts `price` and `qty` were read from, when there are: messages quote them.
	 */
	trade(time: number, price: number, qty: number, priceText?: string, qtyText?: string): void {
		this.seq++;
		this.#priceSource = priceText;
		this.#qtySource = qtyText;
		this.firingCount = 0;
		this.#crossings(time, price);
		this.#largeTrades(time, price, qty);
		this.#volumeSpikes(time, qty);
		if (this.#moves.alerts.length > 0) this.#moved(time, price);
	}

	/**
	 * Levels in (last, price] were crossed up, those in [price, last) down (none without a last
	 * price: NaN compares false). A crossing needs the alert to have seen the previous trade too.
	 */
	#crossings(time: number, price: number): void {
		const last = this.#last;
		// A trade at the last price crosses nothing and leaves the price where it sat among the
		// levels: most trades of a busy market are at the last price.
		if (price === last) return;
		const levels = this.#levels;
		// Where the price sits among the levels, stepped to from where the last one sat.
		const above = levels.firstAboveFrom(this.#aboveLast, price);
		const atOrAbove = levels.firstAtOrAboveFrom(this.#atOrAboveLast, price);
		if (price > last) this.#crossed(time, price, 'up', this.#aboveLast, above);
		else if (price < last) this.#crossed(time, price, 'down', atOrAbove, this.#atOrAboveLast);
		this.#last = price;
		this.#aboveLast = above;
		this.#atOrAboveLast = atOrAbove;
	}

	/** Levels `from` to `to` (exclusive) were crossed on the way to `price`. */
	#crossed(time: number, price: number, way: 'up' | 'down', from: number, to: number): void {
		const items = this.#levels.items;
		for (let i = from; i < to; i++) {
			const armed = items[i];
			if (!this.#ready(armed, time, AFTER_PREVIOUS)) continue;
			const at = this.#priceText.of(price, this.#priceSource);
			this.#push(armed, `${this.#symbol} crossed ${armed.figure} ${way} at ${at}`);
		}
	}

	#largeTrades(time: number, price: number, qty: number): void {
		const { values, items } = this.#sizes;
		for (let i = 0; i < values.length && (values[i] ?? NaN) <= qty; i++) {
			const armed = items[i];
			if (!this.#ready(armed, time, 0)) continue;
			const size = this.#qtyText.of(qty, this.#qtySource);
			this.#push(
				armed,
				`${this.#symbol} trade of ${size} at ${this.#priceText.of(price, this.#priceSource)}`
			);
		}
	}

	#volumeSpikes(time: number, qty: number): void {
		const seconds = this.#seconds;
		if (seconds === null) return;
		seconds.add(time, qty);
		const { median, volume } = seconds;
		if (!(median > 0)) return;
		const { values, items } = this.#multiples;
		for (let i = 0; i < values.length; i++) {
			const k = values[i] ?? NaN;
			if (volume <= k * median) break;
			const armed = items[i];
			if (!this.#ready(armed, time, 0)) continue;
			const second = this.#volumeText.of(round(volume));
			const middle = this.#medianText.of(round(median));
			const times = armed.figure;
			this.#push(armed, `${this.#symbol} 1 s volume ${second} > ${times}× median ${middle}`);
		}
	}

	/**
	 * Up `percent` from the lowest price of the window or down from the highest. A move alert
	 * that fires starts over: a repeating one judges only the trades after this one.
	 */
	#moved(time: number, price: number): void {
		const lows = this.#lows;
		const highs = this.#highs;
		const lowest = lows.push(this.seq, time, price);
		const highest = highs.push(this.seq, time, price);
		if (this.#repeats(time, price)) return;
		const { alerts, percents, shades, least } = this.#moves;
		// No alert's low is below the outermost low nor its high above the outermost high, so none
		// moved more than these (computed by the same operations, monotone, and the shade is far
		// above their rounding): most trades stop here, and an alert looks up only a side that can
		// have moved enough.
		const mostUp = ((price - lowest) / lowest) * 100;
		const mostDown = ((highest - price) / highest) * 100;
		if (mostUp < least && mostDown < least) return;
		for (let r = 0; r < alerts.length; r++) {
			const armed = alerts[r];
			if (armed === undefined || time < armed.quietUntil) continue;
			const percent = percents[r] ?? NaN;
			const shade = shades[r] ?? NaN;
			const up = mostUp < shade ? -Infinity : movedUp(price, lows.extreme(r));
			if (up >= percent) {
				this.#movedBy(r, armed, 'up', up, price);
				continue;
			}
			const down = mostDown < shade ? -Infinity : movedDown(price, highs.extreme(r));
			if (down >= percent) this.#movedBy(r, armed, 'down', down, price);
		}
	}

	/**
	 * Whether the trade is at the time and price of the last one judged (one order filled against
	 * several): it moves no alert, as each one's window holds what it held, at most less (a later
	 * first trade), quiet ones are still quiet at the same time, and one that fired on the last
	 * trade judges only this one, a move of 0.
	 */
	#repeats(time: number, price: number): boolean {
		const repeated = time === this.#movedTime && price === this.#movedPrice;
		this.#movedTime = time;
		this.#movedPrice = price;
		return repeated;
	}

	#movedBy(r: number, armed: Armed, way: 'up' | 'down', percent: number, price: number): void {
		const to = this.#priceText.of(price, this.#priceSource);
		const move = percent.toFixed(2);
		this.#push(armed, `${this.#symbol} ${way} ${move}% in ${armed.seconds} s to ${to}`);
		armed.fromSeq = this.seq + 1;
		this.#lows.restart(r, armed.fromSeq);
		this.#highs.restart(r, armed.fromSeq);
	}

	#push(armed: Armed, message: string): void {
		this.firing[this.firingCount] = armed;
		this.messages[this.firingCount] = message;
		this.firingCount++;
	}

	/**
	 * Whether a met condition fires: not while the alert cools down, nor when it had not seen trade
	 * `seq - after` (it was armed later). Asked before the words are made: they cost allocations.
	 */
	#ready(armed: Armed | undefined, time: number, after: number): armed is Armed {
		return armed !== undefined && time >= armed.quietUntil && this.seq - after >= armed.fromSeq;
	}
}

/** The move alerts among `alerts`, with their percents. */
function movesOf(alerts: readonly Armed[]): Moves {
	const moves = alerts.filter((armed) => armed.spec.kind === 'move');
	const percents = moves.map(({ spec }) => (spec.kind === 'move' ? spec.percent : NaN));
	const shades = Float64Array.from(percents, (percent) => percent * (1 - MOVE_MARGIN));
	let least = Infinity;
	for (const shade of shades) least = Math.min(least, shade);
	return { alerts: moves, percents: Float64Array.from(percents), shades, least };
}

/** Percent up from `low` to `price`. */
function movedUp(price: number, low: number): number {
	return ((price - low) / low) * 100;
}

/** Percent down from `high` to `price`. */
function movedDown(price: number, high: number): number {
	return ((high - price) / high) * 100;
}
