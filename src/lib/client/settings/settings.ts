import { INTERVALS, isInterval, type Interval } from '../../core/interval';
import {
	DEFAULT_RETENTION_MINUTES,
	MAX_RETENTION_MINUTES,
	MIN_RETENTION_MINUTES
} from '../../core/retention';
import { isValidSymbol, SYMBOL_SHAPE } from '../../core/symbol';
import { chartsToText, resolveGrid, type GridLayout } from '../../core/grid/grid-layout';
import type { FeedSource } from '../../protocol/feed-api';

/** What the app connects to and shows. Every field is also a URL parameter (see `PARAMS`). */
export interface Settings {
	/** WebSocket origin, no path: `wss://data-stream.binance.vision`. */
	readonly wsBase: string;
	/** REST origin, no path: `https://data-api.binance.vision`. */
	readonly restBase: string;
	/** Lower-case symbols, each matching `SYMBOL_PATTERN` (core/symbol.ts), no duplicates, at least one. */
	readonly symbols: readonly string[];
	/** The symbol on the chart: always one of `symbols`. */
	readonly symbol: string;
	readonly interval: Interval;
	/** `binance` streams from `wsBase`; `demo` is the simulated market (no network needed). */
	readonly source: FeedSource;
	/** Minutes of ticks the cache keeps, `MIN_RETENTION_MINUTES` to `MAX_RETENTION_MINUTES`. */
	readonly retentionMinutes: number;
	/**
	 * The chart grid (issue 15). Its first chart is always the main chart: `symbol` and `interval`
	 * (kept so by `withMainChart`); every chart's symbol is one of `symbols`.
	 */
	readonly grid: GridLayout;
}

export type ParamName =
	'ws' | 'rest' | 'symbols' | 'symbol' | 'interval' | 'source' | 'retention' | 'grid' | 'charts';

/** URL parameters in the order they are written. */
export const PARAMS: readonly ParamName[] = [
	'ws',
	'rest',
	'symbols',
	'symbol',
	'interval',
	'source',
	'retention',
	'grid',
	'charts'
];

/** Raw, unchecked values by parameter name: from the URL, from storage or from a form. */
export type RawSettings = Partial<Record<ParamName, string>>;

/** A value that was refused; `message` names the parameter and the reason, for the user. */
export interface ParamError {
	readonly param: ParamName;
	readonly message: string;
}

/** Binance.US's public endpoints: where people in the United States get the same streams. */
export const BINANCE_US = {
	wsBase: 'wss://stream.binance.us:9443',
	restBase: 'https://api.binance.us'
} as const;

export const DEFAULT_SETTINGS: Settings = {
	wsBase: 'wss://data-stream.binance.vision',
	restBase: 'https://data-api.binance.vision',
	symbols: ['btcusdt', 'ethusdt', 'bnbusdt', 'solusdt'],
	symbol: 'btcusdt',
	interval: '1m',
	source: 'binance',
	retentionMinutes: DEFAULT_RETENTION_MINUTES,
	grid: { preset: '1', charts: [{ symbol: 'btcusdt', interval: '1m' }] }
};

export const SOURCES: readonly FeedSource[] = ['binance', 'demo'];

/** More tabs than this stop being readable, and each symbol costs streams on the one connection. */
export const MAX_SYMBOLS = 20;

export type Check<T> =
	{ readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const ok = <T>(value: T): Check<T> => ({ ok: true, value });
const fail = <T>(reason: string): Check<T> => ({ ok: false, reason });

/** Quotes a user's value for a message, cut short so a pasted essay cannot flood the banner. */
export function quote(raw: string): string {
	const shown = raw.length > 48 ? `${raw.slice(0, 45)}...` : raw;
	return JSON.stringify(shown);
}

function checkOrigin(raw: string, protocols: readonly string[], what: string): Check<string> {
	const text = raw.trim();
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return fail(`${quote(raw)} is not a URL`);
	}
	if (!protocols.includes(url.protocol)) return fail(`${quote(raw)} is not ${what}`);
	if (url.username !== '' || url.password !== '')
		return fail(`${quote(raw)} must not hold credentials`);
	if (url.search !== '' || url.hash !== '' || text.includes('?') || text.includes('#')) {
		return fail(`${quote(raw)} must not have a query or fragment`);
	}
	if (url.pathname !== '/' && url.pathname !== '')
		return fail(`${quote(raw)} must be a host without a path`);
	return ok(`${url.protocol}//${url.host}`);
}

