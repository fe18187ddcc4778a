import type { Trade } from '../trade';
import type { AlertFired, AlertSpec } from './alert-spec';
import { SymbolAlerts, type Armed } from './symbol-alerts';

/**
 * Sorts a trade's firings by the alerts' list order, their messages alongside: insertion sort, as
 * a trade fires a handful at most and a comparator sort's set-up costs more than that.
 */
function sortByOrder(firing: Armed[], messages: string[], count: number): void {
	for (let i = 1; i < count; i++) {
		const item = firing[i];
		const message = messages[i];
		if (item === undefined || message === undefined) continue;
		let j = i;
		for (let before = firing[j - 1]; before !== undefined && before.order > item.order;) {
			firing[j] = before;
			messages[j] = messages[j - 1] ?? '';
			j--;
			before = firing[j - 1];
		}
		firing[j] = item;
		messages[j] = message;
	}
}

/**
 * Every active alert, evaluated on every trade of its symbol (in the worker, which sees them all).
 * Firings queue until `take`; a one-shot disarms itself, a repeating alert keeps quiet for its
 * cool-down, measured in trade time so a replay or a test behaves as the market did.
 */
export class AlertEngine {
	/** Active alerts by upper-case symbol (trades carry the upper-case symbol). */
	#bySymbol = new Map<string, SymbolAlerts>();
	#fired: AlertFired[] = [];
	/** The symbol of the last trade and its alerts: trades come in runs of one symbol. */
	#lastSymbol: string | null = null;
	#lastState: SymbolAlerts | undefined;

	/** Replaces the alerts; those unchanged keep their state (windows, cool-downs). */
	set(alerts: readonly AlertSpec[]): void {
		const old = new Map<string, Armed>();
		for (const symbol of this.#bySymbol.values())
			for (const armed of symbol.alerts) old.set(armed.spec.id, armed);
		const lists = new Map<string, Armed[]>();
		alerts.forEach((spec, order) => {
			if (!spec.active) return;
			const kept = keptFor(spec, order, old.get(spec.id));
			// A kept alert knows its symbol's upper case: no new string to make and hash again.
			const symbol = kept?.symbol ?? spec.symbol.toUpperCase();
			let list = lists.get(symbol);
			if (list === undefined) {
				list = [];
				lists.set(symbol, list);
			}
			list.push(kept ?? freshArmed(spec, symbol, order, this.#bySymbol.get(symbol)?.seq ?? 0));
		});
		const next = new Map<string, SymbolAlerts>();
		for (const [symbol, list] of lists) {
			const state = this.#bySymbol.get(symbol) ?? new SymbolAlerts(symbol);
			if (!sameAlerts(state.alerts, list)) state.arm(list);
			next.set(symbol, state);
		}
		this.#bySymbol = next;
		this.#lastSymbol = null;
	}

	/** Active alerts now. */
	get size(): number {
		let count = 0;
		for (const symbol of this.#bySymbol.values()) count += symbol.alerts.length;
		return count;
	}

	/**
	 * Evaluates the alerts of the trade's symbol. `price` and `qty` are the trade's figures as
	 * numbers when the caller has them already (SymbolAggregator.lastPriceValue): text is not
	 * parsed twice per trade.
	 */
	trade(trade: Trade, price = Number(trade.price), qty = Number(trade.qty)): void {
		if (trade.symbol !== this.#lastSymbol) {
			this.#lastSymbol = trade.symbol;
			this.#lastState = this.#bySymbol.get(trade.symbol);
		}
		const state = this.#lastState;
		if (state === undefined) return;
		state.trade(trade.time, price, qty, trade.price, trade.qty);
		const count = state.firingCount;
		if (count === 0) return;
		const { firing, messages } = state;
		if (count > 1) sortByOrder(firing, messages, count);
		let disarmed = false;
		for (let i = 0; i < count; i++) {
			const armed = firing[i];
			if (armed === undefined) continue;
			disarmed = this.#fire(armed, trade.time, price, messages[i] ?? '') || disarmed;
		}
		if (disarmed) state.arm(state.alerts.filter((armed) => armed.active));
	}

	/** The firings since the last take, oldest first. */
	take(): AlertFired[] {
		const fired = this.#fired;
		this.#fired = [];
		return fired;
	}

	/** Returns whether the alert disarmed (a one-shot). */
	#fire(armed: Armed, time: number, price: number, message: string): boolean {
		const disarmed = !armed.repeat;
		if (disarmed) armed.active = false;
		else armed.quietUntil = time + armed.cooldownMs;
		this.#fired.push({
			alertId: armed.id,
			symbol: armed.configuredSymbol,
			kind: armed.kind,
			message,
			time,
			price,
			disarmed
		});
		return disarmed;
	}
}

/** The kept armed state of `spec` when the alert is unchanged (it takes its new place), else null. */
function keptFor(spec: AlertSpec, order: number, kept: Armed | undefined): Armed | null {
	if (kept === undefined || !kept.active || !sameSpec(kept, spec)) return null;
	kept.order = order;
	return kept;
}

/** `spec` armed afresh: it judges the trades of `symbol` after trade `seq`. */
function freshArmed(spec: AlertSpec, symbol: string, order: number, seq: number): Armed {
	return {
		spec,
		symbol,
		id: spec.id,
		configuredSymbol: spec.symbol,
		kind: spec.kind,
		repeat: spec.repeat,
		cooldownMs: spec.cooldownSec * 1000,
		seconds: spec.kind === 'move' ? spec.seconds : NaN,
		figure: figureOf(spec),
		key: null,
		order,
		quietUntil: -Infinity,
		fromSeq: seq + 1,
		active: true
	};
}

/** The figure a firing's message quotes from the condition, as text. */
function figureOf(spec: AlertSpec): string {
	if (spec.kind === 'price') return `${spec.level}`;
	return spec.kind === 'volume' ? `${spec.k}` : '';
}

/**
 * Whether `spec` is the kept alert's: the same object, or one from a message with the same
 * content. The kept one's text is made the first time it is compared, not for every alert set.
 */
function sameSpec(kept: Armed, spec: AlertSpec): boolean {
	if (kept.spec === spec) return true;
	kept.key ??= JSON.stringify(kept.spec);
	return kept.key === JSON.stringify(spec);
}

/** Whether `next` holds the very same armed alerts as `armed`, in the same order. */
function sameAlerts(armed: readonly Armed[], next: readonly Armed[]): boolean {
	return armed.length === next.length && armed.every((kept, i) => kept === next[i]);
}
