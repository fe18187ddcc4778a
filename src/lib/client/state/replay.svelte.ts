import type {
	FeedApi,
	FeedStatus,
	ReplayCommand,
	ReplaySession,
	ReplaySpeed,
	ReplayStatus
} from '../../protocol/feed-api';
import { Throttle, globalTimers, type ThrottleTimers } from '../throttle';
import { parseUtcTime } from '../text/time-text';

/** The worker calls the replay panel makes. */
export type ReplayPort = Pick<FeedApi, 'sessions' | 'replay' | 'replayControl' | 'stopReplay'>;

/** What the app does around a replay: the main chart follows the replayed symbol, then live again. */
export interface ReplayHost {
	begin(symbol: string): void;
	end(): void;
	/** The symbol on the chart now, to preselect its cached session. */
	chartSymbol(): string;
}

export const SPEEDS: readonly ReplaySpeed[] = [1, 10, 100, 'max'];
/** Scrubber drags seek at most this often (ms): each seek re-aggregates from the range start. */
const SEEK_EVERY_MS = 150;

const describe = (error: unknown): string =>
	error instanceof Error ? error.message : String(error);

/**
 * The replay panel's state: the sessions to pick from, the chosen range and speed, and the running
 * replay as the worker reports it. A replay is "active" from `start` until `stop` (or a feed
 * restart); the chart follows its symbol meanwhile.
 */
export class ReplayState {
	open = $state(false);
	sessions = $state.raw<readonly ReplaySession[]>([]);
	loading = $state(false);
	/** The last failed call, in the worker's words. */
	error = $state('');
	/** Why a typed range bound was refused. */
	rangeError = $state('');
	selectedId = $state<string | null>(null);
	fromMs = $state(0);
	toMs = $state(0);
	speed = $state<ReplaySpeed>(10);
	/** The replayed symbol from `start` until `stop`: the chart follows it. */
	symbol = $state<string | null>(null);
	/** The worker's report of the running replay; null until its first batch says `replay`. */
	status = $state.raw<ReplayStatus | null>(null);
	/** Where the scrubber is while dragged, ahead of the worker's position. */
	preview = $state<number | null>(null);

	readonly selected = $derived(this.sessions.find((s) => s.id === this.selectedId) ?? null);
	readonly active = $derived(this.symbol !== null);
	readonly playing = $derived(this.status !== null && this.status.playing && !this.status.ended);
	readonly positionMs = $derived(this.preview ?? this.status?.positionMs ?? this.fromMs);
	/** The panel's choice is not what plays: offer to apply it. */
	readonly changed = $derived(
		this.status !== null &&
			(this.status.sessionId !== this.selectedId ||
				this.status.fromMs !== this.fromMs ||
				this.status.toMs !== this.toMs)
	);

	readonly #port: ReplayPort;
	readonly #host: ReplayHost;
	readonly #seek: Throttle<number>;
	/** The user narrowed the range: a refresh keeps it instead of taking the whole session. */
	#narrowed = false;
	/** The scrubber is held: its position wins over the worker's until let go. */
	#dragging = false;
	/** Seeks sent and not yet answered: the worker's position is older than the preview till then. */
	#seeking = 0;

	constructor(port: ReplayPort, host: ReplayHost, timers: ThrottleTimers = globalTimers) {
		this.#port = port;
		this.#host = host;
		this.#seek = new Throttle((ms) => void this.#control({ seekMs: ms }), SEEK_EVERY_MS, timers);
	}

	show(): void {
		this.open = true;
		void this.refresh();
	}

	hide(): void {
		this.open = false;
	}

	/** Reloads the sessions; keeps the selection when it still exists, else picks the chart's symbol. */
	async refresh(): Promise<void> {
		this.loading = true;
		try {
			this.#take(await this.#port.sessions());
			this.error = '';
		} catch (error) {
			this.error = describe(error);
		} finally {
			this.loading = false;
		}
	}

	/** A session just imported: list it and select it. */
	adopt(session: ReplaySession): void {
		this.#take([session, ...this.sessions.filter((s) => s.id !== session.id)], session.id);
	}

	/** Replays a session just imported, whole: selects it, opens the panel and leaves live for it. */
	playImported(session: ReplaySession): Promise<void> {
		this.adopt(session);
		this.show();
		return this.start();
	}

	select(id: string): void {
		const session = this.sessions.find((s) => s.id === id);
		if (session === undefined) return;
		this.selectedId = id;
		this.#narrowed = false;
		this.rangeError = '';
		this.fromMs = session.fromMs;
		this.toMs = session.toMs;
	}

