import type { FeedStatus } from '../../protocol/feed-api';
import type { Frame } from '../render/batch-coalescer';
import {
	STARTING_STATUS,
	STATE_LABEL,
	rejectedBreakdown,
	rejectedTotal,
	replayDetail
} from '../text/status-text';

/** The feed's health as the status bar shows it. */
export class FeedStatusState {
	status = $state.raw<FeedStatus>(STARTING_STATUS);
	/** `seq` of the newest applied batch; 0 before the first. */
	lastBatchSeq = $state(0);
	/** The cache notice the user closed; a different notice shows again. */
	#dismissed = $state('');

	readonly label = $derived(STATE_LABEL[this.status.state]);
	readonly rejected = $derived(rejectedTotal(this.status.rejected));
	readonly rejectedDetail = $derived(rejectedBreakdown(this.status.rejected));
	/** Words about a degraded cache (memory only, retention shrunk by quota); empty when none or closed. */
	readonly cacheNotice = $derived.by(() => {
		const notice = this.status.cache?.notice ?? '';
		return notice === this.#dismissed ? '' : notice;
	});

	/**
	 * The exchange could not be reached at all: this run is trying to connect and nothing has
	 * arrived (a quiet market still sends frames, an outage sends none).
	 */
	readonly unreachable = $derived(
		this.status.source === 'binance' &&
			this.status.received === 0 &&
			(this.status.state === 'reconnecting' || this.status.state === 'error')
	);

	/** Why `symbol` (lower case) is refused by the exchange; null when it is not. */
	refusal(symbol: string): string | null {
		return this.status.refused?.find((refused) => refused.symbol === symbol)?.reason ?? null;
	}

	apply(frame: Frame): void {
		const status = frame.status;
		// A replay's range and position go where the status bar shows details.
		const replay = status.state === 'replay' ? status.replay : undefined;
		this.status =
			replay !== undefined && status.detail === ''
				? { ...status, detail: replayDetail(replay) }
				: status;
		this.lastBatchSeq = frame.seq;
	}

	dismissCacheNotice(): void {
		this.#dismissed = this.status.cache?.notice ?? '';
	}

	/** The client's own failure (the worker did not load, a call was refused): shown as an error. */
	fail(detail: string): void {
		this.status = { ...this.status, state: 'error', detail };
	}

	/** A feed restart: counters stay until the worker reports, the state says what is happening. */
	restarting(): void {
		this.status = { ...this.status, state: 'connecting', detail: 'Restarting the feed' };
	}
}
