import type { CdpBrowser } from './cdp';
import type { SyntheticServer } from './e2e-server';

/**
 * The baseline for the receive rate: how many messages a second this browser, on this machine,
 * delivers to a dedicated worker that only counts them, from the same test server at the same
 * rate. Chromium hands every WebSocket message from its network process to the worker one by one;
 * on a small machine that, not the app, caps what any page can receive, and the app's rate is
 * reported against it, measured in the same run.
 */

const COUNTER = `let count = 0;
onmessage = (event) => {
	if (event.data === 'count') return postMessage(count);
	new WebSocket(event.data).onmessage = () => { count += 1; };
};`;

function startCounter(streamUrl: string): string {
	return `(() => {
		const source = URL.createObjectURL(new Blob([${JSON.stringify(COUNTER)}], { type: 'text/javascript' }));
		const worker = new Worker(source);
		worker.postMessage(${JSON.stringify(streamUrl)});
		globalThis.__ceilingCount = () => new Promise((resolve) => {
			worker.onmessage = (event) => resolve(event.data);
			worker.postMessage('count');
		});
	})()`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Messages per second the counting worker received over `durationS`, after `warmupS`. */
export async function measureCeiling(
	browser: CdpBrowser,
	server: SyntheticServer,
	stream: string,
	warmupS: number,
	durationS: number
): Promise<number> {
	const page = await browser.newPage();
	try {
		// Any page of the test server's origin will do: the worker is built from a blob.
		await page.goto(`${server.httpUrl}/api/v3/time`);
		await page.waitFor(`document.readyState === 'complete'`, 10_000);
		await page.evaluate(startCounter(`${server.wsUrl}/stream?streams=${stream}`));
		await sleep(warmupS * 1000);
		const first = await page.evaluate<number>('globalThis.__ceilingCount()');
		await sleep(durationS * 1000);
		const last = await page.evaluate<number>('globalThis.__ceilingCount()');
		return Math.round((last - first) / durationS);
	} finally {
		await page.close();
	}
}