	/** Sets the range from the sliders: clamped to the session, `from` never after `to`. */
	setRange(fromMs: number, toMs: number): void {
		const session = this.selected;
		if (session === null) return;
		const clamp = (ms: number) => Math.min(session.toMs, Math.max(session.fromMs, ms));
		const [from, to] = [clamp(fromMs), clamp(toMs)];
		this.fromMs = Math.min(from, to);
		this.toMs = Math.max(from, to);
		this.#narrowed = this.fromMs !== session.fromMs || this.toMs !== session.toMs;
		this.rangeError = '';
	}

	/** A typed bound (`HH:MM:SS` UTC); false with `rangeError` set when refused. */
	setBound(which: 'from' | 'to', text: string): boolean {
		const session = this.selected;
		if (session === null) return false;
		const parsed = parseUtcTime(text, session, which === 'to' ? this.fromMs : session.fromMs);
		if (!parsed.ok) {
			this.rangeError = `${which}: ${parsed.reason}`;
			return false;
		}
		const ms = Math.min(session.toMs, Math.max(session.fromMs, parsed.ms));
		if (which === 'from' ? ms > this.toMs : ms < this.fromMs) {
			this.rangeError = `${which}: the range must not end before it starts`;
			return false;
		}
		this.setRange(which === 'from' ? ms : this.fromMs, which === 'to' ? ms : this.toMs);
		return true;
	}

	/** Starts the selected range, or plays on: from the top again once the range has ended. */
	async play(): Promise<void> {
		if (!this.active || this.status === null) return this.start();
		if (this.status.ended) return this.#control({ seekMs: this.status.fromMs, playing: true });
		return this.#control({ playing: true });
	}

	pause(): Promise<void> {
		return this.#control({ playing: false });
	}

	toggle(): Promise<void> {
		return this.playing ? this.pause() : this.play();
	}

	setSpeed(speed: ReplaySpeed): Promise<void> {
		this.speed = speed;
		return this.active ? this.#control({ speed }) : Promise.resolve();
	}

	/** Leaves live (or the running replay) for the selected session and range. */
	async start(): Promise<void> {
		const session = this.selected;
		if (session === null) return;
		const request = {
			sessionId: session.id,
			fromMs: this.fromMs,
			toMs: this.toMs,
			speed: this.speed
		};
		try {
			await this.#port.replay(request);
		} catch (error) {
			this.error = describe(error);
			return;
		}
		this.error = '';
		this.preview = null;
		this.symbol = session.symbol;
		this.#host.begin(session.symbol);
	}

	/** The scrubber moves: seek, a few times a second at most. */
	scrub(ms: number): void {
		this.preview = ms;
		this.#dragging = true;
		this.#seek.push(ms);
	}

	/** The scrubber is let go: seek there now. */
	seek(ms: number): void {
		this.preview = ms;
		this.#dragging = false;
		this.#seek.flush(ms);
	}

	/** Back to live. The chart goes back even if the worker refused: it says so in the panel. */
	async stop(): Promise<void> {
		this.#seek.cancel();
		try {
			await this.#port.stopReplay();
			this.error = '';
		} catch (error) {
			this.error = describe(error);
		}
		this.#forget();
		this.#host.end();
	}

	/** The feed restarted: whatever replayed is gone; the restart re-points the chart itself. */
	reset(): void {
		this.#seek.cancel();
		this.#forget();
	}

	/** Takes the worker's status from each frame. */
	apply(status: FeedStatus): void {
		const replay = status.state === 'replay' ? (status.replay ?? null) : null;
		this.status = this.active ? replay : null;
		if (this.status !== null) this.speed = this.status.speed;
		if (this.preview !== null && !this.#dragging && this.#seeking === 0) this.preview = null;
	}

	#forget(): void {
		this.symbol = null;
		this.status = null;
		this.preview = null;
		this.#dragging = false;
	}

	async #control(command: ReplayCommand): Promise<void> {
		const seek = command.seekMs !== undefined ? 1 : 0;
		this.#seeking += seek;
		try {
			await this.#port.replayControl(command);
			this.error = '';
		} catch (error) {
			this.error = describe(error);
		} finally {
			this.#seeking -= seek;
		}
	}

	#take(sessions: readonly ReplaySession[], prefer: string | null = null): void {
		// Cached symbols first; otherwise the worker's order (imports newest first), which is stable.
		this.sessions = [...sessions].sort(
			(a, b) => Number(a.kind === 'import') - Number(b.kind === 'import')
		);
		const keep = prefer ?? this.selectedId;
		const current = this.sessions.find((s) => s.id === keep);
		const fallback =
			this.sessions.find((s) => s.id === `cache:${this.#host.chartSymbol()}`) ?? this.sessions[0];
		const chosen = current ?? fallback;
		if (chosen === undefined) {
			this.selectedId = null;
			return;
		}
		if (chosen.id !== this.selectedId || !this.#narrowed) this.select(chosen.id);
		else this.setRange(this.fromMs, this.toMs);
	}
}
