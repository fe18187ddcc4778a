import { spawnHelper, stopHelper, waitForOutput } from './e2e-process';
import { testBuild } from './test-build';

/** The test build (build-test/, built first) served by scripts/serve.js on a free port. */
export interface AppServer {
	/** `http://127.0.0.1:<port>` */
	readonly url: string;
	close(): Promise<void>;
}

export async function startAppServer(): Promise<AppServer> {
	const dir = testBuild();
	const child = spawnHelper([
		'scripts/serve.js',
		'--port',
		'0',
		'--host',
		'127.0.0.1',
		'--dir',
		dir
	]);
	const port = await waitForOutput(child, /localhost:(\d+)/);
	return { url: `http://127.0.0.1:${port}`, close: () => stopHelper(child) };
}
