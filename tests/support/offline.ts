import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { BUILDS, type BuildName } from './builds';
import { repoRoot } from './fixtures';

/**
 * What offline browser tests need: their own copy of a built app on their own port, so they can
 * stop the server without touching the shared ones (BUILDS), and a wait for the service worker.
 */

export interface AppServer {
	/** `http://localhost:<port>/` */
	readonly url: string;
	stop(): Promise<void>;
}

/** A throwaway copy of a build's folder (`npm run build` or `npm run build:test` first). */
export function copyBuild(build: BuildName): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'tickscope-build-'));
	cpSync(path.join(repoRoot, BUILDS[build].dir), dir, { recursive: true });
	return dir;
}

/** `scripts/serve.js` serving `dir` on a port the system picks; `stop` waits for it to exit. */
export async function serveApp(dir: string): Promise<AppServer> {
	const child: ChildProcess = spawn(
		process.execPath,
		['scripts/serve.js', '--port', '0', '--dir', dir],
		{ cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] }
	);
	let running = true;
	const exited = new Promise<void>((resolve) =>
		child.once('exit', () => {
			running = false;
			resolve();
		})
	);
	const port = await new Promise<number>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`serve.js exited with ${code}`)));
		child.stdout?.on('data', (chunk: Buffer) => {
			const found = /localhost:(\d+)/.exec(chunk.toString());
			if (found?.[1] !== undefined) resolve(Number(found[1]));
		});
	});
	return {
		url: `http://localhost:${port}/`,
		async stop() {
			if (running) child.kill('SIGTERM');
			await exited;
		}
	};
}

/** Resolves once a service worker controls the page: from then on a reload can come from its cache. */
export async function waitForServiceWorker(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}
