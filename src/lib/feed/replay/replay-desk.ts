import type {
	FeedListener,
	ImportListener,
	ReplayCommand,
	ReplayRequest,
	ReplaySession,
	ReplaySpeed
} from '../../protocol/feed-api';
import { openSessionStoreOrMemory, MemorySessionStore } from '../../storage/memory-session-store';
import type { SessionStore } from '../../storage/session-store';
import { cacheKey, cacheNamespace, symbolOfKey } from '../cache/cache-keys';
import type { FeedDeps, RunContext } from '../live/feed-run';
import { ReplayRun, type ReplayPlan } from './replay-run';
import { REPLAY_SPEEDS, ReplaySessions, type CachedTicks } from './replay-sessions';

/**
 * The replay side of the feed service: what can be replayed (sessions, imports) and the replay
 * running now, if any. The service's live run goes on behind it, posting nothing meanwhile.
 */
export class ReplayDesk {
	#run: ReplayRun | null = null;
	/** Counts requests and ends: a plan whose request is no longer the latest is dropped. */
	#requests = 0;

	constructor(readonly sessions: ReplaySessions) {}

	/** The replay running now; null when live. */
	get run(): ReplayRun | null {
		return this.#run;
	}

	list(): Promise<ReplaySession[]> {
		return this.sessions.list();
	}

	importFile(
		name: string,
		data: ArrayBuffer,
		listener?: ImportListener,
		symbol?: string
	): Promise<ReplaySession> {
		return this.sessions.importFile(name, data, listener, symbol);
	}

	/**
	 * The ticks of a request; null when a later request, an `end` or a `stop` came while they
	 * were read (the latest request wins).
	 */
	async plan(request: ReplayRequest): Promise<ReplayPlan | null> {
		const ticket = ++this.#requests;
		const plan = await this.sessions.plan(request);
		return ticket === this.#requests ? plan : null;
	}

	/** Replaces any running replay with one of `plan` (the live run must have let go of the views). */
	begin(plan: ReplayPlan, speed: ReplaySpeed, listener: FeedListener, context: RunContext): void {
		this.#run?.stop();
		this.#run = new ReplayRun(plan, speed, listener, context);
		this.#run.start();
	}

	/** Play, pause, speed or seek; throws in words when no replay runs or the command is wrong. */
	control(command: ReplayCommand): void {
		const run = this.#run;
		if (run === null) throw new Error('no replay is running: start one with replay(request)');
		const { playing, speed, seekMs } = command;
		if (speed !== undefined && !REPLAY_SPEEDS.includes(speed)) {
			throw new RangeError(`replay speed must be 1, 10, 100 or 'max', got ${String(speed)}`);
		}
		if (seekMs !== undefined && !Number.isFinite(seekMs)) {
			throw new RangeError(`seek position must be a time in ms, got ${seekMs}`);
		}
		if (playing !== undefined && typeof playing !== 'boolean') {
			throw new RangeError(`playing must be true or false, got ${String(playing)}`);
		}
		run.control(command);
	}

	/** Stops the running replay; false when there was none. */
	end(): boolean {
		this.#requests++;
		const run = this.#run;
		this.#run = null;
		run?.stop();
		return run !== null;
	}
}

/**
 * The desk of a feed service: cache sessions from its tick cache under the feed's naming, imports
 * in the tick database (memory only when the host gives no IndexedDB).
 */
export function replayDeskFor(
	deps: FeedDeps,
	cache: CachedTicks,
	wsBase: () => string | undefined
): ReplayDesk {
	const factory = deps.indexedDB ?? null;
	const openSessions = (): Promise<SessionStore> =>
		factory === null
			? Promise.resolve(new MemorySessionStore())
			: openSessionStoreOrMemory({ factory, name: deps.cache?.name }).then((opened) => {
					if (opened.mode === 'memory')
						deps.log?.('Imports: IndexedDB did not open', opened.reason);
					return opened.store;
				});
	const namespace = () => {
		const base = wsBase();
		return base === undefined ? '' : cacheNamespace(base);
	};
	const sessions = new ReplaySessions({
		cache: () => cache,
		naming: () => {
			const ns = namespace();
			return { key: (symbol) => cacheKey(ns, symbol), symbolOf: (key) => symbolOfKey(ns, key) };
		},
		openSessions,
		host: {
			now: deps.now,
			breathe: () => new Promise((resolve) => deps.timers.setTimeout(resolve, 0))
		}
	});
	return new ReplayDesk(sessions);
}
