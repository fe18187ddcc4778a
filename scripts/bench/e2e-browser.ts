import { spawnHelper, stopHelper, waitForOutput } from './e2e-process';
import { testBuild } from './test-build';

/**
 * A test build served by scripts/serve.js on a free port: this checkout's (build-test/, built
 * first) or, given `dir`, one built before (the bench's `--baseline`).
 */
export interface AppServer {
	/** `http://127.0.0.1:<port>` */
	readonly url: string;
	close(): Promise<void>;
}

export async function startAppServer(dir: string = testBuild()): Promise<AppServer> {
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
