import { describe, expect, it } from 'vitest';
import {
	DEFAULT_SETTINGS,
	checkInterval,
	checkRestBase,
	checkRetention,
	checkSource,
	checkSymbol,
	checkSymbols,
	checkWsBase,
	quote,
	readParams,
	resolveSettings,
	toQuery,
	toRaw,
	withMainChart,
	type Settings
} from './settings';

const params = (query: string) => readParams(new URLSearchParams(query));

describe('checkWsBase', () => {
	it('accepts ws and wss origins and normalises them', () => {
		expect(checkWsBase('wss://data-stream.binance.vision')).toEqual({
			ok: true,
			value: 'wss://data-stream.binance.vision'
		});
		expect(checkWsBase(' ws://127.0.0.1:18443/ ')).toEqual({
			ok: true,
			value: 'ws://127.0.0.1:18443'
		});
		expect(checkWsBase('WSS://Stream.Binance.com:9443')).toEqual({
			ok: true,
			value: 'wss://stream.binance.com:9443'
		});
	});

	it('refuses other schemes, paths, queries, credentials and non-URLs with a reason', () => {
		expect(checkWsBase('https://data-stream.binance.vision')).toEqual({
			ok: false,
			reason: '"https://data-stream.binance.vision" is not a WebSocket URL (ws:// or wss://)'
		});
		expect(checkWsBase('data-stream.binance.vision')).toEqual({
			ok: false,
			reason: '"data-stream.binance.vision" is not a URL'
		});
		expect(checkWsBase('wss://h.example/stream')).toMatchObject({
			reason: '"wss://h.example/stream" must be a host without a path'
		});
		expect(checkWsBase('wss://h.example?x=1')).toMatchObject({ ok: false });
		expect(checkWsBase('wss://h.example/#a')).toMatchObject({ ok: false });
		expect(checkWsBase('wss://h.example?')).toMatchObject({ ok: false });
		expect(checkWsBase('wss://user:pw@h.example')).toMatchObject({
			reason: '"wss://user:pw@h.example" must not hold credentials'
		});
		expect(checkWsBase('javascript:alert(1)')).toMatchObject({ ok: false });
		expect(checkWsBase('')).toEqual({ ok: false, reason: '"" is not a URL' });
	});
});

describe('checkRestBase', () => {
	it('accepts http and https origins only', () => {
		expect(checkRestBase('https://api.binance.us')).toEqual({
			ok: true,
			value: 'https://api.binance.us'
		});
		expect(checkRestBase('http://127.0.0.1:18443')).toEqual({
			ok: true,
			value: 'http://127.0.0.1:18443'
		});
		expect(checkRestBase('wss://api.binance.us')).toEqual({
			ok: false,
			reason: '"wss://api.binance.us" is not an HTTP URL (http:// or https://)'
		});
		expect(checkRestBase('https://api.binance.com/api/v3')).toMatchObject({ ok: false });
	});
});

describe('checkSymbols', () => {
	it('splits, folds case, trims, drops empty items and duplicates', () => {
		expect(checkSymbols('btcusdt,ethusdt')).toEqual({ ok: true, value: ['btcusdt', 'ethusdt'] });
		expect(checkSymbols(' BTCUSDT , ethusdt,,btcusdt, ')).toEqual({
			ok: true,
			value: ['btcusdt', 'ethusdt']
		});
	});

	it('refuses the whole list when one item is not a symbol, naming that item', () => {
		expect(checkSymbols('btcusdt,btc-usdt')).toEqual({
			ok: false,
			reason: '"btc-usdt" is not a symbol (2-20 lower-case letters or digits)'
		});
		expect(checkSymbols('b')).toMatchObject({ ok: false });
		expect(checkSymbols('a'.repeat(21))).toMatchObject({ ok: false });
		expect(checkSymbols('a'.repeat(20))).toEqual({ ok: true, value: ['a'.repeat(20)] });
		expect(checkSymbols('btc/usdt')).toMatchObject({ ok: false });
		expect(checkSymbols('btcusdt&x=1')).toMatchObject({ ok: false });
		expect(checkSymbols('bçusdt')).toMatchObject({ ok: false });
	});

	it('needs one to twenty symbols', () => {
		expect(checkSymbols(' , ')).toEqual({ ok: false, reason: 'no symbol given' });
		const many = Array.from({ length: 21 }, (_, i) => `s${i}usdt`).join(',');
		expect(checkSymbols(many)).toEqual({ ok: false, reason: '21 symbols given, at most 20' });
	});
});