/** A WebSocket origin: `ws://` or `wss://`, host and optional port; a trailing slash is dropped. */
export function checkWsBase(raw: string): Check<string> {
	return checkOrigin(raw, ['ws:', 'wss:'], 'a WebSocket URL (ws:// or wss://)');
}

/** A REST origin: `http://` or `https://`, host and optional port; a trailing slash is dropped. */
export function checkRestBase(raw: string): Check<string> {
	return checkOrigin(raw, ['http:', 'https:'], 'an HTTP URL (http:// or https://)');
}

/**
 * Comma-separated symbols. Case is folded (people paste `BTCUSDT`), blanks around commas and empty
 * items (a trailing comma) are ignored, duplicates are dropped; any other item must match
 * `SYMBOL_PATTERN` or the whole list is refused.
 */
export function checkSymbols(raw: string): Check<string[]> {
	const symbols: string[] = [];
	for (const item of raw.split(',')) {
		const symbol = item.trim().toLowerCase();
		if (symbol === '') continue;
		if (!isValidSymbol(symbol)) {
			return fail(`${quote(item.trim())} is not a symbol (${SYMBOL_SHAPE})`);
		}
		if (!symbols.includes(symbol)) symbols.push(symbol);
	}
	if (symbols.length === 0) return fail('no symbol given');
	if (symbols.length > MAX_SYMBOLS) {
		return fail(`${symbols.length} symbols given, at most ${MAX_SYMBOLS}`);
	}
	return ok(symbols);
}

export function checkSymbol(raw: string, symbols: readonly string[]): Check<string> {
	const symbol = raw.trim().toLowerCase();
	if (symbols.includes(symbol)) return ok(symbol);
	return fail(`${quote(raw)} is not one of the symbols (${symbols.join(', ')})`);
}

export function checkInterval(raw: string): Check<Interval> {
	const interval = raw.trim();
	if (isInterval(interval)) return ok(interval);
	return fail(`${quote(raw)} is not an interval (${INTERVALS.join(' ')})`);
}

export function checkSource(raw: string): Check<FeedSource> {
	const source = SOURCES.find((s) => s === raw.trim().toLowerCase());
	return source === undefined
		? fail(`${quote(raw)} is not a source (${SOURCES.join(', ')})`)
		: ok(source);
}

/** Whole minutes, `MIN_RETENTION_MINUTES` to `MAX_RETENTION_MINUTES`. */
export function checkRetention(raw: string): Check<number> {
	const text = raw.trim();
	const minutes = Number(text);
	if (
		!/^\d{1,4}$/.test(text) ||
		minutes < MIN_RETENTION_MINUTES ||
		minutes > MAX_RETENTION_MINUTES
	) {
		return fail(
			`${quote(raw)} is not a retention (whole minutes, ${MIN_RETENTION_MINUTES} to ${MAX_RETENTION_MINUTES})`
		);
	}
	return ok(minutes);
}

/** First usable value: the URL's (a refusal is reported), then the stored one (silently), then the default. */
function pick<T>(
	param: ParamName,
	check: (raw: string) => Check<T>,
	url: RawSettings,
	stored: RawSettings,
	fallback: T,
	errors: ParamError[]
): T {
	const fromUrl = url[param];
	if (fromUrl !== undefined) {
		const checked = check(fromUrl);
		if (checked.ok) return checked.value;
		errors.push({ param, message: `${param}: ${checked.reason}` });
	}
	const fromStore = stored[param];
	if (fromStore !== undefined) {
		const checked = check(fromStore);
		if (checked.ok) return checked.value;
	}
	return fallback;
}

/**
 * Settings from the URL's parameters over the stored ones over the defaults. A refused URL value is
 * reported in `errors` and replaced by the stored value or the default; a refused stored value is
 * replaced silently (the user did not just type it).
 */
export function resolveSettings(
	url: RawSettings,
	stored: RawSettings = {}
): { settings: Settings; errors: ParamError[] } {
	const errors: ParamError[] = [];
	const d = DEFAULT_SETTINGS;
	const wsBase = pick('ws', checkWsBase, url, stored, d.wsBase, errors);
	const restBase = pick('rest', checkRestBase, url, stored, d.restBase, errors);
	const symbols = pick('symbols', checkSymbols, url, stored, [...d.symbols], errors);
	const first = symbols[0] ?? d.symbol;
	const symbol = pick('symbol', (raw) => checkSymbol(raw, symbols), url, stored, first, errors);
	const interval = pick('interval', checkInterval, url, stored, d.interval, errors);
	const source = pick('source', checkSource, url, stored, d.source, errors);
	const retentionMinutes = pick(
		'retention',
		checkRetention,
		url,
		stored,
		d.retentionMinutes,
		errors
	);
	const main = { wsBase, restBase, symbols, symbol, interval, source, retentionMinutes };
	return { settings: withGrid(main, url, stored, errors), errors };
}

