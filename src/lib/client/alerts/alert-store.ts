import { parseAlerts, type AlertFired, type AlertSpec } from '../../core/alerts/alert-spec';

export const ALERTS_KEY = 'tickscope.alerts.v1';
export const ALERT_LOG_KEY = 'tickscope.alert-log.v1';
/** Entries kept in the in-app log, newest first. */
export const LOG_SIZE = 50;

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

/** How a firing reached the user. */
export type Delivery = 'notification' | 'in-app';

/** One line of the in-app log. */
export interface AlertLogEntry extends AlertFired {
	readonly delivery: Delivery;
}

function read(storage: KeyValueStore | null, key: string): unknown {
	try {
		const text = storage?.getItem(key) ?? null;
		return text === null ? null : JSON.parse(text);
	} catch {
		return null;
	}
}

function write(storage: KeyValueStore | null, key: string, value: unknown): void {
	try {
		storage?.setItem(key, JSON.stringify(value));
	} catch {
		// Quota or a disabled store: the alerts last as long as the page.
	}
}

/** The saved alerts; none when storage is missing or holds something unreadable. */
export function loadAlerts(storage: KeyValueStore | null): AlertSpec[] {
	const parsed = parseAlerts(read(storage, ALERTS_KEY) ?? []);
	return 'alerts' in parsed ? parsed.alerts : [];
}

export function saveAlerts(storage: KeyValueStore | null, alerts: readonly AlertSpec[]): void {
	write(storage, ALERTS_KEY, alerts);
}

export function loadLog(storage: KeyValueStore | null): AlertLogEntry[] {
	const value = read(storage, ALERT_LOG_KEY);
	if (!Array.isArray(value)) return [];
	return value
		.filter(
			(entry): entry is AlertLogEntry =>
				typeof entry === 'object' &&
				entry !== null &&
				typeof (entry as AlertLogEntry).message === 'string' &&
				typeof (entry as AlertLogEntry).time === 'number'
		)
		.slice(0, LOG_SIZE);
}

export function saveLog(storage: KeyValueStore | null, log: readonly AlertLogEntry[]): void {
	write(storage, ALERT_LOG_KEY, log.slice(0, LOG_SIZE));
}
