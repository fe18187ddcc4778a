import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectionUnderTest as setup } from './testing/connection-fakes';

beforeEach(() => {
	vi.useFakeTimers();
	vi.setSystemTime(1_700_000_000_000);
});
afterEach(() => {
	vi.useRealTimers();
});

describe('Connection handover (24 h rollover, server shutdown)', () => {
	it('rolls over before 24 h without a gap: the old socket closes only once the new one has data', () => {
		const t = setup();
		t.connection.start();
		const first = t.last();
		first.receive('data');
		const started = Date.now();
		while (t.sockets.length === 1) {
			vi.advanceTimersByTime(5000);
			first.receive('data');
		}
		expect(Date.now() - started).toBe(23.5 * 3_600_000);
		expect(t.sockets).toHaveLength(2);
		const second = t.last();
		expect(first.closed).toBe(false);
		first.receive('data old');
		expect(t.frames.at(-1)).toBe('data old');
		second.receive('data new');
		expect(first.closed).toBe(true);
		expect(second.closed).toBe(false);
		expect(t.connection.state).toBe('live');
		expect(t.states.map(([state]) => state)).toEqual(['connecting', 'live']);
		// Frames of the retired socket are dropped.
		first.receive('data late');
		expect(t.frames.at(-1)).toBe('data new');
	});

	it('keeps the old socket when the handover socket fails, and tries again later', () => {
		const t = setup({ tuning: { handoverRetryMs: 60_000 } });
		t.connection.start();
		const first = t.last();
		first.receive('data');
		t.connection.handover();
		expect(t.sockets).toHaveLength(2);
		t.last().drop();
		expect(first.closed).toBe(false);
		expect(t.connection.state).toBe('live');
		for (let i = 0; i < 11; i++) {
			vi.advanceTimersByTime(5000);
			first.receive('data');
		}
		expect(t.sockets).toHaveLength(2);
		vi.advanceTimersByTime(5000);
		expect(t.sockets).toHaveLength(3);
		t.last().receive('data');
		expect(first.closed).toBe(true);
	});

	it('lets the handover socket take over when the old one closes first', () => {
		const t = setup();
		t.connection.start();
		const first = t.last();
		first.receive('data');
		t.connection.handover();
		t.connection.handover();
		expect(t.sockets).toHaveLength(2);
		first.drop(1001);
		expect(t.connection.state).toBe('reconnecting');
		expect(t.connection.detail).toMatch(/switching to the new connection/);
		t.last().receive('data');
		expect(t.connection.state).toBe('live');
		expect(t.sockets).toHaveLength(2);
	});
});
