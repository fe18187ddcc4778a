import { describe, expect, it } from 'vitest';
import type { ReplaySession, ReplayStatus } from '../../protocol/feed-api';
import { ReplayState } from './replay.svelte';
import { liveStatus } from '../testing/test-builders';
import { FakeFeed } from '../testing/test-feed';
import type { ThrottleTimers } from '../throttle';

const T = 1_723_161_255_000;
const cache = (symbol: string, fromMs: number, toMs: number): ReplaySession => ({
	id: `cache:${symbol}`,
	kind: 'cache',
	label: symbol,
	symbol,
	ticks: 900,
	fromMs,
	toMs
});
const file: ReplaySession = {
	id: 'import:1',
	kind: 'import',
	label: 'BTCUSDT-aggTrades-2024-08-08.csv',
	symbol: 'btcusdt',
	ticks: 9757,
	fromMs: T,
	toMs: T + 345_000
};

function setup(chartSymbol = 'ethusdt') {
	const feed = new FakeFeed();
	feed.sessionList = [file, cache('btcusdt', T, T + 600_000), cache('ethusdt', T + 1000, T + 9000)];
	const host: string[] = [];
	let due: (() => void)[] = [];
	const timers: ThrottleTimers = { set: (callback) => due.push(callback), clear: () => (due = []) };
	const tick = () => {
		const now = due;
		due = [];
		for (const callback of now) callback();
	};
	const replay = new ReplayState(
		feed,
		{
			begin: (symbol) => host.push(`begin ${symbol}`),
			end: () => host.push('end'),
			chartSymbol: () => chartSymbol
		},
		timers
	);
	return { feed, replay, host, tick };
}

const status = (overrides: Partial<ReplayStatus> = {}): ReplayStatus => ({
	sessionId: 'cache:btcusdt',
	symbol: 'btcusdt',
	fromMs: T,
	toMs: T + 600_000,
	positionMs: T + 60_000,
	playing: true,
	speed: 10,
	ended: false,
	...overrides
});
const replaying = (replay: Partial<ReplayStatus> = {}) =>
	liveStatus({ state: 'replay', source: 'replay', replay: status(replay) });

