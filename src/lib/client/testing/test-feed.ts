import type { Interval } from '../../core/interval';
import type {
	CacheStats,
	FeedApi,
	FeedConfig,
	FeedListener,
	ImportListener,
	KlineRow,
	ReplayRequest,
	ReplaySession
} from '../../protocol/feed-api';
import type { FrameClock } from '../render/frame-scheduler';

/** Test helpers: a feed worker stand-in and animation frames run by hand. */

/** A worker stand-in: records calls, lets the test push batches through the listener it was given. */
export class FakeFeed implements FeedApi {
	calls: string[] = [];
	configs: FeedConfig[] = [];
	listener: FeedListener | null = null;
	failWatch = false;
	/** What `sessions` answers. */
	sessionList: ReplaySession[] = [];
	/** What `cacheStats` answers. */
	stats: CacheStats = {
		mode: 'indexeddb',
		retentionMinutes: 15,
		symbols: [],
		usageBytes: null,
		quotaBytes: null,
		persisted: null
	};
	/** What the export calls answer. */
	exportText = '';
	/** `importFile` reports these, then resolves with `imported` or rejects with `importError`. */
	importSteps: { bytesDone: number; ticks: number }[] = [];
	imported: ReplaySession | null = null;
	importError = '';
	importedBytes = 0;
	/** A message here makes the replay calls reject with it. */
	failReplay = '';
	async start(c: FeedConfig, listener: FeedListener) {
		await new Promise((resolve) => setTimeout(resolve, 20));
		this.calls.push(`start ${c.symbols.join(',')}`);
		this.configs.push(c);
		this.listener = listener;
	}
	watch(viewId: string, symbol: string, interval: Interval) {
		this.calls.push(`watch ${viewId} ${symbol} ${interval}`);
		return this.failWatch ? Promise.reject(new Error('no such symbol')) : Promise.resolve();
	}
	unwatch(viewId: string) {
		this.calls.push(`unwatch ${viewId}`);
		return Promise.resolve();
	}
	klines(symbol: string, interval: Interval): Promise<KlineRow[]> {
		this.calls.push(`klines ${symbol} ${interval}`);
		return Promise.resolve([]);
	}
	stop() {
		this.calls.push('stop');
		return Promise.resolve();
	}
	cacheStats() {
		this.calls.push('cacheStats');
		return Promise.resolve(this.stats);
	}
	exportTicks(sessionId: string, fromMs: number, toMs: number) {
		this.calls.push(`exportTicks ${sessionId} ${fromMs} ${toMs}`);
		return Promise.resolve(this.exportText);
	}
	exportKlines(symbol: string, interval: Interval) {
		this.calls.push(`exportKlines ${symbol} ${interval}`);
		return Promise.resolve(this.exportText);
	}
	async importFile(name: string, data: ArrayBuffer, listener?: ImportListener, symbol?: string) {
		this.calls.push(`importFile ${name}${symbol === undefined ? '' : ` as ${symbol}`}`);
		this.importedBytes = data.byteLength;
		for (const step of this.importSteps) {
			// Over comlink the call is a message on the listener's own port: let it arrive first.
			listener?.progress({ ...step, bytesTotal: data.byteLength });
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		if (this.importError !== '') throw new Error(this.importError);
		if (this.imported === null) throw new Error('no import result set');
		return this.imported;
	}
	sessions() {
		this.calls.push('sessions');
		return Promise.resolve(this.sessionList);
	}
	replay(request: ReplayRequest) {
		const { sessionId, fromMs, toMs, speed } = request;
		this.calls.push(`replay ${sessionId} ${fromMs} ${toMs} ${speed}`);
		return this.#replayAnswer();
	}
	replayControl(command: Parameters<FeedApi['replayControl']>[0]) {
		this.calls.push(`replayControl ${JSON.stringify(command)}`);
		return this.#replayAnswer();
	}
	stopReplay() {
		this.calls.push('stopReplay');
		return this.#replayAnswer();
	}
	#replayAnswer(): Promise<void> {
		return this.failReplay === '' ? Promise.resolve() : Promise.reject(new Error(this.failReplay));
	}
}

export function manualFrames() {
	let due: (() => void)[] = [];
	const clock: FrameClock = {
		request: (callback) => due.push(callback),
		cancel: () => (due = [])
	};
	const frame = () => {
		const now = due;
		due = [];
		for (const callback of now) callback();
	};
	return { clock, frame, pending: () => due.length };
}

/** Waits (up to 2 s) for a condition that a message crossing a MessageChannel will make true. */
export async function until(done: () => boolean): Promise<void> {
	for (let i = 0; i < 400 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
	if (!done()) throw new Error('condition not met within 2 s');
}