describe('checkSymbol and checkInterval', () => {
	it('accepts only a listed symbol', () => {
		expect(checkSymbol('ETHUSDT', ['btcusdt', 'ethusdt'])).toEqual({ ok: true, value: 'ethusdt' });
		expect(checkSymbol('xrpusdt', ['btcusdt', 'ethusdt'])).toEqual({
			ok: false,
			reason: '"xrpusdt" is not one of the symbols (btcusdt, ethusdt)'
		});
	});

	it('accepts only the known intervals, case-sensitive (1M is a month, 1D nothing)', () => {
		expect(checkInterval('15s')).toEqual({ ok: true, value: '15s' });
		expect(checkInterval('1M')).toEqual({ ok: true, value: '1M' });
		expect(checkInterval('tick')).toEqual({ ok: true, value: 'tick' });
		expect(checkInterval('1D')).toEqual({
			ok: false,
			reason:
				'"1D" is not an interval (tick 1s 5s 15s 30s 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M)'
		});
		expect(checkInterval('2m')).toMatchObject({ ok: false });
	});
});

describe('quote', () => {
	it('cuts long values', () => {
		expect(quote('x'.repeat(100))).toBe(`"${'x'.repeat(45)}..."`);
		expect(quote('a"b')).toBe('"a\\"b"');
	});
});

describe('resolveSettings', () => {
	it('gives the defaults for an empty URL and no storage', () => {
		expect(resolveSettings({})).toEqual({ settings: DEFAULT_SETTINGS, errors: [] });
	});

	it('reads every parameter from the URL', () => {
		const { settings, errors } = resolveSettings(
			params(
				'ws=ws://127.0.0.1:18443&rest=http://127.0.0.1:18443&symbols=btcusdt,ethusdt&symbol=ethusdt&interval=1s&source=DEMO&retention=120'
			)
		);
		expect(errors).toEqual([]);
		expect(settings).toEqual({
			wsBase: 'ws://127.0.0.1:18443',
			restBase: 'http://127.0.0.1:18443',
			symbols: ['btcusdt', 'ethusdt'],
			symbol: 'ethusdt',
			interval: '1s',
			source: 'demo',
			retentionMinutes: 120,
			grid: { preset: '1', charts: [{ symbol: 'ethusdt', interval: '1s' }] }
		});
	});

	it('refuses a bad URL value with a message naming the parameter and uses the default', () => {
		const { settings, errors } = resolveSettings(params('symbols=btc-usdt&interval=2m'));
		expect(errors).toEqual([
			{
				param: 'symbols',
				message: 'symbols: "btc-usdt" is not a symbol (2-20 lower-case letters or digits)'
			},
			{
				param: 'interval',
				message:
					'interval: "2m" is not an interval (tick 1s 5s 15s 30s 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M)'
			}
		]);
		expect(settings.symbols).toEqual(DEFAULT_SETTINGS.symbols);
		expect(settings.interval).toBe('1m');
	});

	it('lets the URL win over storage, and storage over the defaults', () => {
		const stored = { interval: '5m', symbol: 'solusdt', ws: 'wss://stream.binance.us:9443' };
		const { settings, errors } = resolveSettings(params('interval=1h'), stored);
		expect(errors).toEqual([]);
		expect(settings).toMatchObject({
			interval: '1h',
			symbol: 'solusdt',
			wsBase: 'wss://stream.binance.us:9443',
			restBase: DEFAULT_SETTINGS.restBase
		});
	});

	it('falls back to the stored value, not the default, when the URL value is refused', () => {
		const { settings, errors } = resolveSettings(params('interval=7x'), { interval: '4h' });
		expect(errors).toHaveLength(1);
		expect(settings.interval).toBe('4h');
	});

	it('ignores bad stored values silently', () => {
		const { settings, errors } = resolveSettings(
			{},
			{ ws: 'http://x', symbols: '!!', interval: '9d' }
		);
		expect(errors).toEqual([]);
		expect(settings).toEqual(DEFAULT_SETTINGS);
	});

	it('checks the symbol against the resolved list and falls back to its first', () => {
		const { settings, errors } = resolveSettings(params('symbols=ethusdt,solusdt&symbol=btcusdt'));
		expect(errors).toEqual([
			{ param: 'symbol', message: 'symbol: "btcusdt" is not one of the symbols (ethusdt, solusdt)' }
		]);
		expect(settings.symbol).toBe('ethusdt');
		// A stored symbol no longer in the list is dropped too.
		const again = resolveSettings(params('symbols=ethusdt'), { symbol: 'btcusdt' });
		expect(again).toEqual({ settings: { ...again.settings, symbol: 'ethusdt' }, errors: [] });
	});

	it('reports an empty URL value', () => {
		const { errors } = resolveSettings(params('ws='));
		expect(errors).toEqual([{ param: 'ws', message: 'ws: "" is not a URL' }]);
	});
});

