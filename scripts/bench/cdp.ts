import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { CHROMIUM_ARGS, findChromium } from '../../tests/support/browser.ts';

/**
 * Chromium driven over the bare DevTools protocol, for the end-to-end bench. Playwright enables
 * the Network domain on every page and worker, so Chromium serialises each WebSocket frame into a
 * DevTools event and ships it to the driver: on this 2-core machine a worker that only counted
 * messages received 15-18k/s under Playwright and 22-30k/s without it. A user's browser has no
 * DevTools attached, so the bench sends only Target, Page and Runtime commands, never enables a
 * domain, and leaves the network uninstrumented.
 */

interface Message {
	readonly id?: number;
	readonly method?: string;
	readonly params?: Record<string, unknown>;
	readonly sessionId?: string;
	readonly result?: unknown;
	readonly error?: { readonly message: string };
}

interface Pending {
	readonly method: string;
	resolve(result: unknown): void;
	reject(error: Error): void;
}

/** One WebSocket to the browser; page and worker sessions are flattened onto it. */
class CdpConnection {
	#nextId = 1;
	readonly #pending = new Map<number, Pending>();
	readonly #listeners = new Set<(message: Message) => void>();

	constructor(private readonly socket: WebSocket) {
		socket.on('message', (data: Buffer) =>
			this.#receive(JSON.parse(data.toString('utf8')) as Message)
		);
		socket.on('close', () => {
			for (const pending of this.#pending.values()) {
				pending.reject(new Error(`DevTools connection closed during ${pending.method}`));
			}
			this.#pending.clear();
		});
	}

	send<T>(method: string, params: object = {}, sessionId?: string): Promise<T> {
		const id = this.#nextId++;
		return new Promise<T>((resolve, reject) => {
			this.#pending.set(id, { method, resolve: (result) => resolve(result as T), reject });
			this.socket.send(JSON.stringify({ id, method, params, sessionId }));
		});
	}

	/** Calls `listener` with every event; returns the function that stops it. */
	on(listener: (message: Message) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	close(): void {
		this.socket.close();
	}

	#receive(message: Message): void {
		if (message.id === undefined) {
			for (const listener of this.#listeners) listener(message);
			return;
		}
		const pending = this.#pending.get(message.id);
		if (pending === undefined) return;
		this.#pending.delete(message.id);
		if (message.error) pending.reject(new Error(`${pending.method}: ${message.error.message}`));
		else pending.resolve(message.result);
	}
}

/** The DevTools WebSocket address Chromium prints on stderr once it listens. */
function devtoolsAddress(child: ChildProcess): Promise<string> {
	return new Promise((resolve, reject) => {
		let text = '';
		const timer = setTimeout(
			() => reject(new Error('Chromium printed no DevTools address')),
			30_000
		);
		child.stderr?.on('data', (chunk: Buffer) => {
			text += chunk.toString('utf8');
			const match = /DevTools listening on (ws:\/\/\S+)/.exec(text);
			if (match?.[1] !== undefined) {
				clearTimeout(timer);
				resolve(match[1]);
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`Chromium exited (${code}) before listening:\n${text.slice(-2000)}`));
		});
	});
}

interface EvaluateResult {
	readonly result: { readonly value?: unknown };
	readonly exceptionDetails?: {
		readonly text: string;
		readonly exception?: { readonly description?: string };
	};
}

interface TargetInfo {
	readonly targetId: string;
	readonly type: string;
	readonly url: string;
}

/** One tab in its own browser context (fresh storage), and the dedicated workers it starts. */
export class CdpPage {
	readonly #workers = new Map<string, TargetInfo>();
	readonly #stopListening: () => void;

