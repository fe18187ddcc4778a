import type { ClientInit } from '@sveltejs/kit';
import { feedWorkerStarted, startFeedWorkerEarly } from '$lib/client/feed-worker';

/** Longest the first mount waits for the feed worker to run (see `feedWorkerStarted`). */
const WORKER_WAIT_MS = 100;

// SvelteKit's entry imports this module before it loads the layout or the page, so the feed
// worker starts here, as early as the app's code can start it.
startFeedWorkerEarly();

/** SvelteKit awaits this before it loads and mounts the layout and the page. */
export const init: ClientInit = () => feedWorkerStarted(WORKER_WAIT_MS);
