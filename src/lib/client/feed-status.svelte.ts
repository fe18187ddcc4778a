import type { FeedStatus } from '../protocol/feed-api';
import type { Frame } from './batch-coalescer';
import { STARTING_STATUS, STATE_LABEL, rejectedBreakdown, rejectedTotal } from './status-text';

/** The feed's health as the status bar shows it. */
export class FeedStatusState {
	status = $state.raw<FeedStatus>(STARTING_STATUS);
	/** `seq` of the newest applied batch; 0 before the first. */
	lastBatchSeq = $state(0);
	/** Milliseconds the last frame took to apply. */
	applyMs = $state(0);

	readonly label = $derived(STATE_LABEL[this.status.state]);
	readonly rejected = $derived(rejectedTotal(this.status.rejected));
	readonly rejectedDetail = $derived(rejectedBreakdown(this.status.rejected));

	apply(frame: Frame): void {
		this.status = frame.status;
		this.lastBatchSeq = frame.seq;
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
