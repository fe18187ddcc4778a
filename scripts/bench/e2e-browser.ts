import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../tests/support/fixtures.ts';
import { spawnHelper, stopHelper, waitForOutput } from './e2e-process';

/** The built app (build/) served by scripts/serve.js on a free port, as its own process. */
export interface AppServer {
	/** `http://127.0.0.1:<port>` */
	readonly url: string;
	close(): Promise<void>;
}

export async function startAppServer(): Promise<AppServer> {
	const dir = path.join(repoRoot, 'build');
	if (!existsSync(path.join(dir, 'index.html'))) {
		throw new Error('No build/index.html: build the app first (npx vite build).');
	}
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
