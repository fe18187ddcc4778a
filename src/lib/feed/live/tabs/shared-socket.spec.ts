import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Connection } from '../../../binance/connection';
import { fakeSocketClass } from '../../../binance/testing/connection-fakes';
import { systemTimers } from '../../../runtime/system-timers';
import { FakeChannels, type FakeChannel } from '../../testing/channel-fakes';
import { FakeLocks } from '../../testing/lock-fakes';
import { SharedSocket } from './shared-socket';
import { HEARTBEAT_MS, LEADER_SILENT_MS, sharedSocketName } from './tab-messages';

const BASE = 'wss://stream.test';
const url = (...symbols: string[]) =>
	`${BASE}/stream?streams=${symbols.map((s) => `${s}@aggTrade`).join('/')}`;
const frame = (stream: string, n: number) => `{"stream":"${stream}","data":{"n":${n}}}`;

beforeEach(() => {
	vi.useFakeTimers();
	vi.setSystemTime(1_700_000_000_000);
});
afterEach(() => {
	vi.useRealTimers();
});

/** Tabs of one browser: shared locks and channels, each tab with its own fake sockets. */
function browser(options: { channels?: boolean } = {}) {
	const locks = new FakeLocks();
	const channels = new FakeChannels();
	let next = 0;
	const tab = (startUrl: string) => {
		const { Socket, sockets, last } = fakeSocketClass();
		const frames: string[] = [];
		const states: string[] = [];
		let channel: FakeChannel | null = null;
		const socket = new SharedSocket(
			{
				url: startUrl,
				wsBase: BASE,
				locks,
				channel: options.channels === false ? null : (name) => (channel = channels.open(name)),
				connect: (connectUrl, handlers) =>
					new Connection(
						{ url: connectUrl, Socket, now: () => Date.now(), timers: systemTimers },
						handlers
					),
				timers: systemTimers,
				now: () => Date.now(),
				tabId: `tab${(next += 1)}`
			},
			{
				frame: (text) => (frames.push(text), true),
				binary: () => undefined,
				state: (state) => void states.push(state)
			}
		);
		return { socket, sockets, last, frames, states, channel: () => channel };
	};
	return { locks, channels, tab };
}

/** A leader tab (BTCUSDT) with its socket open, and a follower (ETHUSDT) just started. */
async function leaderAndFollower() {
	const b = browser();
	const first = b.tab(url('btcusdt'));
	first.socket.start();
	await settle();
	first.last().open();
	const second = b.tab(url('ethusdt'));
	second.socket.start();
	return { b, first, second };
}

/** Lets the locks, the channel and the timers move `ms` on. */
async function settle(ms = 0): Promise<void> {
	await vi.advanceTimersByTimeAsync(ms);
}