/**
 * The grid from the URL's `grid`/`charts`; a link that names only `symbol` or `interval` (an old
 * link) opens one chart; with neither, the stored grid. Symbols the charts show are followed too.
 */
function withGrid(
	main: Omit<Settings, 'grid'>,
	url: RawSettings,
	stored: RawSettings,
	errors: ParamError[]
): Settings {
	const chart = { symbol: main.symbol, interval: main.interval };
	const fromUrl = url.grid !== undefined || url.charts !== undefined;
	const oldLink = !fromUrl && (url.symbol !== undefined || url.interval !== undefined);
	const source = fromUrl ? url : oldLink ? {} : stored;
	const { layout, errors: refused } = resolveGrid(source.grid, source.charts, chart);
	if (fromUrl) {
		for (const error of refused)
			errors.push({ param: error.param, message: `${error.param}: ${error.reason}` });
	}
	const symbols = [...main.symbols];
	for (const { symbol } of layout.charts) {
		if (!symbols.includes(symbol) && symbols.length < MAX_SYMBOLS) symbols.push(symbol);
	}
	const charts = layout.charts.filter((c) => symbols.includes(c.symbol));
	const first = charts[0] ?? chart;
	return {
		...main,
		symbols,
		symbol: first.symbol,
		interval: first.interval,
		grid: { ...layout, charts: charts.length > 0 ? charts : [chart] }
	};
}

/**
 * The grid's first chart made the main chart again after `symbol` or `interval` changed, and
 * charts of symbols no longer followed dropped (nothing would feed them).
 */
export function withMainChart(settings: Settings): Settings {
	const [first, ...rest] = settings.grid.charts;
	const { symbol, interval, symbols } = settings;
	const others = rest.filter((chart) => symbols.includes(chart.symbol));
	const same = first !== undefined && first.symbol === symbol && first.interval === interval;
	if (same && others.length === rest.length) return settings;
	return { ...settings, grid: { ...settings.grid, charts: [{ symbol, interval }, ...others] } };
}

/** The Tickscope parameters of a query string (`location.search`); others are ignored. */
export function readQuery(search: string): RawSettings {
	return readParams(new URLSearchParams(search));
}

export function readParams(search: URLSearchParams): RawSettings {
	const raw: RawSettings = {};
	for (const param of PARAMS) {
		const value = search.get(param);
		if (value !== null) raw[param] = value;
	}
	return raw;
}

/** The raw form of settings, as stored and as written to the URL. */
export function toRaw(given: Settings): Required<RawSettings> {
	const settings = withMainChart(given);
	return {
		ws: settings.wsBase,
		rest: settings.restBase,
		symbols: settings.symbols.join(','),
		symbol: settings.symbol,
		interval: settings.interval,
		source: settings.source,
		retention: String(settings.retentionMinutes),
		grid: settings.grid.preset,
		charts: chartsToText(settings.grid.charts)
	};
}

// ':' '/' ',' are legal in a query (RFC 3986 pchar and sub-delims); leaving them readable keeps
// deep links legible. Everything else goes through encodeURIComponent.
const encodeValue = (value: string): string =>
	encodeURIComponent(value).replace(/%3A/gi, ':').replace(/%2F/gi, '/').replace(/%2C/gi, ',');

/**
 * The query string for settings, with its `?`. `symbol` and `interval` are always written; hosts,
 * the symbol list, source and retention only when they differ from the defaults, so an ordinary
 * link stays short.
 */
export function toQuery(settings: Settings): string {
	const raw = toRaw(settings);
	const defaults = toRaw(DEFAULT_SETTINGS);
	const parts: string[] = [];
	for (const param of PARAMS) {
		const always = param === 'symbol' || param === 'interval';
		// A one-chart workspace is the old link: `symbol` and `interval` say it all.
		const grid = param === 'grid' || param === 'charts';
		const oneChart = settings.grid.preset === '1' && settings.grid.charts.length === 1;
		if (grid ? !oneChart : always || raw[param] !== defaults[param]) {
			parts.push(`${param}=${encodeValue(raw[param])}`);
		}
	}
	return `?${parts.join('&')}`;
}
