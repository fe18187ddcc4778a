import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Connection, type ConnectionState } from './connection';
import {
	connectionUnderTest as setup,
	FakeOnline,
	FakeSocket,
	TEST_URL as URL
} from './testing/connection-fakes';
import { AttemptBudget, backoffDelay } from './connection-policy';
import { systemTimers } from '../runtime/system-timers';

beforeEach(() => {
	vi.useFakeTimers();
	vi.setSystemTime(1_700_000_000_000);
});
afterEach(() => {
	vi.useRealTimers();
});

describe('backoffDelay', () => {
	it('doubles from the base up to the cap, with equal jitter in [ceiling/2, ceiling)', () => {
		expect([1, 2, 3, 4].map((step) => backoffDelay(step, 0, 500, 30_000))).toEqual([
			250, 500, 1000, 2000
		]);
		expect(backoffDelay(8, 0, 500, 30_000)).toBe(15_000);
		expect(backoffDelay(50, 0.999999, 500, 30_000)).toBeCloseTo(30_000, 0);
		expect(backoffDelay(Number.POSITIVE_INFINITY, 0.5, 500, 30_000)).toBe(22_500);
	});
});

describe('AttemptBudget', () => {
	it('waits until the oldest attempt leaves the 5-minute window', () => {
		const budget = new AttemptBudget(2);
		budget.record(1000);
		budget.record(2000);
		expect(budget.waitMs(3000)).toBe(1000 + 300_000 - 3000);
		expect(budget.waitMs(301_000)).toBe(0);
	});
});

