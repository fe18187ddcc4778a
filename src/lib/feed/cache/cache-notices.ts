import type { TickStoreLoss } from '../../storage/tick-store';

/** What the user reads in the status bar when the tick cache had to degrade. */
export const NO_INDEXEDDB_NOTICE =
	'No IndexedDB in this browser window (private mode?): ticks are kept in memory only and are lost on reload';
export const LOST_NOTICE: Readonly<Record<TickStoreLoss, string>> = {
	blocking:
		'A newer version of Tickscope opened in another tab: reload this tab; until then ticks are kept in memory only',
	terminated:
		'The browser closed the tick cache (site data cleared?): ticks are kept in memory only until reload'
};

/** Empty while the configured retention is kept; words when a full disk made the store keep less. */
export function quotaNotice(keptMinutes: number, configuredMinutes: number): string {
	return keptMinutes < configuredMinutes
		? `Storage is full: keeping ${keptMinutes} minutes of ticks instead of ${configuredMinutes}`
		: '';
}