describe('ReplayState', () => {
	it('lists cached sessions first, preselects the chart symbol and its whole span', async () => {
		const { replay } = setup('ethusdt');
		replay.show();
		await replay.refresh();
		expect(replay.open).toBe(true);
		expect(replay.sessions.map((s) => s.id)).toEqual([
			'cache:btcusdt',
			'cache:ethusdt',
			'import:1'
		]);
		expect(replay.selectedId).toBe('cache:ethusdt');
		expect([replay.fromMs, replay.toMs]).toEqual([T + 1000, T + 9000]);
	});

	it('keeps a narrowed range over a refresh, and follows a grown session otherwise', async () => {
		const { feed, replay } = setup('btcusdt');
		await replay.refresh();
		replay.setRange(T + 10_000, T + 20_000);
		feed.sessionList = [cache('btcusdt', T, T + 700_000)];
		await replay.refresh();
		expect([replay.fromMs, replay.toMs]).toEqual([T + 10_000, T + 20_000]);
		replay.select('cache:btcusdt');
		await replay.refresh();
		expect(replay.toMs).toBe(T + 700_000);
	});

	it('clamps slider ranges to the session and reads typed bounds, refusing bad ones', async () => {
		const { replay } = setup('btcusdt');
		await replay.refresh();
		replay.setRange(T - 50_000, T + 999_999);
		expect([replay.fromMs, replay.toMs]).toEqual([T, T + 600_000]);
		expect(replay.setBound('from', '23:55:15')).toBe(true);
		expect(replay.fromMs).toBe(T + 60_000);
		expect(replay.setBound('to', '23:55:00')).toBe(false);
		expect(replay.rangeError).toBe('to: the range must not end before it starts');
		expect(replay.setBound('to', 'soon')).toBe(false);
		expect(replay.rangeError).toBe('to: "soon" is not a time (HH:MM:SS, UTC)');
		expect(replay.setBound('to', '00:00:00')).toBe(true);
		expect(replay.toMs).toBe(Date.UTC(2024, 7, 9));
		expect(replay.rangeError).toBe('');
	});

	it('starts the chosen range, then the chart follows its symbol; play toggles on', async () => {
		const { feed, replay, host } = setup('ethusdt');
		await replay.refresh();
		replay.select('import:1');
		await replay.setSpeed(100);
		await replay.play();
		expect(feed.calls.at(-1)).toBe(`replay import:1 ${T} ${T + 345_000} 100`);
		expect(host).toEqual(['begin btcusdt']);
		expect(replay.active).toBe(true);
		replay.apply(replaying({ sessionId: 'import:1', toMs: T + 345_000, speed: 100 }));
		expect(replay.playing).toBe(true);
		expect(replay.changed).toBe(false);
		await replay.toggle();
		expect(feed.calls.at(-1)).toBe('replayControl {"playing":false}');
		replay.apply(replaying({ sessionId: 'import:1', toMs: T + 345_000, playing: false }));
		await replay.toggle();
		expect(feed.calls.at(-1)).toBe('replayControl {"playing":true}');
		replay.apply(replaying({ sessionId: 'import:1', toMs: T + 345_000, ended: true }));
		expect(replay.playing).toBe(false);
		await replay.play();
		expect(feed.calls.at(-1)).toBe(`replayControl {"seekMs":${T},"playing":true}`);
		await replay.setSpeed('max');
		expect(feed.calls.at(-1)).toBe('replayControl {"speed":"max"}');
	});

	it('offers to apply another selection while one plays', async () => {
		const { replay } = setup('btcusdt');
		await replay.refresh();
		await replay.start();
		replay.apply(replaying());
		expect(replay.changed).toBe(false);
		replay.setRange(T + 1000, T + 600_000);
		expect(replay.changed).toBe(true);
	});

	it('seeks a few times a second while scrubbing, and at once when let go', async () => {
		const { feed, replay, tick } = setup('btcusdt');
		await replay.refresh();
		await replay.start();
		replay.apply(replaying());
		feed.calls = [];
		replay.scrub(T + 1000);
		replay.scrub(T + 2000);
		replay.scrub(T + 3000);
		expect(replay.positionMs).toBe(T + 3000);
		tick();
		await Promise.resolve();
		// Still held: the worker's older position does not pull the thumb back.
		replay.apply(replaying({ positionMs: T + 60_000 }));
		expect(replay.positionMs).toBe(T + 3000);
		replay.seek(T + 4000);
		expect(feed.calls).toEqual([
			`replayControl {"seekMs":${T + 1000}}`,
			`replayControl {"seekMs":${T + 3000}}`,
			`replayControl {"seekMs":${T + 4000}}`
		]);
		// Let go, but the seek is not answered yet: the preview holds.
		replay.apply(replaying({ positionMs: T + 60_000 }));
		expect(replay.positionMs).toBe(T + 4000);
		await new Promise((resolve) => setTimeout(resolve, 0));
		replay.apply(replaying({ positionMs: T + 4000 }));
		expect(replay.preview).toBeNull();
		expect(replay.positionMs).toBe(T + 4000);
	});

	it('shows a refused call in the worker words and stays where it was', async () => {
		const { feed, replay, host } = setup('btcusdt');
		await replay.refresh();
		feed.failReplay = 'import:9 is not a session';
		await replay.start();
		expect(replay.error).toBe('import:9 is not a session');
		expect(replay.active).toBe(false);
		expect(host).toEqual([]);
	});

	it('goes back to live on stop, and forgets the replay on a feed restart', async () => {
		const { feed, replay, host } = setup('btcusdt');
		await replay.refresh();
		await replay.start();
		replay.apply(replaying());
		await replay.stop();
		expect(feed.calls.at(-1)).toBe('stopReplay');
		expect(host).toEqual(['begin btcusdt', 'end']);
		expect([replay.active, replay.status]).toEqual([false, null]);
		await replay.start();
		replay.reset();
		expect(replay.active).toBe(false);
		// A status still saying replay after that is not ours any more.
		replay.apply(replaying());
		expect(replay.status).toBeNull();
	});

	it('lists and selects a session just imported', async () => {
		const { replay } = setup('btcusdt');
		await replay.refresh();
		const next = { ...file, id: 'import:2', label: 'x.zip' };
		replay.adopt(next);
		expect(replay.selectedId).toBe('import:2');
		// After the cached symbols, newest import first.
		expect(replay.sessions.map((s) => s.id)).toEqual([
			'cache:btcusdt',
			'cache:ethusdt',
			'import:2',
			'import:1'
		]);
	});

	it('replays a session just imported: selected whole, the panel open, live left for it', async () => {
		const { feed, replay, host } = setup('ethusdt');
		const next = { ...file, id: 'import:2', symbol: 'solusdt', fromMs: T + 5, toMs: T + 900 };
		feed.sessionList = [next, ...feed.sessionList];
		await replay.playImported(next);
		expect(replay.open).toBe(true);
		expect(replay.selectedId).toBe('import:2');
		expect(feed.calls).toEqual(['sessions', `replay import:2 ${T + 5} ${T + 900} 10`]);
		expect(host).toEqual(['begin solusdt']);
		expect(replay.symbol).toBe('solusdt');
		await replay.refresh();
		expect([replay.selectedId, replay.fromMs, replay.toMs]).toEqual(['import:2', T + 5, T + 900]);
	});
});
