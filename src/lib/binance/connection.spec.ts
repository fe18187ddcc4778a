import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Connection, type ConnectionState } from './connection';
import {
	connectionUnderTest as setup,
	FakeOnline,
	FakeSocket,
	TEST_URL as URL
} from './testing/connection-fakes';
import { AttemptBudget, backoffDelay, DEFAULT_TUNING, RetryPolicy } from './connection-policy';
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

describe('RetryPolicy', () => {
	it('grows with failed attempts, not with connections that delivered data', () => {
		const policy = new RetryPolicy(DEFAULT_TUNING);
		expect([false, false, false].map(() => policy.next(false, 0))).toEqual([250, 500, 1000]);
		expect(policy.next(true, 0.999)).toBeCloseTo(249.75, 5);
		expect(policy.next(true, 0)).toBe(0);
		expect(policy.next(false, 0)).toBe(250);
		expect(policy.silentFailures).toBe(1);
	});

	it('turns refused after errorAfterFailures silent attempts and waits the longest', () => {
		const policy = new RetryPolicy({ ...DEFAULT_TUNING, errorAfterFailures: 2 });
		policy.next(false, 0);
		expect(policy.refused).toBe(false);
		expect(policy.next(false, 0)).toBe(15_000);
		expect(policy.refused).toBe(true);
		policy.reset();
		expect(policy.refused).toBe(false);
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

	it('retries at once, with jitter, after a connection that delivered data, however briefly', () => {
		const t = setup();
		t.connection.start();
		for (let drop = 1; drop <= 10; drop++) {
			t.last().receive('data');
			vi.advanceTimersByTime(200);
			t.last().drop();
			// random 0.5 -> half of quickRetryMs (250 ms), on every drop: no growth.
			expect(t.connection.detail).toBe('Connection closed (code 1006); retrying in 0.1 s');
			vi.advanceTimersByTime(124);
			expect(t.sockets).toHaveLength(drop);
			vi.advanceTimersByTime(1);
			expect(t.sockets).toHaveLength(drop + 1);
		}
		expect(t.connection.state).toBe('reconnecting');
	});

	it('grows the backoff with failed attempts after a drop, and starts afresh after data', () => {
		const t = setup();
		t.connection.start();
		t.last().receive('data');
		t.last().drop();
		vi.advanceTimersByTime(125);
		// The server now refuses: 375, 750, 1500 ms (0.75 of each ceiling).
		for (const delay of [375, 750, 1500]) {
			t.last().drop(1006);
			expect(t.connection.detail).toBe(
				`Connection closed (code 1006); retrying in ${(delay / 1000).toFixed(1)} s`
			);
			vi.advanceTimersByTime(delay);
		}
		t.last().receive('data');
		expect(t.connection.state).toBe('live');
		t.last().drop();
		expect(t.connection.detail).toBe('Connection closed (code 1006); retrying in 0.1 s');
		vi.advanceTimersByTime(125);
		t.last().drop();
		expect(t.connection.detail).toBe('Connection closed (code 1006); retrying in 0.4 s');
	});

	it('bounds a server that accepts, sends a frame and drops, by the attempt budget', () => {
		const t = setup({ tuning: { attemptBudget: 5 } });
		t.connection.start();
		for (let i = 0; i < 4; i++) {
			t.last().receive('data');
			t.last().drop();
			vi.advanceTimersByTime(125);
		}
		expect(t.sockets).toHaveLength(5);
		t.last().receive('data');
		t.last().drop();
		// The first attempt leaves the 5-minute window 300 s after it was made, 0.5 s ago.
		expect(t.connection.detail).toBe('Connection closed (code 1006); retrying in 300 s');
		vi.advanceTimersByTime(300_000 - 4 * 125 - 1);
		expect(t.sockets).toHaveLength(5);
		vi.advanceTimersByTime(1);
		expect(t.sockets).toHaveLength(6);
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
			/^No market data for 10 s on a live connection; retrying in 0\.1 s$/
		);
		vi.advanceTimersByTime(125);
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
