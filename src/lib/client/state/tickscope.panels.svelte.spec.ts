import { describe, expect, it } from 'vitest';
import type { ReplaySession } from '../../protocol/feed-api';
import { FakeFeed, until } from '../testing/test-feed';
import { useTickscopes } from '../testing/test-tickscope';
import { batch, liveStatus, view } from '../testing/test-builders';

/** Replay, import, export and cache settings as the app wires them, over a real MessageChannel. */

const T = 1_723_161_255_000;
const launch = useTickscopes();

const imported: ReplaySession = {
	id: 'import:1',
	kind: 'import',
	label: 'SOLUSDT-trades-2024-08-08.zip',
	symbol: 'solusdt',
	ticks: 120,
	fromMs: T,
	toMs: T + 60_000
};

async function open(search: string) {
	const feed = new FakeFeed();
	feed.sessionList = [imported];
	const opened = launch(search, { feed });
	opened.app.open();
	await until(() => feed.calls.length === 4);
	feed.calls = [];
	return opened;
}

const local =
	'?ws=ws://127.0.0.1:18443&rest=http://127.0.0.1:18443&symbols=btcusdt,ethusdt&symbol=btcusdt&interval=1s';

describe('Tickscope panels', () => {
	it('replays a session on the main chart, keeps the tabs, and goes back to live', async () => {
		const { app, feed, frame, chart } = await open(local);
		app.replay.show();
		await until(() => app.replay.selectedId === 'import:1');
		await app.replay.play();
		await until(() => feed.calls.length === 4);
		expect(feed.calls).toEqual([
			'sessions',
			`replay import:1 ${T} ${T + 60_000} 10`,
			'unwatch main',
			'watch main solusdt 1s'
		]);
		expect(app.chartSymbol).toBe('solusdt');
		expect(app.market.active).toBe('solusdt');
		app.selectSymbol('ethusdt');
		app.selectInterval('1m');
		await until(() => feed.calls.length === 6);
		expect(feed.calls.slice(4)).toEqual(['unwatch main', 'watch main solusdt 1m']);
		expect(app.settings.current.symbol).toBe('btcusdt');
		const replay = {
			sessionId: 'import:1',
			symbol: 'solusdt',
			fromMs: T,
			toMs: T + 60_000,
			positionMs: T + 5000,
			playing: true,
			speed: 10 as const,
			ended: false
		};
		feed.listener?.batch(
			batch(1, [view('main', [T], { symbol: 'solusdt', interval: '1m', reset: true })], {
				status: liveStatus({ state: 'replay', source: 'replay', replay }),
				books: [{ symbol: 'solusdt', bestBid: '150.1', bestAsk: '150.2', lastUpdateId: 7 }]
			})
		);
		await frame();
		expect(chart.calls.at(-1)).toBe('reset 1m 1');
		expect(app.replay.status).toEqual(replay);
		expect(app.feed.status.detail).toContain('SOLUSDT');
		// The live book's top would be stale next to replayed trades.
		expect(app.market.books).toEqual({});

		feed.calls = [];
		await app.replay.stop();
		await until(() => feed.calls.length === 5);
		expect(feed.calls).toEqual([
			'stopReplay',
			'watch tab:btcusdt btcusdt 1d',
			'watch tab:ethusdt ethusdt 1d',
			'unwatch main',
			'watch main btcusdt 1m'
		]);
		expect(app.chartSymbol).toBe('btcusdt');
	});

	it('exports the replayed range during a replay, and the chart candles', async () => {
		const { app, feed, frame, saved } = await open(local);
		await app.replay.refresh();
		await app.replay.start();
		const replay = {
			sessionId: 'import:1',
			symbol: 'solusdt',
			fromMs: T + 1000,
			toMs: T + 2000,
			positionMs: T + 1500,
			playing: false,
			speed: 1 as const,
			ended: false
		};
		feed.listener?.batch(
			batch(1, [], { status: liveStatus({ state: 'replay', source: 'replay', replay }) })
		);
		await frame();
		feed.exportText = 'row';
		await app.exportTicks();
		await app.exportKlines();
		expect(feed.calls.slice(-2)).toEqual([
			`exportTicks import:1 ${T + 1000} ${T + 2000}`,
			'exportKlines solusdt 1s'
		]);
		expect(saved.map((s) => s.name)).toEqual([
			'SOLUSDT-aggTrades-2024-08-08T235416Z-2024-08-08T235417Z.csv',
			'SOLUSDT-1s-klines.csv'
		]);
	});

	it('starts with source and retention from the link, and restarts on a new retention', async () => {
		const { app, feed, queries } = await open(`${local}&source=demo&retention=30`);
		expect(feed.configs[0]).toMatchObject({ source: 'demo', retentionMinutes: 30 });
		expect(app.setRetention('500')).toBe(
			'retention: "500" is not a retention (whole minutes, 1 to 120)'
		);
		expect(app.setRetention('45')).toBe('');
		await until(() => feed.configs.length === 2);
		expect(feed.configs[1]).toMatchObject({ source: 'demo', retentionMinutes: 45 });
		expect(queries.at(-1)).toContain('&source=demo&retention=45');
		app.useSource('binance');
		await until(() => feed.configs.length === 3);
		expect(feed.configs[2]).toMatchObject({ source: 'binance', retentionMinutes: 45 });
		expect(queries.at(-1)).not.toContain('source=');
	});

	it('a feed restart ends a replay on the page too', async () => {
		const { app, feed } = await open(local);
		await app.replay.refresh();
		await app.replay.start();
		expect(app.chartSymbol).toBe('solusdt');
		app.useSource('demo');
		expect(app.replay.active).toBe(false);
		expect(app.chartSymbol).toBe('btcusdt');
		await until(() => feed.calls.at(-1) === 'watch main btcusdt 1s');
	});

	it('lists an imported file for replay', async () => {
		const { app, feed } = await open(local);
		feed.imported = { ...imported, id: 'import:2' };
		const data = new TextEncoder().encode('1,2,3');
		await app.imports.run({
			name: 'x.csv',
			size: data.byteLength,
			arrayBuffer: () => Promise.resolve(data.buffer)
		});
		expect(app.imports.done?.id).toBe('import:2');
		expect(app.replay.selectedId).toBe('import:2');
		expect(feed.importedBytes).toBe(5);
	});

	it('shows refused panel calls in their panels, not as a feed error', async () => {
		const { app, feed } = await open(local);
		await app.replay.refresh();
		feed.failReplay = 'no such replay session: "import:1"';
		await app.replay.start();
		feed.importError = 'x.csv:2: expected 8 columns (aggTrades layout), got 3';
		const data = new TextEncoder().encode('1,2,3');
		await app.imports.run({
			name: 'x.csv',
			size: 5,
			arrayBuffer: () => Promise.resolve(data.buffer)
		});
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(app.replay.error).toBe('no such replay session: "import:1"');
		expect(app.imports.error).toBe('x.csv:2: expected 8 columns (aggTrades layout), got 3');
		expect(app.feed.status.state).not.toBe('error');
	});
});
