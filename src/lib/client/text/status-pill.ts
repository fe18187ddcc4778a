import type { FeedStatus } from '../../protocol/feed-api';
import { formatLatency, speedText } from './status-text';

/** The connection's retry delay in the worker's detail words: `"…; retrying in 4 s"`. */
const RETRY_IN = /retrying in (\d+(?:\.\d+)? ?(?:ms|s|min|h))\b/;

/**
 * What follows the state word in the status pill, in words a trader reads at a glance:
 * `" · 40 ms"` while live, `" in 4 s"` while reconnecting, `" · replay available"` offline
 * (the offline banner offers the cached ticks). Empty when there is nothing short to add.
 */
export function pillSuffix(status: FeedStatus): string {
	switch (status.state) {
		case 'live':
			// A negative figure is a clock the offset correction has not caught yet: not for people.
			return status.latencyMs === null || status.latencyMs < 0
				? ''
				: ` · ${formatLatency(status.latencyMs)}`;
		case 'reconnecting': {
			const retry = RETRY_IN.exec(status.detail);
			return retry === null ? '' : ` in ${retry[1]}`;
		}
		case 'offline':
			return ' · replay available';
		case 'replay':
			return status.replay === undefined ? '' : ` · ${speedText(status.replay.speed)}`;
		default:
			return '';
	}
}