	constructor(
		private readonly connection: CdpConnection,
		private readonly contextId: string,
		private readonly sessionId: string
	) {
		this.#stopListening = connection.on((message) => {
			if (message.sessionId !== sessionId) return;
			const params = message.params as { sessionId: string; targetInfo: TargetInfo } | undefined;
			if (message.method === 'Target.attachedToTarget' && params?.targetInfo.type === 'worker') {
				this.#workers.set(params.sessionId, params.targetInfo);
			} else if (message.method === 'Target.detachedFromTarget' && params) {
				this.#workers.delete(params.sessionId);
			}
		});
	}

	/**
	 * Lays the page out at `width` x `height` CSS pixels (the app's layout depends on the width),
	 * `pixelRatio` device pixels each (canvases are painted at that resolution).
	 */
	async viewport(width: number, height: number, pixelRatio = 1): Promise<void> {
		await this.connection.send(
			'Emulation.setDeviceMetricsOverride',
			{ width, height, deviceScaleFactor: pixelRatio, mobile: false },
			this.sessionId
		);
	}

	async goto(url: string): Promise<void> {
		const reply = await this.connection.send<{ errorText?: string }>(
			'Page.navigate',
			{ url },
			this.sessionId
		);
		if (reply.errorText) throw new Error(`navigating to ${url}: ${reply.errorText}`);
	}

	/** The value of `expression` (awaited when it is a promise), copied out as JSON. */
	async evaluate<T>(expression: string): Promise<T> {
		const reply = await this.connection.send<EvaluateResult>(
			'Runtime.evaluate',
			{ expression, awaitPromise: true, returnByValue: true },
			this.sessionId
		);
		const thrown = reply.exceptionDetails;
		if (thrown) throw new Error(thrown.exception?.description ?? thrown.text);
		return reply.result.value as T;
	}

	/** Polls `expression` until it is truthy; throws after `timeoutMs`. */
	async waitFor(expression: string, timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (!(await this.evaluate<unknown>(expression).catch(() => false))) {
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	/**
	 * Slows the page's main thread `rate` times (1: none), as DevTools' CPU throttling does; its
	 * workers run at full speed.
	 */
	async throttleCpu(rate: number): Promise<void> {
		await this.connection.send('Emulation.setCPUThrottlingRate', { rate }, this.sessionId);
	}

	/** Starts the page's main-thread sampling CPU profiler (every 200 µs). */
	async startProfile(): Promise<void> {
		await this.connection.send('Profiler.enable', {}, this.sessionId);
		await this.connection.send('Profiler.setSamplingInterval', { interval: 200 }, this.sessionId);
		await this.connection.send('Profiler.start', {}, this.sessionId);
	}

	/** Stops the profiler: the profile as DevTools saves it (a .cpuprofile file's JSON). */
	async stopProfile(): Promise<unknown> {
		const { profile } = await this.connection.send<{ profile: unknown }>(
			'Profiler.stop',
			{},
			this.sessionId
		);
		await this.connection.send('Profiler.disable', {}, this.sessionId);
		return profile;
	}

	/** Used JS heap in bytes of the page and of its dedicated workers (null: none attached). */
	async heap(): Promise<{ page: number; worker: number | null }> {
		type Usage = { usedSize: number };
		const page = await this.connection.send<Usage>('Runtime.getHeapUsage', {}, this.sessionId);
		let worker: number | null = null;
		for (const session of this.#workers.keys()) {
			const usage = await this.connection
				.send<Usage>('Runtime.getHeapUsage', {}, session)
				.catch(() => null);
			if (usage) worker = (worker ?? 0) + usage.usedSize;
		}
		return { page: page.usedSize, worker };
	}

	async close(): Promise<void> {
		this.#stopListening();
		await this.connection
			.send('Target.disposeBrowserContext', { browserContextId: this.contextId })
			.catch(() => {});
	}
}

/**
 * Flags Playwright passes too, so headless Chromium does not treat the tab as in the background
 * and slow its timers or frames down.
 */
const FOREGROUND_ARGS = [
	'--disable-background-timer-throttling',
	'--disable-backgrounding-occluded-windows',
	'--disable-renderer-backgrounding'
];

export class CdpBrowser {
	private constructor(
		private readonly child: ChildProcess,
		private readonly connection: CdpConnection,
		private readonly profileDir: string
	) {}

	/** The browser process's id: its renderer and GPU processes descend from it. */
	get pid(): number {
		const pid = this.child.pid;
		if (pid === undefined) throw new Error('Chromium has no process id');
		return pid;
	}

	static async launch(): Promise<CdpBrowser> {
		const profileDir = mkdtempSync(path.join(tmpdir(), 'tickscope-bench-'));
		const child = spawn(
			findChromium(),
			[
				...CHROMIUM_ARGS,
				...FOREGROUND_ARGS,
				'--headless',
				'--remote-debugging-port=0',
				`--user-data-dir=${profileDir}`,
				'about:blank'
			],
			{ stdio: ['ignore', 'ignore', 'pipe'] }
		);
		try {
			const address = await devtoolsAddress(child);
			const socket = new WebSocket(address, { perMessageDeflate: false, maxPayload: 0 });
			await new Promise((resolve, reject) => {
				socket.once('open', resolve);
				socket.once('error', reject);
			});
			return new CdpBrowser(child, new CdpConnection(socket), profileDir);
		} catch (error) {
			child.kill('SIGKILL');
			rmSync(profileDir, { recursive: true, force: true });
			throw error;
		}
	}

	/** A blank tab in a new browser context, with its dedicated workers attached as they start. */
	async newPage(): Promise<CdpPage> {
		const { browserContextId } = await this.connection.send<{ browserContextId: string }>(
			'Target.createBrowserContext',
			{ disposeOnDetach: true }
		);
		const { targetId } = await this.connection.send<{ targetId: string }>('Target.createTarget', {
			url: 'about:blank',
			browserContextId
		});
		const { sessionId } = await this.connection.send<{ sessionId: string }>(
			'Target.attachToTarget',
			{ targetId, flatten: true }
		);
		const page = new CdpPage(this.connection, browserContextId, sessionId);
		await this.connection.send(
			'Target.setAutoAttach',
			{ autoAttach: true, waitForDebuggerOnStart: false, flatten: true },
			sessionId
		);
		return page;
	}

	async close(): Promise<void> {
		await this.connection.send('Browser.close').catch(() => {});
		this.connection.close();
		if (this.child.exitCode === null && this.child.signalCode === null) {
			await new Promise<void>((resolve) => {
				const kill = setTimeout(() => this.child.kill('SIGKILL'), 5000);
				this.child.once('exit', () => {
					clearTimeout(kill);
					resolve();
				});
			});
		}
		rmSync(this.profileDir, { recursive: true, force: true });
	}
}
