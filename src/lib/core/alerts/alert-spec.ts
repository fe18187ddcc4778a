import { isValidSymbol } from '../symbol';

/**
 * A user's alert, as plain data: it travels to the worker, persists in storage and round-trips
 * through the workspace file.
 * - `price`: the last price crosses `level` (either way).
 * - `move`: the price moves `percent` % or more (up or down) within `seconds`.
 * - `volume`: one second's volume goes above `k` × the median volume of the recent traded seconds.
 * - `size`: a single trade of `size` or more (base asset).
 */
export type AlertCondition =
	| { readonly kind: 'price'; readonly level: number }
	| { readonly kind: 'move'; readonly percent: number; readonly seconds: number }
	| { readonly kind: 'volume'; readonly k: number }
	| { readonly kind: 'size'; readonly size: number };

export type AlertKind = AlertCondition['kind'];

export type AlertSpec = AlertCondition & {
	readonly id: string;
	/** Lower case, as configured. */
	readonly symbol: string;
	/** false: one-shot, disarmed after it fires. true: fires again after `cooldownSec`. */
	readonly repeat: boolean;
	readonly cooldownSec: number;
	/** false once a one-shot fired (or the user paused it): not evaluated. */
	readonly active: boolean;
	/** Play a short tone when it fires. */
	readonly sound: boolean;
};

/** One firing, from the worker to the page. */
export interface AlertFired {
	readonly alertId: string;
	readonly symbol: string;
	readonly kind: AlertKind;
	/** What happened, in words: `BTCUSDT crossed 61,800 up at 61,800.5`. */
	readonly message: string;
	/** Trade time of the trade that fired it, ms. */
	readonly time: number;
	readonly price: number;
	/** It was a one-shot: now disarmed. */
	readonly disarmed: boolean;
}

export const ALERT_KINDS: readonly AlertKind[] = ['price', 'move', 'volume', 'size'];

/** Seconds of traded-second volumes whose median the volume alert compares with. */
export const VOLUME_WINDOW_SECONDS = 60;
/** Traded seconds needed before the volume alert has a median to compare with. */
export const VOLUME_MIN_SAMPLES = 10;

const positive = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value) && value > 0;

/** Why `value` is not a valid alert, in words; null when it is one. */
export function alertProblem(value: unknown): string | null {
	if (typeof value !== 'object' || value === null) return 'an alert must be an object';
	const alert = value as Record<string, unknown>;
	if (typeof alert.id !== 'string' || alert.id === '') return 'an alert needs a text id';
	if (typeof alert.symbol !== 'string' || !isValidSymbol(alert.symbol)) {
		return `alert symbol ${JSON.stringify(alert.symbol)} is not a Binance symbol`;
	}
	if (typeof alert.repeat !== 'boolean' || typeof alert.active !== 'boolean') {
		return 'alert repeat and active must be true or false';
	}
	if (typeof alert.sound !== 'boolean') return 'alert sound must be true or false';
	const cooldown = alert.cooldownSec;
	if (typeof cooldown !== 'number' || !Number.isFinite(cooldown) || cooldown < 0) {
		return 'alert cool-down must be 0 or more seconds';
	}
	return conditionProblem(alert);
}

function conditionProblem(alert: Record<string, unknown>): string | null {
	switch (alert.kind) {
		case 'price':
			return positive(alert.level) ? null : 'price alert level must be a price above 0';
		case 'move':
			if (!positive(alert.percent)) return 'move alert percent must be above 0';
			return positive(alert.seconds) && alert.seconds <= 3600
				? null
				: 'move alert window must be 1 to 3600 seconds';
		case 'volume':
			return positive(alert.k) ? null : 'volume alert multiple must be above 0';
		case 'size':
			return positive(alert.size) ? null : 'size alert must be a quantity above 0';
		default:
			return `unknown alert kind ${JSON.stringify(alert.kind)} (one of ${ALERT_KINDS.join(', ')})`;
	}
}

/** Alerts in `value` (an array), or the first problem with one of them. */
export function parseAlerts(value: unknown): { alerts: AlertSpec[] } | { error: string } {
	if (!Array.isArray(value)) return { error: 'alerts must be a list' };
	const ids: string[] = [];
	for (const [i, item] of value.entries()) {
		const problem = alertProblem(item);
		if (problem !== null) return { error: `alert ${i + 1}: ${problem}` };
		const id = (item as AlertSpec).id;
		if (ids.includes(id)) return { error: `alert ${i + 1}: id "${id}" is used twice` };
		ids.push(id);
	}
	return { alerts: value as AlertSpec[] };
}

/** Short words for lists: `price crosses 61800`, `±1% in 60 s`, `1 s volume > 5× median`. */
export function conditionText(alert: AlertCondition): string {
	switch (alert.kind) {
		case 'price':
			return `price crosses ${alert.level}`;
		case 'move':
			return `moves ${alert.percent}% in ${alert.seconds} s`;
		case 'volume':
			return `1 s volume > ${alert.k}× median`;
		case 'size':
			return `trade ≥ ${alert.size}`;
	}
}