describe('Connection', () => {
	it('is connecting until the first data frame, not merely open', () => {
		const t = setup();
		t.connection.start();
		expect(t.sockets).toHaveLength(1);
		expect(t.sockets[0]?.url).toBe(URL);
		expect(t.connection.state).toBe('connecting');
		t.last().open();
		t.last().receive('{"result":null,"id":1}');
		expect(t.connection.state).toBe('connecting');
		t.last().receive('data 1');
		expect(t.connection.state).toBe('live');
		expect(t.states.map(([state]) => state)).toEqual(['connecting', 'live']);
		expect(t.frames).toEqual(['{"result":null,"id":1}', 'data 1']);
	});

	it('reconnects with growing jittered delays and reaches error after 5 silent failures', () => {
		const t = setup();
		t.connection.start();
		// random 0.5 -> 0.75 of each ceiling: 375, 750, 1500, 3000 ms.
		for (const delay of [375, 750, 1500, 3000]) {
			t.last().drop();
			expect(t.connection.state).toBe('reconnecting');
			const count = t.sockets.length;
			vi.advanceTimersByTime(delay - 1);
			expect(t.sockets).toHaveLength(count);
			vi.advanceTimersByTime(1);
			expect(t.sockets).toHaveLength(count + 1);
		}
		t.last().drop(1006);
		expect(t.connection.state).toBe('error');
		expect(t.connection.detail).toMatch(/HTTP 451/);
		expect(t.connection.detail).toMatch(/Settings/);
		// Still retrying, at the slowest pace (0.75 of 30 s).
		vi.advanceTimersByTime(22_500);
		expect(t.sockets).toHaveLength(6);
		expect(t.connection.state).toBe('error');
		t.last().receive('data');
		expect(t.connection.state).toBe('live');
		expect(t.connection.attempts).toBe(6);
	});

	it('keeps backing off for a connection that dies soon after going live, resets after a stable one', () => {
		const t = setup();
		t.connection.start();
		t.last().receive('data');
		vi.advanceTimersByTime(2000);
		t.last().drop();
		expect(t.connection.detail).toBe('Connection closed (code 1006); retrying in 0.4 s');
		vi.advanceTimersByTime(375);
		t.last().receive('data');
		vi.advanceTimersByTime(2000);
		t.last().drop();
		expect(t.connection.detail).toBe('Connection closed (code 1006); retrying in 0.8 s');
		vi.advanceTimersByTime(750);
		for (let i = 0; i <= 12; i++) {
			t.last().receive('data');
			if (i < 12) vi.advanceTimersByTime(5000);
		}
		expect(t.sockets).toHaveLength(3);
		t.last().drop(1001);
		expect(t.connection.detail).toBe('Connection closed (code 1001); retrying in 0.4 s');
	});

	it('kills a live socket after 10 s without data frames; replies do not count', () => {
		const t = setup();
		t.connection.start();
		t.last().receive('data');
		for (let i = 0; i < 5; i++) {
			vi.advanceTimersByTime(9000);
			t.last().receive('data');
		}
		expect(t.last().closed).toBe(false);
		vi.advanceTimersByTime(9000);
		t.last().receive('{"result":null,"id":2}');
		vi.advanceTimersByTime(1000);
		expect(t.sockets[0]?.closed).toBe(true);
		expect(t.connection.state).toBe('reconnecting');
		expect(t.connection.detail).toMatch(
			/^No market data for 10 s on a live connection; retrying in 0\.4 s$/
		);
		vi.advanceTimersByTime(375);
		expect(t.sockets).toHaveLength(2);
	});

	it('gives up on a socket that delivers nothing within the connect timeout', () => {
		const t = setup({ tuning: { connectTimeoutMs: 15_000 } });
		t.connection.start();
		t.last().open();
		vi.advanceTimersByTime(14_999);
		expect(t.last().closed).toBe(false);
		vi.advanceTimersByTime(1);
		expect(t.sockets[0]?.closed).toBe(true);
		expect(t.connection.detail).toMatch(/since connecting/);
	});

	it('goes offline without attempts and reconnects at once when the network returns', () => {
		const online = new FakeOnline(true);
		const t = setup({ online });
		t.connection.start();
		t.last().receive('data');
		online.set(false);
		expect(t.connection.state).toBe('offline');
		expect(t.sockets[0]?.closed).toBe(true);
		vi.advanceTimersByTime(600_000);
		expect(t.sockets).toHaveLength(1);
		online.set(true);
		expect(t.sockets).toHaveLength(2);
		expect(t.connection.state).toBe('connecting');
	});

	it('starts offline when the device has no network', () => {
		const t = setup({ online: new FakeOnline(false) });
		t.connection.start();
		expect(t.sockets).toHaveLength(0);
		expect(t.connection.state).toBe('offline');
	});

	it('never exceeds the attempt budget in 5 minutes', () => {
		const t = setup({ tuning: { attemptBudget: 4, backoffMaxMs: 1000, errorAfterFailures: 99 } });
		t.connection.start();
		for (let i = 0; i < 3; i++) {
			t.last().drop();
			vi.advanceTimersByTime(1000);
		}
		expect(t.sockets).toHaveLength(4);
		t.last().drop();
		vi.advanceTimersByTime(299_000 - 3 * 1000 - 1);
		expect(t.sockets).toHaveLength(4);
		vi.advanceTimersByTime(1001);
		expect(t.sockets).toHaveLength(5);
	});

	it('spaces control messages and refuses them without an open socket', () => {
		const t = setup({ tuning: { controlGapMs: 250 } });
		t.connection.start();
		expect(t.connection.send('a')).toBe(false);
		t.last().open();
		expect(t.connection.send('a')).toBe(true);
		t.connection.send('b');
		t.connection.send('c');
		expect(t.last().sent).toEqual(['a']);
		vi.advanceTimersByTime(250);
		expect(t.last().sent).toEqual(['a', 'b']);
		vi.advanceTimersByTime(250);
		expect(t.last().sent).toEqual(['a', 'b', 'c']);
	});

	it('survives a socket constructor that throws', () => {
		let calls = 0;
		const states: ConnectionState[] = [];
		class Flaky extends FakeSocket {
			constructor(url: string) {
				calls += 1;
				if (calls === 1) throw new SyntaxError('bad url');
				super(url);
			}
		}
		const connection = new Connection(
			{ url: URL, Socket: Flaky, now: () => Date.now(), timers: systemTimers, random: () => 0 },
			{ frame: () => true, binary: () => {}, state: (s) => void states.push(s) }
		);
		connection.start();
		expect(states).toEqual(['connecting', 'reconnecting']);
		vi.advanceTimersByTime(250);
		expect(calls).toBe(2);
		connection.stop();
	});

	it('reports binary frames apart from text frames', () => {
		const t = setup();
		t.connection.start();
		t.last().receive(new Uint8Array([1, 2]));
		expect(t.binary()).toBe(1);
		expect(t.frames).toEqual([]);
		expect(t.connection.state).toBe('connecting');
	});

	it('stop closes every socket and leaves no timer behind', () => {
		const t = setup();
		t.connection.start();
		t.last().receive('data');
		t.connection.handover();
		t.connection.stop();
		expect(t.sockets.every((socket) => socket.closed)).toBe(true);
		expect(vi.getTimerCount()).toBe(0);
		t.sockets[0]?.receive('data');
		expect(t.frames).toEqual(['data']);
	});
});