describe('SharedSocket', () => {
	it('opens one socket for two tabs: the second follows and gets its streams by SUBSCRIBE', async () => {
		const b = browser();
		const first = b.tab(url('btcusdt'));
		first.socket.start();
		await settle();
		expect(first.socket.role).toBe('holds');
		expect(b.locks.isHeld(sharedSocketName(BASE))).toBe(true);
		first.last().open();
		first.last().receive(frame('btcusdt@aggTrade', 1));

		const second = b.tab(url('btcusdt', 'ethusdt'));
		second.socket.start();
		await settle();
		expect(second.socket.role).toBe('follows');
		expect(second.sockets).toHaveLength(0);
		expect(first.sockets).toHaveLength(1);
		expect(first.last().sent).toEqual([
			'{"method":"SUBSCRIBE","params":["ethusdt@aggTrade"],"id":1}'
		]);
		// The follower learns the leader's state at once.
		expect(second.socket.state).toBe('live');

		first.last().receive(frame('btcusdt@aggTrade', 2));
		first.last().receive(frame('ethusdt@aggTrade', 3));
		await settle(20);
		// Each tab gets the frames of its own streams, in order; the leader not ETHUSDT's.
		expect(first.frames).toEqual([frame('btcusdt@aggTrade', 1), frame('btcusdt@aggTrade', 2)]);
		expect(second.frames).toEqual([frame('btcusdt@aggTrade', 2), frame('ethusdt@aggTrade', 3)]);
	});

	it('a follower that adds a symbol changes the leader socket, at most one message per 250 ms', async () => {
		const b = browser();
		const first = b.tab(url('btcusdt'));
		first.socket.start();
		await settle();
		first.last().open();
		first.last().receive(frame('btcusdt@aggTrade', 1));
		const second = b.tab(url('btcusdt'));
		second.socket.start();
		await settle();
		second.socket.follow(url('btcusdt', 'ethusdt'));
		await settle();
		second.socket.follow(url('btcusdt', 'ethusdt', 'solusdt'));
		await settle();
		expect(first.last().sent).toHaveLength(1);
		await settle(250);
		expect(first.last().sent).toEqual([
			'{"method":"SUBSCRIBE","params":["ethusdt@aggTrade"],"id":1}',
			'{"method":"SUBSCRIBE","params":["solusdt@aggTrade"],"id":2}'
		]);
		expect(first.sockets).toHaveLength(1);
		expect(first.socket.controlMessages).toBe(2);
	});

	it('when the leader goes, the follower takes the lock and opens one socket for its streams', async () => {
		const { first, second } = await leaderAndFollower();
		await settle();

		first.socket.stop();
		await settle();
		expect(first.last().closed).toBe(true);
		expect(second.socket.role).toBe('holds');
		expect(second.sockets.map((s) => s.url)).toEqual([url('ethusdt')]);
		expect(second.socket.state).toBe('connecting');
		second.last().open();
		second.last().receive(frame('ethusdt@aggTrade', 9));
		expect(second.frames).toEqual([frame('ethusdt@aggTrade', 9)]);
		expect(second.socket.state).toBe('live');
	});

	it('a frozen leader: a follower takes the socket from it; thawed, it follows', async () => {
		const { b, first, second } = await leaderAndFollower();
		await settle(HEARTBEAT_MS * 2);
		expect(second.socket.role).toBe('follows');
		expect(second.sockets).toEqual([]);

		first.channel()?.freeze();
		await settle(LEADER_SILENT_MS + HEARTBEAT_MS);
		expect(second.socket.role).toBe('holds');
		expect(second.sockets.map((s) => s.url)).toEqual([url('ethusdt')]);
		// The frozen tab's lock was stolen: it lets its socket go, and follows once it runs.
		first.channel()?.thaw();
		await settle(HEARTBEAT_MS * 2);
		expect(first.socket.role).toBe('follows');
		expect(first.last().closed).toBe(true);
		expect(b.locks.isHeld(sharedSocketName(BASE))).toBe(true);
		second.last().open();
		await settle(HEARTBEAT_MS);
		second.last().receive(frame('btcusdt@aggTrade', 5));
		await settle(20);
		expect(first.frames).toEqual([frame('btcusdt@aggTrade', 5)]);
		expect(second.frames).toEqual([]);
	});

	it('a leader that answers keeps its socket, however long its followers run', async () => {
		const { first, second } = await leaderAndFollower();
		await settle(LEADER_SILENT_MS * 5);
		expect(first.socket.role).toBe('holds');
		expect(second.socket.role).toBe('follows');
		expect(second.sockets).toEqual([]);
	});

	it('a new leader learns the other followers streams and subscribes them', async () => {
		const b = browser();
		const first = b.tab(url('btcusdt'));
		first.socket.start();
		await settle();
		const second = b.tab(url('ethusdt'));
		second.socket.start();
		await settle();
		const third = b.tab(url('solusdt'));
		third.socket.start();
		await settle();

		first.socket.stop();
		await settle();
		expect(second.socket.role).toBe('holds');
		expect(third.socket.role).toBe('follows');
		second.last().open();
		// Control messages go out on a socket that is live (it delivered data).
		second.last().receive(frame('ethusdt@aggTrade', 1));
		await settle();
		expect(second.last().sent).toEqual([
			'{"method":"SUBSCRIBE","params":["solusdt@aggTrade"],"id":1}'
		]);
		second.last().receive(frame('solusdt@aggTrade', 4));
		await settle(20);
		expect(third.frames).toEqual([frame('solusdt@aggTrade', 4)]);
		expect(second.frames).toEqual([frame('ethusdt@aggTrade', 1)]);
	});

	it('unsubscribes the streams of a follower that stopped, or that vanished without a word', async () => {
		const b = browser();
		const first = b.tab(url('btcusdt'));
		first.socket.start();
		await settle();
		first.last().open();
		first.last().receive(frame('btcusdt@aggTrade', 1));
		const second = b.tab(url('ethusdt'));
		second.socket.start();
		await settle(250);
		expect(first.last().sent).toHaveLength(1);
		second.socket.stop();
		await settle(250);
		expect(first.last().sent.at(-1)).toBe(
			'{"method":"UNSUBSCRIBE","params":["ethusdt@aggTrade"],"id":2}'
		);

		// A closed tab's worker ends without a `bye`: it said what it wants once, then nothing.
		const ghost = b.channels.open(sharedSocketName(BASE));
		ghost.postMessage({ kind: 'want', tab: 'ghost', streams: ['solusdt@aggTrade'] });
		await settle(250);
		expect(first.last().sent.at(-1)).toBe(
			'{"method":"SUBSCRIBE","params":["solusdt@aggTrade"],"id":3}'
		);
		await settle(2 * HEARTBEAT_MS);
		expect(first.last().sent).toHaveLength(3);
		await settle(2 * HEARTBEAT_MS);
		expect(first.last().sent.at(-1)).toBe(
			'{"method":"UNSUBSCRIBE","params":["solusdt@aggTrade"],"id":4}'
		);
	});

	it('without BroadcastChannel every tab keeps its own socket', async () => {
		const b = browser({ channels: false });
		const first = b.tab(url('btcusdt'));
		const second = b.tab(url('btcusdt'));
		first.socket.start();
		second.socket.start();
		await settle();
		expect(first.socket.role).toBe('alone');
		expect(second.socket.role).toBe('alone');
		expect(first.sockets).toHaveLength(1);
		expect(second.sockets).toHaveLength(1);
	});

	it('a follower mirrors the leader state, and frames of other streams never reach it', async () => {
		const b = browser();
		const first = b.tab(url('btcusdt', 'ethusdt'));
		first.socket.start();
		await settle();
		const second = b.tab(url('ethusdt'));
		second.socket.start();
		await settle();
		first.last().open();
		first.last().receive(frame('btcusdt@aggTrade', 1));
		first.last().receive(frame('ethusdt@aggTrade', 2));
		await settle(20);
		expect(second.states.at(-1)).toBe('live');
		expect(second.frames).toEqual([frame('ethusdt@aggTrade', 2)]);
		first.last().drop();
		await settle();
		expect(second.socket.state).toBe('reconnecting');
	});
});
