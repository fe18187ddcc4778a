import type { Trade } from '../trade';
import type { AlertFired, AlertSpec } from './alert-spec';
import { createRule, type AlertRule, type TradeTick } from './alert-rules';

interface Armed {
	readonly spec: AlertSpec;
	/** The spec as JSON: an unchanged alert keeps its state when the list is set again. */
	readonly key: string;
	readonly rule: AlertRule;
	/** Trade time before which a repeating alert stays quiet. */
	quietUntil: number;
	active: boolean;
}

/**
 * Every active alert, evaluated on every trade of its symbol (in the worker, which sees them all).
 * Firings queue until `take`; a one-shot disarms itself, a repeating alert keeps quiet for its
 * cool-down, measured in trade time so a replay or a test behaves as the market did.
 */
export class AlertEngine {
	/** Active alerts by upper-case symbol (trades carry the upper-case symbol). */
	#bySymbol = new Map<string, Armed[]>();
	#fired: AlertFired[] = [];
	readonly #tick: TradeTick = { time: 0, price: 0, qty: 0 };

	/** Replaces the alerts; those unchanged keep their state (windows, cool-downs). */
	set(alerts: readonly AlertSpec[]): void {
		const old = new Map<string, Armed>();
		for (const list of this.#bySymbol.values())
			for (const armed of list) old.set(armed.spec.id, armed);
		const next = new Map<string, Armed[]>();
		for (const spec of alerts) {
			if (!spec.active) continue;
			const key = JSON.stringify(spec);
			const kept = old.get(spec.id);
			const armed =
				kept !== undefined && kept.key === key && kept.active
					? kept
					: { spec, key, rule: createRule(spec), quietUntil: -Infinity, active: true };
			const symbol = spec.symbol.toUpperCase();
			next.set(symbol, [...(next.get(symbol) ?? []), armed]);
		}
		this.#bySymbol = next;
	}

	/** Active alerts now. */
	get size(): number {
		let count = 0;
		for (const list of this.#bySymbol.values()) count += list.length;
		return count;
	}

	trade(trade: Trade): void {
		const list = this.#bySymbol.get(trade.symbol);
		if (list === undefined) return;
		const tick = this.#tick;
		tick.time = trade.time;
		tick.price = Number(trade.price);
		tick.qty = Number(trade.qty);
		let disarmed = false;
		for (const armed of list) {
			if (!armed.active) continue;
			const reason = armed.rule.check(tick);
			if (reason === null || tick.time < armed.quietUntil) continue;
			disarmed = this.#fire(armed, trade.symbol, reason) || disarmed;
		}
		if (disarmed) {
			this.#bySymbol.set(
				trade.symbol,
				list.filter((armed) => armed.active)
			);
		}
	}

	/** The firings since the last take, oldest first. */
	take(): AlertFired[] {
		const fired = this.#fired;
		this.#fired = [];
		return fired;
	}

	/** Returns whether the alert disarmed (a one-shot). */
	#fire(armed: Armed, symbol: string, reason: string): boolean {
		const { spec } = armed;
		const tick = this.#tick;
		armed.rule.rearm();
		const disarmed = !spec.repeat;
		if (disarmed) armed.active = false;
		else armed.quietUntil = tick.time + spec.cooldownSec * 1000;
		this.#fired.push({
			alertId: spec.id,
			symbol: spec.symbol,
			kind: spec.kind,
			message: `${symbol} ${reason}`,
			time: tick.time,
			price: tick.price,
			disarmed
		});
		return disarmed;
	}
}
