import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test';
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

interface HeapUsage {
	readonly usedSize: number;
}

/**
 * Used JS heap of the page and of its feed worker through the DevTools protocol. Playwright opens
 * CDP sessions for pages only, so the worker is reached from a browser session: its target is
 * attached unflattened and spoken to with `Target.sendMessageToTarget`.
 */
export class HeapMeter {
	#nextId = 1;
	readonly #replies = new Map<number, (message: { result?: HeapUsage }) => void>();

	private constructor(
		private readonly page: CDPSession,
		private readonly browser: CDPSession,
		private readonly workerSession: string | null
	) {
		browser.on('Target.receivedMessageFromTarget', (event) => {
			const message = JSON.parse(event.message) as { id?: number; result?: HeapUsage };
			if (message.id !== undefined) this.#replies.get(message.id)?.(message);
		});
	}

	/** Attaches to `page` and to the first dedicated worker served from `origin`. */
	static async open(
		browser: Browser,
		context: BrowserContext,
		page: Page,
		origin: string
	): Promise<HeapMeter> {
		const pageSession = await context.newCDPSession(page);
		const browserSession = await browser.newBrowserCDPSession();
		const { targetInfos } = await browserSession.send('Target.getTargets');
		const worker = targetInfos.find((t) => t.type === 'worker' && t.url.startsWith(origin));
		let session: string | null = null;
		if (worker !== undefined) {
			const attached = await browserSession.send('Target.attachToTarget', {
				targetId: worker.targetId,
				flatten: false
			});
			session = attached.sessionId;
		}
		return new HeapMeter(pageSession, browserSession, session);
	}

	/** Used heap in bytes; the worker's is null when it could not be reached. */
	async sample(): Promise<{ page: number; worker: number | null }> {
		const page = await this.page.send('Runtime.getHeapUsage');
		return { page: page.usedSize, worker: await this.#workerHeap() };
	}

	async #workerHeap(): Promise<number | null> {
		const sessionId = this.workerSession;
		if (sessionId === null) return null;
		const id = this.#nextId++;
		const reply = new Promise<{ result?: HeapUsage }>((resolve) => this.#replies.set(id, resolve));
		const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 5000));
		await this.browser.send('Target.sendMessageToTarget', {
			sessionId,
			message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' })
		});
		const message = await Promise.race([reply, timeout]);
		this.#replies.delete(id);
		return message?.result?.usedSize ?? null;
	}

	async close(): Promise<void> {
		await this.browser.detach().catch(() => {});
		await this.page.detach().catch(() => {});
	}
}