describe('toQuery', () => {
	it('always writes symbol and interval, other values only when not the default', () => {
		expect(toQuery(DEFAULT_SETTINGS)).toBe('?symbol=btcusdt&interval=1m');
		const local: Settings = {
			wsBase: 'ws://127.0.0.1:18443',
			restBase: 'http://127.0.0.1:18443',
			symbols: ['btcusdt', 'ethusdt'],
			symbol: 'ethusdt',
			interval: '1s',
			source: 'binance',
			retentionMinutes: 15,
			grid: { preset: '1', charts: [{ symbol: 'ethusdt', interval: '1s' }] }
		};
		expect(toQuery(local)).toBe(
			'?ws=ws://127.0.0.1:18443&rest=http://127.0.0.1:18443&symbols=btcusdt,ethusdt&symbol=ethusdt&interval=1s'
		);
	});

	it('round-trips through the parser', () => {
		const settings: Settings = {
			...DEFAULT_SETTINGS,
			wsBase: 'wss://stream.binance.com:9443',
			symbols: ['solusdt', 'btcusdt'],
			symbol: 'btcusdt',
			interval: '15s'
		};
		const back = resolveSettings(params(toQuery(settings).slice(1)));
		expect(back).toEqual({ settings: withMainChart(settings), errors: [] });
	});

	it('stores the raw form', () => {
		expect(toRaw(DEFAULT_SETTINGS)).toEqual({
			ws: 'wss://data-stream.binance.vision',
			rest: 'https://data-api.binance.vision',
			symbols: 'btcusdt,ethusdt,bnbusdt,solusdt',
			symbol: 'btcusdt',
			interval: '1m',
			source: 'binance',
			retention: '15',
			grid: '1',
			charts: 'btcusdt:1m'
		});
	});

	it('writes source and retention only when not the default', () => {
		const demo: Settings = { ...DEFAULT_SETTINGS, source: 'demo', retentionMinutes: 60 };
		expect(toQuery(demo)).toBe('?symbol=btcusdt&interval=1m&source=demo&retention=60');
		expect(resolveSettings(params(toQuery(demo).slice(1)))).toEqual({
			settings: demo,
			errors: []
		});
	});
});

