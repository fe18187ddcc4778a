import type { AlertEngine } from '../../core/alerts/alert-engine';
import type { AlertFired } from '../../core/alerts/alert-spec';

/** A batch's alert news: the firings since the last batch, or nothing (no key) when none fired. */
export function firedAlerts(alerts: AlertEngine | undefined): { alerts?: AlertFired[] } {
	const fired = alerts?.take() ?? [];
	return fired.length > 0 ? { alerts: fired } : {};
}
