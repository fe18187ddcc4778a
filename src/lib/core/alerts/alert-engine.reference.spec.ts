import { describe, expect, it } from 'vitest';
import { recordedTrades } from '../../../../tests/support/recordings';
import type { Trade } from '../trade';
import { AlertEngine } from './alert-engine';
import { VOLUME_MIN_SAMPLES, VOLUME_WINDOW_SECONDS, type AlertSpec } from './alert-spec';
import { median } from './second-volumes';

/**
 * Every alert evaluated on its own, by definition, with no shared state and no search: the price
 * against the alert's own last price, the move against every trade of its window, the second's
 * volume against a median sorted afresh. The engine must fire exactly the same alerts.
 */
class ReferenceAlerts {
	readonly fired: string[] = [];
	readonly #trades: { time: number; price: number }[] = [];
	#second = -1;
	#volume = 0;
	readonly #history: number[] = [];
	readonly #state = new Map<string, { last: number; from: number; quietUntil: number }>();

	constructor(readonly alerts: AlertSpec[]) {
		for (const alert of alerts) this.#state.set(alert.id, { last: NaN, from: 0, quietUntil: -1 });
	}

	trade(trade: Trade): void {
		const time = trade.time;
		const price = Number(trade.price);
		const qty = Number(trade.qty);
		this.#trades.push({ time, price });
		const second = time - (time % 1000);
		if (second !== this.#second) {
			if (this.#second >= 0) this.#history.push(this.#volume);
			if (this.#history.length > VOLUME_WINDOW_SECONDS) this.#history.shift();
			[this.#second, this.#volume] = [second, 0];
		}
		this.#volume += qty;
		for (const alert of this.alerts) {
			const state = this.#state.get(alert.id) ?? { last: NaN, from: 0, quietUntil: -1 };
			const met = this.#met(alert, state, time, price, qty);
			state.last = price;
			if (!met || time < state.quietUntil) continue;
			this.fired.push(`${alert.id}@${time}`);
			state.quietUntil = time + alert.cooldownSec * 1000;
			if (alert.kind === 'move') state.from = this.#trades.length;
		}
	}

	#met(
		alert: AlertSpec,
		state: { last: number; from: number },
		time: number,
		price: number,
		qty: number
	): boolean {
		switch (alert.kind) {
			case 'price':
				return (
					(state.last < alert.level && price >= alert.level) ||
					(state.last > alert.level && price <= alert.level)
				);
			case 'size':
				return qty >= alert.size;
			case 'volume': {
				const middle = this.#history.length >= VOLUME_MIN_SAMPLES ? median(this.#history) : NaN;
				return middle > 0 && this.#volume > alert.k * middle;
			}
			case 'move': {
				const inside = this.#trades
					.slice(state.from)
					.filter((t) => t.time >= time - alert.seconds * 1000);
				const low = Math.min(...inside.map((t) => t.price));
				const high = Math.max(...inside.map((t) => t.price));
				return (
					((price - low) / low) * 100 >= alert.percent ||
					((high - price) / high) * 100 >= alert.percent
				);
			}
		}
	}
}

/** Alerts of every kind around the first price, several sharing a move window. */
function alertsAround(symbol: string, price: number, count: number): AlertSpec[] {
	const common = { symbol, repeat: true, active: true, sound: false };
	return Array.from({ length: count }, (_, i): AlertSpec => {
		const id = `${symbol}-${i}`;
		const cooldownSec = i % 3;
		switch (i % 4) {
			case 0:
				return {
					...common,
					id,
					cooldownSec,
					kind: 'price',
					level: price * (1 + (i - count / 2) / 20_000)
				};
			case 1:
				return {
					...common,
					id,
					cooldownSec,
					kind: 'move',
					percent: 0.01 + i / 2000,
					seconds: 5 + (i % 3) * 5
				};
			case 2:
				return { ...common, id, cooldownSec, kind: 'volume', k: 1.5 + i / 10 };
			default:
				return { ...common, id, cooldownSec, kind: 'size', size: 0.05 * (i + 1) };
		}
	});
}

describe('AlertEngine against the definition, on recordings', () => {
	it.each([
		['btcusdt-trade-depth-20240808.txt.gz', 'BTCUSDT', 2500],
		['ten-symbols-aggtrade-depth-20210405.txt', 'DENTUSDT', Infinity],
		['btc-eth-dot-aggtrade-kline1m-20210404.txt', 'ETHUSDT', Infinity]
	])('%s %s: the same firings, in the same order', (file, symbol, limit) => {
		const trades = recordedTrades(file, symbol).slice(0, limit);
		const alerts = alertsAround(symbol.toLowerCase(), Number(trades[0]?.price), 24);
		const engine = new AlertEngine();
		engine.set(alerts);
		const reference = new ReferenceAlerts(alerts);
		for (const trade of trades) {
			engine.trade(trade);
			reference.trade(trade);
		}
		const fired = engine.take().map((f) => `${f.alertId}@${f.time}`);
		expect(new Set(alerts.map((a) => a.kind)).size).toBe(4);
		expect(new Set(fired.map((f) => f.split('@')[0]?.split('-')[1] ?? '')).size).toBeGreaterThan(
			12
		);
		expect(fired).toEqual(reference.fired);
	});
});