describe('grid and charts', () => {
	it("a workspace link sets the grid, the main chart and follows the charts' symbols", () => {
		const { settings, errors } = resolveSettings(
			params('grid=2x2&charts=btcusdt:1m,ethusdt:5m,btcusdt:1s,xrpusdt:1h&symbol=solusdt'),
			{ grid: '1', charts: 'bnbusdt:1d' }
		);
		expect(errors).toEqual([]);
		expect(settings).toMatchObject({ symbol: 'btcusdt', interval: '1m' });
		expect(settings.symbols).toEqual([...DEFAULT_SETTINGS.symbols, 'xrpusdt']);
		expect(settings.grid.preset).toBe('2x2');
		expect(toQuery(settings)).toBe(
			'?symbols=btcusdt,ethusdt,bnbusdt,solusdt,xrpusdt&symbol=btcusdt&interval=1m&grid=2x2&charts=btcusdt:1m,ethusdt:5m,btcusdt:1s,xrpusdt:1h'
		);
		expect(resolveSettings(params(toQuery(settings).slice(1)))).toEqual({ settings, errors: [] });
	});

	it('an old symbol/interval link opens one chart, not the stored grid', () => {
		const stored = { grid: '2', charts: 'btcusdt:1m,ethusdt:5m' };
		const old = resolveSettings(params('symbol=ethusdt&interval=5m'), stored).settings;
		expect(old.grid).toEqual({ preset: '1', charts: [{ symbol: 'ethusdt', interval: '5m' }] });
		expect(toQuery(old)).toBe('?symbol=ethusdt&interval=5m');
		expect(resolveSettings({}, stored).settings.grid.charts).toHaveLength(2);
	});

	it('refuses bad parts naming them', () => {
		const { settings, errors } = resolveSettings(params('grid=4x4&charts=btcusdt:1m,eth:9m'));
		expect(errors.map((e) => e.message)).toEqual([
			'charts: "eth:9m": "9m" is not an interval (tick 1s 5s 15s 30s 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M)',
			'grid: "4x4" is not a grid (1, 2, 2x2, 1+3, 3x3)'
		]);
		expect(settings.grid).toEqual(DEFAULT_SETTINGS.grid);
	});

	it('keeps the first chart the main chart', () => {
		const two = resolveSettings(params('charts=btcusdt:1m,ethusdt:5m')).settings;
		const moved = withMainChart({ ...two, interval: '1h' });
		expect(moved.grid.charts).toEqual([
			{ symbol: 'btcusdt', interval: '1h' },
			{ symbol: 'ethusdt', interval: '5m' }
		]);
		expect(moved.grid.preset).toBe('2');
	});
});

describe('checkSource and checkRetention', () => {
	it('accepts the two sources in any case', () => {
		expect(checkSource(' Demo ')).toEqual({ ok: true, value: 'demo' });
		expect(checkSource('binance')).toEqual({ ok: true, value: 'binance' });
		expect(checkSource('')).toEqual({ ok: false, reason: '"" is not a source (binance, demo)' });
	});

	it('accepts whole minutes from 1 to 120', () => {
		expect(checkRetention('1')).toEqual({ ok: true, value: 1 });
		expect(checkRetention(' 120 ')).toEqual({ ok: true, value: 120 });
		const reason = (raw: string) =>
			`${JSON.stringify(raw)} is not a retention (whole minutes, 1 to 120)`;
		for (const raw of ['0', '121', '1.5', '-3', '', 'ten', '1e2']) {
			expect(checkRetention(raw)).toEqual({ ok: false, reason: reason(raw) });
		}
	});

	it('refuses a bad URL value with its message and keeps the stored or default one', () => {
		const { settings, errors } = resolveSettings(params('source=paper&retention=0'), {
			retention: '30'
		});
		expect(settings).toMatchObject({ source: 'binance', retentionMinutes: 30 });
		expect(errors.map((e) => e.message)).toEqual([
			'source: "paper" is not a source (binance, demo)',
			'retention: "0" is not a retention (whole minutes, 1 to 120)'
		]);
	});
});
