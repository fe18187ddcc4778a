import type { Interval } from '../core/interval';
import type { Frame } from './batch-coalescer';
import { installDebugHook } from './debug-hook';
import { FeedClient, type FeedEndpoint } from './feed-client';
import { FeedStatusState } from './feed-status.svelte';
import type { FrameClock } from './frame-scheduler';
import { MarketState } from './market.svelte';
import {
	applyForm,
	needsRestart,
	type ConnectionForm,
	type ParamError,
	type Settings
} from './settings';
import { SettingsState, type SettingsIo } from './settings.svelte';
import { ViewSync, type BarSink } from './view-sync';

export const MAIN_VIEW = 'main';
/** Each tab follows its symbol through a small daily view: that is where its last price comes from. */
export const tabView = (symbol: string): string => `tab:${symbol}`;
const TAB_INTERVAL: Interval = '1d';

/** The chart as the app needs it. */
export interface MainChart extends BarSink {
	readonly drawnBars: number;
}

export interface Environment extends SettingsIo {
	readonly createEndpoint: () => FeedEndpoint;
	readonly clock: FrameClock;
	/** false in unit tests that have no `window`. */
	readonly debugHook: boolean;
}

/**
 * The app: settings, feed state and the main chart kept in step with the worker. Components read
 * its state and call its methods; all IO comes in through `Environment`.
 */
export class Tickscope {
	readonly settings: SettingsState;
	readonly feed = new FeedStatusState();
	readonly market = new MarketState();
	/** The main chart waits for the history of the symbol/interval just chosen. */
	loading = $state(true);
	readonly #env: Environment;
	readonly #sync = new ViewSync(MAIN_VIEW);
	#chart: MainChart | null = null;
	#client: FeedClient | null = null;
	/** Views the worker follows for us now, so a restart or switch can drop them. */
	#watched: string[] = [];

	constructor(env: Environment) {
		this.#env = env;
		this.settings = new SettingsState(env);
		this.market.active = this.settings.current.symbol;
	}

	/** Starts the worker and the feed; the returned function stops both. */
	open(): () => void {
		this.settings.publish();
		const client = new FeedClient({
			endpoint: this.#env.createEndpoint(),
			clock: this.#env.clock,
			onFrame: (frame) => this.#apply(frame),
			onError: (message) => this.feed.fail(message)
		});
		this.#client = client;
		this.#startFeed(client);
		const feed = this.feed;
		const removeHook = this.#env.debugHook
			? installDebugHook({
					klines: (symbol, interval) => client.klines(symbol, interval),
					drawnBars: () => this.#chart?.drawnBars ?? 0,
					get lastBatchSeq() {
						return feed.lastBatchSeq;
					}
				})
			: () => {};
		return () => {
			removeHook();
			this.#client = null;
			void client.close();
		};
	}

	/** The chart component mounted (or unmounted); a new chart needs the full history again. */
	attachChart(chart: MainChart | null): void {
		this.#chart = chart;
		this.#sync.attach(chart);
		if (chart !== null && this.#client !== null) this.#watchMain(this.#client);
	}

	selectSymbol(symbol: string): void {
		const current = this.settings.current;
		if (symbol === current.symbol || !current.symbols.includes(symbol)) return;
		this.#switch({ ...current, symbol });
	}

	selectInterval(interval: Interval): void {
		if (interval === this.settings.current.interval) return;
		this.#switch({ ...this.settings.current, interval });
	}

	/** Applies the settings dialog; returns the refused fields, or nothing when applied. */
	configure(form: ConnectionForm): ParamError[] {
		const result = applyForm(this.settings.current, form);
		if (!result.ok) return result.errors;
		const restart = needsRestart(this.settings.current, result.settings);
		this.settings.set(result.settings);
		this.market.active = result.settings.symbol;
		if (restart && this.#client !== null) this.#startFeed(this.#client);
		else if (this.#client !== null) this.#watchMain(this.#client);
		return [];
	}

	#switch(next: Settings): void {
		this.settings.set(next);
		this.market.active = next.symbol;
		if (this.#client !== null) this.#watchMain(this.#client);
	}

	#startFeed(client: FeedClient): void {
		const { wsBase, restBase, symbols } = this.settings.current;
		// Failures are reported once by the client (status bar); these catches only end the chains.
		for (const viewId of this.#watched) void client.unwatch(viewId).catch(() => {});
		this.#watched = [];
		this.market.clear();
		this.feed.restarting();
		void client.start({ wsBase, restBase, symbols: [...symbols] }).catch(() => {});
		for (const symbol of symbols) {
			this.#watched.push(tabView(symbol));
			void client.watch(tabView(symbol), symbol, TAB_INTERVAL).catch(() => {});
		}
		this.#watchMain(client);
	}

	#watchMain(client: FeedClient): void {
		const { symbol, interval } = this.settings.current;
		this.#sync.expect(symbol, interval);
		this.loading = true;
		if (this.#watched.includes(MAIN_VIEW)) void client.unwatch(MAIN_VIEW).catch(() => {});
		else this.#watched.push(MAIN_VIEW);
		void client.watch(MAIN_VIEW, symbol, interval).catch(() => {});
	}

	#apply(frame: Frame): void {
		this.feed.apply(frame);
		this.market.apply(frame);
		if (this.#sync.apply(frame.views)) this.loading = this.#sync.awaitingReset;
		this.feed.applyMs = this.#client?.lastApplyMs ?? 0;
	}
}
