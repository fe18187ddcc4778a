import {
	alertProblem,
	type AlertCondition,
	type AlertFired,
	type AlertSpec
} from '../../core/alerts/alert-spec';
import {
	loadAlerts,
	loadLog,
	LOG_SIZE,
	saveAlerts,
	saveLog,
	type AlertLogEntry
} from './alert-store';
import type { AlertOutput, Permission } from './notifier';

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

/** What a new alert needs besides its id. */
export type NewAlert = AlertCondition & {
	readonly symbol: string;
	readonly repeat: boolean;
	readonly cooldownSec: number;
	readonly sound: boolean;
};

export const BLOCKED_NOTICE =
	'Notifications are blocked for this site: alerts show in the log below (and sound, when on) ' +
	'while Tickscope is open. Allow notifications in the browser’s site settings to get them in the background.';

/**
 * The user's alerts and their log. Alerts are saved at once and handed to `changed` (the worker
 * evaluates them on every trade); the worker's firings come back through `receive`, which notifies,
 * logs, and disarms one-shots here too so a reload does not re-arm them.
 */
export class AlertsState {
	alerts: readonly AlertSpec[] = $state.raw([]);
	log: readonly AlertLogEntry[] = $state.raw([]);
	permission: Permission = $state('default');
	readonly #storage: KeyValueStore | null;
	readonly #output: AlertOutput;
	readonly #changed: (alerts: readonly AlertSpec[]) => void;
	#next = 1;
	/** Permission was asked for: that answer stands over the first read, if it comes later. */
	#asked = false;

	constructor(
		storage: KeyValueStore | null,
		output: AlertOutput,
		changed: (alerts: readonly AlertSpec[]) => void
	) {
		this.#storage = storage;
		this.#output = output;
		this.#changed = changed;
		this.alerts = loadAlerts(storage);
		this.log = loadLog(storage);
		void output.permission().then((permission) => {
			if (!this.#asked) this.permission = permission;
		});
	}

	/** Words for the user when notifications cannot be shown; '' when they can (or were not asked). */
	get notice(): string {
		if (this.permission === 'denied') return BLOCKED_NOTICE;
		if (this.permission === 'unsupported') {
			return 'This browser shows no notifications here: alerts show in the log below while Tickscope is open.';
		}
		return '';
	}

	/**
	 * Adds an alert; returns why it is refused, or ''. The first alert asks for notification
	 * permission (call from a click).
	 */
	async create(fields: NewAlert): Promise<string> {
		const spec = { ...fields, id: this.#id(), active: true } as AlertSpec;
		const problem = alertProblem(spec);
		if (problem !== null) return problem;
		this.#set([...this.alerts, spec]);
		if (this.permission === 'default') {
			this.#asked = true;
			this.permission = await this.#output.requestPermission();
		}
		return '';
	}

	remove(id: string): void {
		this.#set(this.alerts.filter((alert) => alert.id !== id));
	}

	/** Re-arms a fired one-shot or pauses an alert. */
	setActive(id: string, active: boolean): void {
		this.#set(this.alerts.map((alert) => (alert.id === id ? { ...alert, active } : alert)));
	}

	/** A price alert's line was dragged to `level`. */
	moveLevel(id: string, level: number): void {
		if (!(level > 0)) return;
		this.#set(
			this.alerts.map((alert) =>
				alert.id === id && alert.kind === 'price' ? { ...alert, level } : alert
			)
		);
	}

	/** Replaces every alert (a workspace import). */
	replaceAll(alerts: readonly AlertSpec[]): void {
		this.#set(alerts);
	}

	/** The worker's firings: notify, log, disarm one-shots. */
	receive(fired: readonly AlertFired[]): void {
		if (fired.length === 0) return;
		const disarmed = fired.filter((f) => f.disarmed).map((f) => f.alertId);
		if (disarmed.length > 0) {
			this.#set(this.alerts.map((a) => (disarmed.includes(a.id) ? { ...a, active: false } : a)));
		}
		for (const firing of fired) void this.#deliver(firing);
	}

	async #deliver(fired: AlertFired): Promise<void> {
		const spec = this.alerts.find((alert) => alert.id === fired.alertId);
		if (spec?.sound === true) this.#output.beep();
		const delivery = await this.#output.notify(
			fired,
			`Tickscope alert: ${fired.symbol.toUpperCase()}`
		);
		this.log = [{ ...fired, delivery }, ...this.log].slice(0, LOG_SIZE);
		saveLog(this.#storage, this.log);
	}

	#set(alerts: readonly AlertSpec[]): void {
		this.alerts = alerts;
		saveAlerts(this.#storage, alerts);
		this.#changed(alerts);
	}

	#id(): string {
		const taken = this.alerts.map((alert) => alert.id);
		while (taken.includes(`alert${this.#next}`)) this.#next++;
		return `alert${this.#next++}`;
	}
}
