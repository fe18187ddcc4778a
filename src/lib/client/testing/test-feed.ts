import type {
	CacheStats,
	FeedApi,
	FeedConfig,
	FeedListener,
	ReplaySession,
	SymbolInfo
} from '../../protocol/feed-api';
import type { PaperView } from '../../protocol/paper-api';
import type { FrameClock } from '../render/frame-scheduler';

/** Test helpers: a feed worker stand-in and animation frames run by hand. */

/**
 * A worker stand-in: records calls, lets the test push batches through the listener it was given.
 * Its methods take their signatures from `FeedApi`.
 */
export class FakeFeed implements FeedApi {
	calls: string[] = [];
	configs: FeedConfig[] = [];
	listener: FeedListener | null = null;
	failWatch = false;
	/** `start` answers once this settles (a slow call ahead in the queue); 20 ms by default. */
	startGate: Promise<unknown> | null = null;
	/** `replay` begins once this settles. */
	replayGate: Promise<unknown> = Promise.resolve();
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

	// As the real one: in effect at once, answered later.
	start: FeedApi['start'] = async (config, listener) => {
		this.calls.push(`start ${config.symbols.join(',')}`);
		this.configs.push(config);
		this.listener = listener;
		await (this.startGate ?? new Promise((resolve) => setTimeout(resolve, 20)));
	};
	watch: FeedApi['watch'] = (viewId, symbol, interval) => {
		this.calls.push(`watch ${viewId} ${symbol} ${interval}`);
		return this.failWatch ? Promise.reject(new Error('no such symbol')) : Promise.resolve();
	};
	unwatch: FeedApi['unwatch'] = (viewId) => {
		this.calls.push(`unwatch ${viewId}`);
		return Promise.resolve();
	};
	klines: FeedApi['klines'] = (symbol, interval) => {
		this.calls.push(`klines ${symbol} ${interval}`);
		return Promise.resolve([]);
	};
	loadOlder: FeedApi['loadOlder'] = (symbol, interval, oldestShownMs) => {
		this.calls.push(`loadOlder ${symbol} ${interval} ${oldestShownMs}`);
		return Promise.resolve(false);
	};
	stop: FeedApi['stop'] = () => {
		this.calls.push('stop');
		return Promise.resolve();
	};
	cacheStats: FeedApi['cacheStats'] = () => {
		this.calls.push('cacheStats');
		return Promise.resolve(this.stats);
	};
	exportTicks: FeedApi['exportTicks'] = (sessionId, fromMs, toMs) => {
		this.calls.push(`exportTicks ${sessionId} ${fromMs} ${toMs}`);
		return Promise.resolve(this.exportText);
	};
	exportKlines: FeedApi['exportKlines'] = (symbol, interval) => {
		this.calls.push(`exportKlines ${symbol} ${interval}`);
		return Promise.resolve(this.exportText);
	};
	importFile: FeedApi['importFile'] = async (name, data, listener, symbol) => {
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
	};
	sessions: FeedApi['sessions'] = () => {
		this.calls.push('sessions');
		return Promise.resolve(this.sessionList);
	};
	replay: FeedApi['replay'] = async ({ sessionId, fromMs, toMs, speed }) => {
		// As the real one: it plans (awaits) before the replay begins.
		await this.replayGate;
		this.calls.push(`replay ${sessionId} ${fromMs} ${toMs} ${speed}`);
		return this.#replayAnswer();
	};
	replayControl: FeedApi['replayControl'] = (command) => {
		this.calls.push(`replayControl ${JSON.stringify(command)}`);
		return this.#replayAnswer();
	};
	stopReplay: FeedApi['stopReplay'] = () => {
		this.calls.push('stopReplay');
		return this.#replayAnswer();
	};
	/** What the paper calls answer; a message in `paperError` makes them reject with it. */
	paper: PaperView = { mode: 'live', replayId: null, session: null, notice: '' };
	paperError = '';
	paperView: FeedApi['paperView'] = () => {
		this.calls.push('paperView');
		return Promise.resolve(this.paper);
	};
	paperOpen: FeedApi['paperOpen'] = (request) => {
		this.calls.push(`paperOpen ${request.symbol} ${request.startBalance} ${request.feePercent}`);
		return this.#paperAnswer(this.paper);
	};
	paperOrder: FeedApi['paperOrder'] = (request) => {
		this.calls.push(`paperOrder ${JSON.stringify(request)}`);
		return this.#paperAnswer(null);
	};
	paperCancel: FeedApi['paperCancel'] = (orderId) => {
		this.calls.push(`paperCancel ${orderId}`);
		return this.#paperAnswer(undefined);
	};
	paperProtect: FeedApi['paperProtect'] = (stopLoss, takeProfit) => {
		this.calls.push(`paperProtect ${stopLoss} ${takeProfit}`);
		return this.#paperAnswer(undefined);
	};
	paperSessions: FeedApi['paperSessions'] = () => {
		this.calls.push('paperSessions');
		return Promise.resolve([]);
	};
	paperExport: FeedApi['paperExport'] = (sessionId) => {
		this.calls.push(`paperExport ${sessionId}`);
		return Promise.resolve(this.exportText);
	};
	#paperAnswer<T>(value: T): Promise<T> {
		return this.paperError === ''
			? Promise.resolve(value)
			: Promise.reject(new Error(this.paperError));
	}
	/** Symbols `focus` was called with, in order (kept apart from `calls`: every watch of the chart focuses). */
	focused: string[] = [];
	/** What `tradingSymbols` answers. */
	trading: SymbolInfo[] = [];
	setSymbols: FeedApi['setSymbols'] = (symbols) => {
		this.calls.push(`setSymbols ${symbols.join(',')}`);
		return Promise.resolve();
	};
	focus: FeedApi['focus'] = (symbol) => {
		this.focused.push(symbol);
		return Promise.resolve();
	};
	tradingSymbols: FeedApi['tradingSymbols'] = () => {
		this.calls.push('tradingSymbols');
		return Promise.resolve(this.trading);
	};
	setIndicators: FeedApi['setIndicators'] = (viewId, specs) => {
		this.calls.push(`setIndicators ${viewId} ${specs.map((s) => s.id).join(',')}`);
		return Promise.resolve();
	};
	setAlerts: FeedApi['setAlerts'] = (alerts) => {
		this.calls.push(`setAlerts ${alerts.map((a) => a.id).join(',')}`);
		return Promise.resolve();
	};
	exportIndicatorCsv: FeedApi['exportIndicatorCsv'] = (symbol, interval, specs) => {
		this.calls.push(`exportIndicatorCsv ${symbol} ${interval} ${specs.length}`);
		return Promise.resolve('open_time\n');
	};
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
