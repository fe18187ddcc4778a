import { VOLUME_MIN_SAMPLES, VOLUME_WINDOW_SECONDS, type AlertCondition } from './alert-spec';

/** One trade as the rules read it: numbers parsed once per trade for every alert of its symbol. */
export interface TradeTick {
	time: number;
	price: number;
	qty: number;
}

/** A condition's state over the trades; `check` says, per trade, why it fires now or null. */
export interface AlertRule {
	check(tick: TradeTick): string | null;
	/** It fired: start over (a repeating alert judges only what comes after). */
	rearm(): void;
}

export function createRule(condition: AlertCondition): AlertRule {
	switch (condition.kind) {
		case 'price':
			return new PriceCross(condition.level);
		case 'move':
			return new PercentMove(condition.percent, condition.seconds * 1000);
		case 'volume':
			return new VolumeSpike(condition.k);
		case 'size':
			return new LargeTrade(condition.size);
	}
}

/** The price goes from one side of the level to the other side or onto it, either way. */
class PriceCross implements AlertRule {
	#last = NaN;
	constructor(readonly level: number) {}

	check({ price }: TradeTick): string | null {
		const last = this.#last;
		this.#last = price;
		const level = this.level;
		if (last < level && price >= level) return `crossed ${level} up at ${price}`;
		if (last > level && price <= level) return `crossed ${level} down at ${price}`;
		return null;
	}

	rearm(): void {
		// Crossing is judged from the last price on: nothing to forget.
	}
}

/**
 * Up `percent` from the lowest price of the window or down from the highest. Monotonic queues keep
 * the window's extremes in O(1) amortised per trade.
 */
class PercentMove implements AlertRule {
	readonly #lows = new Deque();
	readonly #highs = new Deque();

	constructor(
		readonly percent: number,
		readonly windowMs: number
	) {}

	check(tick: TradeTick): string | null {
		const since = tick.time - this.windowMs;
		this.#lows.push(tick, since, (kept, next) => kept.price >= next.price);
		this.#highs.push(tick, since, (kept, next) => kept.price <= next.price);
		const low = this.#lows.first()?.price ?? tick.price;
		const high = this.#highs.first()?.price ?? tick.price;
		const up = ((tick.price - low) / low) * 100;
		const down = ((high - tick.price) / high) * 100;
		const seconds = this.windowMs / 1000;
		if (up >= this.percent) return `up ${up.toFixed(2)}% in ${seconds} s to ${tick.price}`;
		if (down >= this.percent) return `down ${down.toFixed(2)}% in ${seconds} s to ${tick.price}`;
		return null;
	}

	rearm(): void {
		this.#lows.clear();
		this.#highs.clear();
	}
}

/** Ticks of a time window, oldest first, keeping only those that can still be an extreme. */
class Deque {
	#items: TradeTick[] = [];
	#head = 0;

	push(
		tick: TradeTick,
		since: number,
		dominated: (kept: TradeTick, next: TradeTick) => boolean
	): void {
		const items = this.#items;
		while (items.length > this.#head && dominated(items[items.length - 1] as TradeTick, tick)) {
			items.pop();
		}
		items.push({ time: tick.time, price: tick.price, qty: tick.qty });
		while (this.#head < items.length && (items[this.#head]?.time ?? Infinity) < since) this.#head++;
		if (this.#head > 1024 && this.#head * 2 > items.length) {
			this.#items = items.slice(this.#head);
			this.#head = 0;
		}
	}

	first(): TradeTick | undefined {
		return this.#items[this.#head];
	}

	clear(): void {
		this.#items = [];
		this.#head = 0;
	}
}

/**
 * The running second's volume above `k` × the median volume of the last traded seconds (those with
 * trades: a quiet market's empty seconds would make the median 0 and every trade a spike).
 */
class VolumeSpike implements AlertRule {
	#second = -1;
	#volume = 0;
	#history: number[] = [];
	#median = NaN;

	constructor(readonly k: number) {}

	check(tick: TradeTick): string | null {
		const second = tick.time - (tick.time % 1000);
		if (second !== this.#second) {
			if (this.#second >= 0) this.#close();
			this.#second = second;
			this.#volume = 0;
		}
		this.#volume += tick.qty;
		const median = this.#median;
		if (!(median > 0) || this.#volume <= this.k * median) return null;
		return `1 s volume ${round(this.#volume)} > ${this.k}× median ${round(median)}`;
	}

	rearm(): void {
		// The spike stays in the history: the next second is compared with it too.
	}

	#close(): void {
		this.#history.push(this.#volume);
		if (this.#history.length > VOLUME_WINDOW_SECONDS) this.#history.shift();
		this.#median = this.#history.length >= VOLUME_MIN_SAMPLES ? median(this.#history) : NaN;
	}
}

class LargeTrade implements AlertRule {
	constructor(readonly size: number) {}

	check({ qty, price }: TradeTick): string | null {
		return qty >= this.size ? `trade of ${qty} at ${price}` : null;
	}

	rearm(): void {
		// Each trade stands alone.
	}
}

export function median(values: readonly number[]): number {
	// A typed array sorts numerically without a comparator call per pair.
	const sorted = Float64Array.from(values).sort();
	const mid = sorted.length >> 1;
	if (sorted.length % 2 === 1) return sorted[mid] ?? NaN;
	return ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

const round = (value: number): number => Math.round(value * 1e8) / 1e8;
