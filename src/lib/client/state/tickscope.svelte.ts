import type { BarSink } from '../../core/bar-columns';
import type { Interval } from '../../core/interval';
import { TEST_SEAMS } from '../../core/test-seams';
import type { FeedSource } from '../../protocol/feed-api';
import type { Frame } from '../render/batch-coalescer';
import { PaperState } from './paper.svelte';
import { CacheState } from './cache.svelte';
import { installDebugHook, type ChartProbe } from '../debug-hook';
import { ExportState, type SaveFile } from './export.svelte';
import { FeedClient, openClientCalls, type FeedEndpoint } from '../feed-client';
import { FeedStatusState } from './feed-status.svelte';
import type { FrameClock } from '../render/frame-scheduler';
import { ImportState } from './import.svelte';
import { MarketState } from './market.svelte';
import { PanelsState } from './panels.svelte';
import { SymbolSearchState } from './symbol-search.svelte';
import { moveItem } from './symbol-list';
import { PageRender } from '../render/page-render';
import type { RenderHost } from '../render/render-scheduler';
import { RenderStatusState } from '../render/render-status.svelte';
import { ReplayState } from './replay.svelte';
import {
	BINANCE_US,
	checkRetention,
	MAX_SYMBOLS,
	type ParamError,
	type Settings
} from '../settings/settings';
import { isValidSymbol } from '../../core/symbol';
import { applyForm, needsRestart, type ConnectionForm } from '../settings/settings-form';
import { SettingsState, type SettingsIo } from '../settings/settings.svelte';
import { ViewSync } from '../render/view-sync';
import type { IndicatorSpec } from '../../core/indicators/indicator-spec';
import { IndicatorFeed, type IndicatorSink } from '../indicators/indicator-feed';
import { IndicatorsState } from '../indicators/indicators.svelte';
import { AlertsState } from '../alerts/alerts.svelte';
import type { AlertOutput } from '../alerts/notifier';
import { workspaceFromJson, workspaceToJson } from '../workspace/workspace';
import { GridCharts, gridView } from './grid-charts.svelte';
import {
	addChart,
	choosePreset,
	duplicateChart,
	removeChart,
	replaceChart,
	type ChartSpec,
	type GridLayout,
	type GridPreset
} from '../../core/grid/grid-layout';

export const MAIN_VIEW = 'main';

/** The view (and indicator) name of grid chart `index`: the main chart's first. */
export const chartView = (index: number): string => (index === 0 ? MAIN_VIEW : gridView(index));
/** Each tab follows its symbol through a small daily view: that is where its last price comes from. */
export const tabView = (symbol: string): string => `tab:${symbol}`;
const TAB_INTERVAL: Interval = '1d';

/** The chart as the app needs it. */
export interface MainChart extends BarSink {
	readonly drawnBars: number;
	/** The bars in view (logical indexes, fractional); null before the first bar. */
	visibleRange?(): { readonly from: number; readonly to: number } | null;
	/** Where it draws: off screen, the render scheduler skips it. */
	readonly element?: Element;
	/** For browser tests: axis labels and the tick chart's newest trades. */
	readonly probe?: ChartProbe;
	/** Where its indicators are drawn; absent on charts that draw none. */
	readonly indicators?: IndicatorSink & {
		show(specs: readonly IndicatorSpec[]): void;
		drawnValues(): Record<string, number>;
	};
	/** Price alerts as lines the user can drag; absent on charts that draw none. */
	readonly alertLines?: {
		show(lines: readonly { id: string; price: number; active: boolean }[]): void;
		moved: (id: string, price: number) => void;
	};
}

