import { saveTextFile } from '../download';
import { createFeedWorker } from '../feed-worker';
import { animationFrameClock } from '../render/frame-scheduler';
import { browserRenderHost } from '../render/render-host';
import type { Environment } from '../state/tickscope.svelte';
import { browserStorage } from './browser-storage';
import { browserAlertOutput } from '../alerts/notifier';

/** The real browser behind `Tickscope`: this page's URL, localStorage, a module worker, animation frames. */
export function browserEnvironment(replaceQuery: (query: string) => void): Environment {
	return {
		search: location.search,
		storage: browserStorage(),
		replaceQuery,
		createEndpoint: createFeedWorker,
		clock: animationFrameClock,
		debugHook: true,
		renderHost: browserRenderHost(),
		saveFile: (name, text) => saveTextFile(name, text),
		alertOutput: browserAlertOutput()
	};
}
