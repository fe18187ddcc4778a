import { browser } from '$app/environment';
import { startFeedWorkerEarly } from '$lib/client/feed-worker';

// The feed worker starts loading while the page's code does (a reload shows the cache sooner).
if (browser) startFeedWorkerEarly();

// A static SPA: nothing renders on a server, the shell is prerendered once.
export const ssr = false;
export const prerender = true;