export interface Environment extends SettingsIo {
	readonly createEndpoint: () => FeedEndpoint;
	readonly clock: FrameClock;
	/** Installs `window.__tickscope` (test build only); false in unit tests that have no `window`. */
	readonly debugHook: boolean;
	/** Hands an exported file to the user. */
	readonly saveFile: SaveFile;
	/** Notifications, permission and sound for alerts; none in unit tests (the log only). */
	readonly alertOutput?: AlertOutput;
	/** Visibility, on-screen and long-frame observers for the render scheduler; none in unit tests. */
	readonly renderHost?: Omit<RenderHost, 'clock' | 'mode'>;
}

/**
 * The app: settings, feed state and the main chart kept in step with the worker. Components read
 * its state and call its methods; all IO comes in through `Environment`.
 */
/** `wss://host:port/x` -> `host:port`, for messages. */
function hostOf(base: string): string {
	try {
		return new URL(base).host;
	} catch {
		return base;
	}
}

/** Where alerts go without a browser: the in-app log only. */
const LOG_ONLY: AlertOutput = {
	permission: () => Promise.resolve('unsupported'),
	requestPermission: () => Promise.resolve('unsupported'),
	notify: () => Promise.resolve('in-app'),
	beep: () => {}
};

export class Tickscope {
	readonly settings: SettingsState;
	readonly feed = new FeedStatusState();
	readonly market = new MarketState();
	/** The order book and trade tape of the chart's symbol. */
	readonly panels = new PanelsState();
	readonly search: SymbolSearchState;
	readonly replay: ReplayState;
	readonly imports: ImportState;
	readonly exports: ExportState;
	readonly cache: CacheState;
	/** Paper trading: the worker's desk as the trade panel shows it. */
	readonly paper: PaperState;
	/** Throttle level and render cost, for the status bar. */
	readonly render = new RenderStatusState();
	/** The main chart waits for the history of the symbol/interval just chosen. */
	loading = $state(true);
	readonly #env: Environment;
	/** The panels' calls, to whichever client runs now. */
	readonly #calls = openClientCalls(() => this.#client);
	readonly #sync = new ViewSync(MAIN_VIEW);
	/** Indicators per chart, saved; and the main chart's values on their way to it. */
	readonly indicators: IndicatorsState;
	readonly #indicatorFeed = new IndicatorFeed(MAIN_VIEW);
	/** Alerts, evaluated by the worker on every trade; their log and notifications. */
	readonly alerts: AlertsState;
	/** The grid's charts after the first (the main chart): one worker and render view each. */
	readonly grid = new GridCharts({
		client: () => this.#client,
		render: () => this.#render,
		indicators: (viewId) => this.indicators.of(viewId)
	});
	/** The grid chart the toolbar, symbol tabs and shortcuts act on (0: the main chart). */
	active = $state(0);
	#chart: MainChart | null = null;
	#client: FeedClient | null = null;
	#render: PageRender | null = null;
	/** The book and tape's element while it is mounted (see attachPanels). */
	#panelsElement: Element | null = null;
	/** Views the worker follows for us now, so a restart or switch can drop them. */
	#watched: string[] = [];
	/** `symbol:interval` of the older-history requests under way (nothing draws from it). */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	readonly #loadingOlder = new Set<string>();

	constructor(env: Environment) {
		this.#env = env;
		this.settings = new SettingsState(env);
		this.market.active = this.settings.current.symbol;
		this.replay = new ReplayState(this.#calls, {
			begin: (symbol) => this.#follow(symbol, false),
			end: () => this.#follow(this.settings.current.symbol, true),
			chartSymbol: () => this.chartSymbol
		});
		this.imports = new ImportState(this.#calls, (session) => this.replay.adopt(session));
		this.exports = new ExportState(this.#calls, env.saveFile);
		this.cache = new CacheState(this.#calls);
		this.paper = new PaperState(this.#calls, env.saveFile);
		this.search = new SymbolSearchState(this.#calls);
		this.alerts = new AlertsState(env.storage, env.alertOutput ?? LOG_ONLY, (alerts) => {
			this.#showAlertLines();
			const client = this.#client;
			if (client !== null) client.report('Setting alerts', client.api.setAlerts(alerts));
		});
		this.indicators = new IndicatorsState(env.storage, (chart) => {
			if (chart === MAIN_VIEW) this.#indicatorsChanged();
			else this.grid.indicatorsChanged(chart);
		});
	}

	/** What the main chart shows: the replayed symbol during a replay, else the chosen one. */
	get chartSymbol(): string {
		return this.replay.symbol ?? this.settings.current.symbol;
	}

	/** Starts the worker and the feed; the returned function stops both. */
	open(): () => void {
		this.settings.publish();
		const render = this.#openRender();
		const client = new FeedClient({
			endpoint: this.#env.createEndpoint(),
			onBatch: (batch) => {
				// Paper news is rare (fills, orders, the mark 4 times a second): it skips the render queue.
				if (batch.paper !== undefined) this.paper.apply(batch.paper);
				// Alerts first and outside the render scheduler: a hidden tab draws no frames.
				if (batch.alerts !== undefined) this.alerts.receive(batch.alerts);
				this.#indicatorFeed.receive(batch);
				this.grid.receive(batch);
				render.push(batch);
			},
			onError: (message) => this.feed.fail(message)
		});
		this.#client = client;
		this.#startFeed(client);
		const removeHook =
			TEST_SEAMS && this.#env.debugHook
				? installDebugHook({
						client,
						feed: this.feed,
						drawnBars: (chart = 0) =>
							chart === 0 ? (this.#chart?.drawnBars ?? 0) : this.grid.drawnBars(chart),
						visibleRange: () => this.#chart?.visibleRange?.() ?? null,
						indicatorValues: () => this.#chart?.indicators?.drawnValues() ?? {},
						seams: render.seams,
						chart: () => this.#chart?.probe ?? null
					})
				: () => {};
		return () => {
			removeHook();
			render.dispose();
			this.#render = null;
			this.#client = null;
			void client.close();
		};
	}

	/** The chart component mounted (or unmounted); a new chart needs the full history again. */
	attachChart(chart: MainChart | null): void {
		this.#chart = chart;
		this.#sync.attach(chart);
		chart?.indicators?.show(this.indicators.of(MAIN_VIEW));
		if (chart?.alertLines !== undefined) {
			chart.alertLines.moved = (id, price) => this.alerts.moveLevel(id, price);
		}
		this.#showAlertLines();
		this.#render?.observeChart(chart?.element ?? null);
		if (chart !== null && this.#client !== null) this.#watchMain(this.#client);
	}

	/**
	 * The book and tape's element mounted (or gone): while it is off screen (under the chart on a
	 * phone) the panels are not drawn, and catch up when they show again.
	 */
	attachPanels(element: Element | null): void {
		this.#panelsElement = element;
		this.#render?.observePanels(element);
	}

	/**
	 * The chart reached its oldest bar: one more page of the exchange's history (at most one
	 * request at a time; nothing during a replay, whose range is what it is).
	 */
	loadOlder(oldestShownMs: number): void {
		const { symbol, interval } = this.settings.current;
		this.loadOlderOf({ symbol, interval }, oldestShownMs);
	}

	/**
	 * A grid chart (or the main one) reached its oldest bar: one more page of its symbol and
	 * interval's history, at most one request at a time per symbol and interval. The worker
	 * redraws every view of that symbol and interval with it.
	 */
	loadOlderOf({ symbol, interval }: ChartSpec, oldestShownMs: number): void {
		const client = this.#client;
		const key = `${symbol}:${interval}`;
		if (client === null || this.replay.active || this.#loadingOlder.has(key)) return;
		this.#loadingOlder.add(key);
		client.api
			.loadOlder(symbol, interval, oldestShownMs)
			.catch(() => false)
			.finally(() => this.#loadingOlder.delete(key));
	}

	/** The chart the toolbar acts on: the active grid chart. */
	get activeChart(): ChartSpec {
		const { grid, symbol, interval } = this.settings.current;
		if (this.active === 0) return { symbol: this.chartSymbol, interval };
		return grid.charts[this.active] ?? { symbol, interval };
	}

	/** Makes grid chart `index` the one the toolbar, tabs and shortcuts act on. */
	activate(index: number): void {
		const count = this.settings.current.grid.charts.length;
		this.active = Math.min(Math.max(0, index), count - 1);
	}

	/** Grid chart `index` (0: the main chart) shows `chart` instead. */
	setChart(index: number, chart: ChartSpec): void {
		if (index === 0 && this.replay.active) return;
		const { grid, symbols } = this.settings.current;
		if (!symbols.includes(chart.symbol)) return;
		this.#applyGrid(replaceChart(grid, index, chart));
	}

	/** One more chart: a followed symbol the grid does not show yet, at the active chart's interval. */
	addChart(): void {
		const { grid, symbols } = this.settings.current;
		const shown = grid.charts.map((c) => c.symbol);
		const symbol = symbols.find((s) => !shown.includes(s)) ?? this.activeChart.symbol;
		const next = addChart(grid, { symbol, interval: this.activeChart.interval });
		this.#applyGrid(next);
		this.active = next.charts.length - 1;
	}

	/** A copy of grid chart `index` after it, with its indicators. */
	duplicateChart(index: number): void {
		const before = this.settings.current.grid;
		const next = duplicateChart(before, index);
		if (next === before) return;
		this.#applyGrid(next);
		const from = next.charts.map((_, i) => (i <= index ? i : i - 1));
		this.indicators.reorder(chartView, from, before.charts.length);
		this.active = Math.min(index + 1, this.settings.current.grid.charts.length - 1);
	}

	/** Removes grid chart `index`; removing the first makes the next one the main chart. */
	removeChart(index: number): void {
		if (index === 0 && this.replay.active) return;
		const before = this.settings.current.grid;
		const next = removeChart(before, index);
		if (next === before) return;
		this.#applyGrid(next);
		// The charts after it move up a place, their indicators with them.
		const from = next.charts.map((_, i) => (i < index ? i : i + 1));
		this.indicators.reorder(chartView, from, before.charts.length);
		if (index < this.active || this.active >= next.charts.length) this.active -= 1;
		this.active = Math.max(0, this.active);
	}

	choosePreset(preset: GridPreset): void {
		this.#applyGrid(choosePreset(this.settings.current.grid, preset));
	}

	/** A new grid; its first chart is the main chart, re-pointed when it changed. */
	#applyGrid(grid: GridLayout): void {
		const current = this.settings.current;
		if (grid === current.grid) return;
		const first = grid.charts[0] ?? { symbol: current.symbol, interval: current.interval };
		const next = { ...current, grid, symbol: first.symbol, interval: first.interval };
		if (first.symbol !== current.symbol || first.interval !== current.interval) this.#switch(next);
		else {
			this.settings.set(next);
			this.grid.sync(this.settings.current.grid.charts);
		}
	}

	/** Ignored during a replay: the chart follows the replayed symbol until "Back to live". */
	selectSymbol(symbol: string): void {
		const current = this.settings.current;
		if (this.active > 0) {
			this.setChart(this.active, { ...this.activeChart, symbol });
			return;
		}
		if (this.replay.active) return;
		if (symbol === current.symbol || !current.symbols.includes(symbol)) return;
		this.#switch({ ...current, symbol });
	}

	selectInterval(interval: Interval): void {
		if (this.active > 0) {
			this.setChart(this.active, { ...this.activeChart, interval });
			return;
		}
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

	/** Minutes of ticks to cache, as typed; restarts the feed. Returns why it was refused, or ''. */
	setRetention(raw: string): string {
		const checked = checkRetention(raw);
		if (!checked.ok) return `retention: ${checked.reason}`;
		this.#restartWith({ ...this.settings.current, retentionMinutes: checked.value });
		return '';
	}

	/** Streams and history from Binance.US's endpoints; restarts the feed. */
	useBinanceUs(): void {
		this.#restartWith({ ...this.settings.current, ...BINANCE_US, source: 'binance' });
	}

	/**
	 * Follows one more symbol (lower case): a SUBSCRIBE on the open socket, no reconnect. Returns
	 * why it was refused, or ''.
	 */
	addSymbol(symbol: string): string {
		const current = this.settings.current;
		if (!isValidSymbol(symbol)) return `"${symbol}" is not a Binance symbol`;
		if (current.symbols.includes(symbol)) return '';
		if (current.symbols.length >= MAX_SYMBOLS) {
			return `At most ${MAX_SYMBOLS} symbols: remove one first`;
		}
		this.#followSymbols({ ...current, symbols: [...current.symbols, symbol] });
		const client = this.#client;
		if (client !== null && !this.replay.active) this.#watchTab(client, symbol);
		return '';
	}

	/** Stops following a symbol (an UNSUBSCRIBE on the open socket); the last one stays. */
	removeSymbol(symbol: string): void {
		const current = this.settings.current;
		const symbols = current.symbols.filter((s) => s !== symbol);
		if (symbols.length === 0 || symbols.length === current.symbols.length) return;
		const active = current.symbol === symbol ? (symbols[0] ?? current.symbol) : current.symbol;
		const client = this.#client;
		if (client !== null) {
			this.#watched = this.#watched.filter((id) => id !== tabView(symbol));
			client.report('Unwatching', client.api.unwatch(tabView(symbol)));
		}
		this.#followSymbols({ ...current, symbols, symbol: active });
		if (active !== current.symbol) {
			this.market.active = active;
			if (client !== null && !this.replay.active) this.#watchMain(client);
		}
	}

	/** Moves a tab `by` places (negative: left); nothing else changes. */
	moveSymbol(symbol: string, by: number): void {
		const current = this.settings.current;
		const symbols = moveItem(current.symbols, symbol, by);
		if (symbols !== current.symbols) this.settings.set({ ...current, symbols });
	}

	/** The big-trade size of the tape as typed: '' for the default (10x the median). Returns why refused, or ''. */
	setBigTrade(raw: string): string {
		const text = raw.trim();
		if (text === '') {
			this.panels.bigQty = null;
			return '';
		}
		const value = Number(text);
		if (!(value > 0) || !Number.isFinite(value)) {
			return `big trade size must be a positive number of base units, not ${JSON.stringify(text)}`;
		}
		this.panels.bigQty = value;
		return '';
	}

	#followSymbols(next: Settings): void {
		this.settings.set(next);
		// Charts of a symbol no longer followed are gone from the grid (`withMainChart`).
		this.grid.sync(this.settings.current.grid.charts);
		this.active = Math.min(this.active, this.settings.current.grid.charts.length - 1);
		const client = this.#client;
		if (client !== null)
			client.report('Following symbols', client.api.setSymbols([...next.symbols]));
	}

	/** Drops a symbol the exchange refused from the followed symbols; restarts the feed. */
	dropSymbol(symbol: string): void {
		const current = this.settings.current;
		const symbols = current.symbols.filter((s) => s !== symbol);
		if (symbols.length === 0 || symbols.length === current.symbols.length) return;
		const active = current.symbol === symbol ? (symbols[0] ?? current.symbol) : current.symbol;
		this.market.active = active;
		this.#restartWith({ ...current, symbols, symbol: active });
	}

	/**
	 * Why the main chart is empty, in words, when it is for a reason the user can act on: the
	 * exchange refused its symbol, cannot be reached, or its history did not load. Null otherwise.
	 */
	get emptyReason(): string | null {
		if (this.replay.active) return null;
		const status = this.feed.status;
		const refusal = this.feed.refusal(this.chartSymbol);
		if (refusal !== null) return refusal;
		if (this.feed.unreachable)
			return `No data: ${hostOf(this.settings.current.wsBase)} cannot be reached`;
		return status.history ? status.history : null;
	}

	/** Binance or the simulated demo market; restarts the feed. */
	useSource(source: FeedSource): void {
		this.#restartWith({ ...this.settings.current, source });
	}

	/** Downloads the chart symbol's cached ticks, or the replayed range during a replay. */
	exportTicks(): Promise<void> {
		const status = this.replay.status;
		return this.exports.ticks(this.chartSymbol, status);
	}

	/** Downloads the main chart's candles as a Binance kline CSV. */
	exportKlines(): Promise<void> {
		return this.exports.klines(this.chartSymbol, this.settings.current.interval);
	}

	/** Downloads the main chart's candles with its indicators' values as CSV. */
	async exportIndicatorCsv(): Promise<string> {
		const client = this.#client;
		if (client === null) return 'The feed is not running';
		const { interval } = this.settings.current;
		const symbol = this.chartSymbol;
		try {
			const csv = await client.api.exportIndicatorCsv(
				symbol,
				interval,
				this.indicators.of(MAIN_VIEW)
			);
			this.#env.saveFile(`${symbol.toUpperCase()}-${interval}-indicators.csv`, csv);
			return '';
		} catch (error) {
			return error instanceof Error ? error.message : String(error);
		}
	}

	/** The workspace (layout, symbols, alerts, indicators; no ticks) as JSON. */
	workspaceJson(): string {
		const workspace = {
			settings: this.settings.current,
			alerts: this.alerts.alerts,
			indicators: this.indicators.charts
		};
		return workspaceToJson(workspace, Date.now());
	}

	exportWorkspace(): void {
		this.#env.saveFile('tickscope-workspace.json', this.workspaceJson());
	}

	/** Applies a workspace file; returns what is wrong with it (nothing changes then), or ''. */
	importWorkspace(text: string): string {
		const read = workspaceFromJson(text);
		if ('error' in read) return read.error;
		const { settings, alerts, indicators } = read.workspace;
		const restart = needsRestart(this.settings.current, settings);
		this.settings.set(settings);
		this.market.active = settings.symbol;
		this.indicators.replaceAll(indicators);
		this.alerts.replaceAll(alerts);
		if (this.#client !== null) {
			if (restart) this.#startFeed(this.#client);
			else this.#watchMain(this.#client);
		}
		return '';
	}

	/** The chart symbol's price alerts as lines on the main chart. */
	#showAlertLines(): void {
		const symbol = this.chartSymbol;
		const lines = this.alerts.alerts.flatMap((alert) =>
			alert.kind === 'price' && alert.symbol === symbol
				? [{ id: alert.id, price: alert.level, active: alert.active }]
				: []
		);
		this.#chart?.alertLines?.show(lines);
	}

	/** The main chart's indicators changed: drawn afresh, computed afresh by the worker. */
	#indicatorsChanged(): void {
		const specs = this.indicators.of(MAIN_VIEW);
		this.#chart?.indicators?.show(specs);
		this.#indicatorFeed.expect(this.chartSymbol, this.settings.current.interval);
		const client = this.#client;
		if (client !== null)
			client.report('Setting indicators', client.api.setIndicators(MAIN_VIEW, specs));
	}

	#restartWith(next: Settings): void {
		if (!needsRestart(this.settings.current, next)) return;
		this.settings.set(next);
		if (this.#client !== null) this.#startFeed(this.#client);
	}

	/** The main chart follows `symbol`: a replay began, or ended and the tabs follow live again. */
	#follow(symbol: string, tabs: boolean): void {
		this.market.clear();
		this.market.active = symbol;
		if (this.#client === null) return;
		if (tabs) this.#watchAll(this.#client);
		else this.#watchMain(this.#client);
	}

	#switch(next: Settings): void {
		this.settings.set(next);
		this.market.active = next.symbol;
		if (this.#client !== null) this.#watchMain(this.#client);
	}

	#startFeed(client: FeedClient): void {
		const { wsBase, restBase, symbols, source, retentionMinutes } = this.settings.current;
		this.replay.reset();
		this.market.clear();
		this.panels.clear();
		this.search.forget();
		this.market.active = this.settings.current.symbol;
		this.feed.restarting();
		const config = { wsBase, restBase, symbols: [...symbols], source, retentionMinutes };
		// Failures go to the status bar, once (`report`); this catch only ends the chain.
		for (const viewId of this.#watched) client.report('Unwatching', client.api.unwatch(viewId));
		this.#watched = [];
		this.grid.forget();
		void client.start(config).catch(() => {});
		if (this.alerts.alerts.length > 0) {
			client.report('Setting alerts', client.api.setAlerts(this.alerts.alerts));
		}
		this.#watchAll(client);
	}

	/** Every tab's small view, then the main chart. */
	#watchAll(client: FeedClient): void {
		for (const symbol of this.settings.current.symbols) this.#watchTab(client, symbol);
		this.#watchMain(client);
	}

	#watchTab(client: FeedClient, symbol: string): void {
		if (!this.#watched.includes(tabView(symbol))) this.#watched.push(tabView(symbol));
		const watched = client.api.watch(tabView(symbol), symbol, TAB_INTERVAL);
		client.report(`Watching ${symbol} ${TAB_INTERVAL}`, watched);
	}

	#watchMain(client: FeedClient): void {
		const symbol = this.chartSymbol;
		const { interval } = this.settings.current;
		this.#sync.expect(symbol, interval);
		this.#indicatorFeed.expect(symbol, interval);
		this.#showAlertLines();
		this.loading = true;
		// The worker keeps a view's list across re-points; none set is its default.
		const specs = this.indicators.of(MAIN_VIEW);
		if (specs.length > 0) {
			client.report('Setting indicators', client.api.setIndicators(MAIN_VIEW, specs));
		}
		if (this.#watched.includes(MAIN_VIEW)) {
			client.report('Unwatching', client.api.unwatch(MAIN_VIEW));
		} else this.#watched.push(MAIN_VIEW);
		client.report(`Watching ${symbol} ${interval}`, client.api.watch(MAIN_VIEW, symbol, interval));
		if (this.panels.tapeSymbol !== '' && this.panels.tapeSymbol !== symbol) this.panels.clear();
		client.report(`Following ${symbol}'s book`, client.api.focus(symbol));
		this.grid.sync(this.settings.current.grid.charts);
	}

	/** The render scheduler's views: status, market and main chart, each throttled on its own. */
	#openRender(): PageRender {
		const host = { clock: this.#env.clock, ...this.#env.renderHost };
		const views = {
			chartViewId: MAIN_VIEW,
			status: (frame: Frame) => {
				this.feed.apply(frame);
				this.replay.apply(frame.status);
			},
			// A replay has no order book: the live book's last top would be stale next to it.
			market: (frame: Frame) =>
				this.market.apply(this.replay.active ? { ...frame, books: [] } : frame),
			// A replay has no book or tape of its own: the live ones would mislead beside it.
			panels: (frame: Frame) => (this.replay.active ? null : this.panels.apply(frame.market)),
			chart: (frame: Frame) => {
				if (this.#sync.apply(frame.views)) this.loading = this.#sync.awaitingReset;
				this.#indicatorFeed.draw(this.#chart?.indicators ?? null);
			},
			// Too much missed while hidden: a fresh reset beats drawing it bar by bar.
			chartStale: () => {
				if (this.#client !== null) this.#watchMain(this.#client);
			}
		};
		const render = new PageRender(host, this.#env.search, views, this.render);
		render.observeChart(this.#chart?.element ?? null);
		render.observePanels(this.#panelsElement);
		this.#render = render;
		this.grid.renderOpened();
		return render;
	}
}
